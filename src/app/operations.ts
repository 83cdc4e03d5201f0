import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { deliveryOverview } from '../db/repositories/delivery-overview.js'
import type { Database } from '../db/schema.js'
import { operationsDashboard } from '../http/operations-dashboard.js'
import type { HttpSurface } from '../http/surface.js'
import { queueOverview } from '../workers/queue-overview.js'
import { createQueues } from '../workers/queues.js'
import type { Logger } from './logger.js'
import { queuePrefix } from './worker-role.js'

/** The operators' delivery page: queues from Redis, outbox, dead letters and notices from PostgreSQL. */
export function createOperationsDashboard(options: {
  password: string
  db: Kysely<Database>
  redisUrl: string
  redisPrefix: string
  logger: Logger
}): { surface: HttpSurface; stop: () => Promise<void> } {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true })
  connection.on('error', (error) => {
    options.logger.warn({ err: error }, 'Redis (operations page) error')
  })
  const queues = createQueues(connection, queuePrefix(options.redisPrefix))
  return {
    surface: operationsDashboard({
      password: options.password,
      snapshot: async () => {
        const [{ queues: figures, failedJobs }, delivery] = await Promise.all([
          queueOverview(queues),
          deliveryOverview(options.db),
        ])
        return { at: new Date().toISOString(), queues: figures, failedJobs, delivery }
      },
    }),
    stop: async () => {
      await Promise.all(Object.values(queues).map((q) => q.close()))
      connection.disconnect()
    },
  }
}
