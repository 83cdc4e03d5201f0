import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { deliveryOverview } from '../db/repositories/delivery-overview.js'
import type { Database } from '../db/schema.js'
import { operationsDashboard } from '../http/operations-dashboard.js'
import { queueBoard } from '../http/queue-board.js'
import type { HttpSurface } from '../http/surface.js'
import { queueOverview } from '../workers/queue-overview.js'
import { createQueues } from '../workers/queues.js'
import type { Logger } from './logger.js'
import { queuePrefix } from './worker-role.js'

/**
 * The operators' pages: the delivery page (queues from Redis, outbox, dead letters and notices from
 * PostgreSQL) and Bull Board over the same queues, both behind DASHBOARD_PASSWORD.
 */
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
  const delivery = operationsDashboard({
    password: options.password,
    snapshot: async () => {
      const [{ queues: figures, failedJobs }, delivery] = await Promise.all([
        queueOverview(queues),
        deliveryOverview(options.db),
      ])
      return { at: new Date().toISOString(), queues: figures, failedJobs, delivery }
    },
  })
  const board = queueBoard({ password: options.password, queues: Object.values(queues) })
  return {
    // Two plugins, so each keeps its own hooks and limits.
    surface: async (app) => {
      await app.register(async (plugin) => {
        await delivery(plugin)
      })
      await app.register(async (plugin) => {
        await board(plugin)
      })
    },
    stop: async () => {
      await Promise.all(Object.values(queues).map((q) => q.close()))
      connection.disconnect()
    },
  }
}
