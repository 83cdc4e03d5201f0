// Composition root of the service: `npm start` runs every role in one process; `--role bot` or
// `--role worker` runs one (several processes of each may share PostgreSQL and Redis).
import { parseArgs } from 'node:util'
import { startHttpServer } from '../http/create-http-server.js'
import { openDatabase, prepareDatabase } from './database.js'
import { configOrExit } from './environment.js'
import { createLogger } from './logger.js'
import { createOperationsDashboard } from './operations.js'
import { MISSING_BOT_TOKEN } from './messages.js'
import { pingRedis, resolveRedis } from './redis.js'
import { createShutdown } from './shutdown.js'
import { createTelegramRole } from './telegram.js'
import { createViberRole } from './viber.js'
import { createWorkerRole } from './worker-role.js'
import { sql } from 'kysely'

const config = configOrExit()
const { values: args } = parseArgs({ options: { role: { type: 'string', default: 'all' } }, strict: false })
const role = args.role === 'bot' || args.role === 'worker' ? args.role : 'all'

const logger = createLogger({ level: config.logLevel })
const shutdown = createShutdown(logger)
shutdown.onSignals()
process.on('unhandledRejection', (error) => {
  logger.fatal({ err: error }, 'unhandled rejection')
  void shutdown.run('unhandled rejection').then(() => process.exit(1))
})

try {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger })
  shutdown.add('database', database.close)
  await prepareDatabase(database.db, logger)

  const redis = await resolveRedis({ redisUrl: config.redisUrl, dataDir: config.dataDir, logger })
  shutdown.add('redis', redis.stop)
  logger.info({ source: redis.source }, 'Redis is reachable')

  if (config.botToken === undefined) {
    process.stderr.write(MISSING_BOT_TOKEN)
    await shutdown.run('BOT_TOKEN is not set')
    process.exit(1)
  }

  const withToken = { ...config, botToken: config.botToken }
  if (role !== 'bot') {
    const workers = await createWorkerRole({ config: withToken, db: database.db, redisUrl: redis.url, logger })
    shutdown.add('workers', workers.stop)
  }
  const telegram =
    role === 'worker'
      ? null
      : await createTelegramRole({ config: withToken, db: database.db, redisUrl: redis.url, logger })
  if (telegram) shutdown.add('telegram', telegram.stop)
  const viber =
    role === 'worker' || config.viber === undefined
      ? null
      : await createViberRole({
          config: { ...withToken, viber: config.viber },
          db: database.db,
          redisUrl: redis.url,
          logger,
        })
  if (viber) shutdown.add('viber', viber.stop)

  const dashboard =
    config.dashboardPassword === undefined
      ? null
      : createOperationsDashboard({
          password: config.dashboardPassword,
          db: database.db,
          redisUrl: redis.url,
          redisPrefix: config.redisPrefix,
          logger,
        })
  if (dashboard) shutdown.add('operations page', dashboard.stop)

  const http = await startHttpServer({
    routes: [...(telegram?.routes ?? []), ...(viber?.routes ?? []), ...(dashboard ? [dashboard.route] : [])],
    host: config.http.host,
    port: config.http.port,
    onError: (error) => {
      logger.error({ err: error }, 'HTTP request failed')
    },
    health: async () => {
      const checks: Record<string, 'ok' | 'failing'> = {}
      checks.database = await sql`select 1`.execute(database.db).then(
        () => 'ok' as const,
        () => 'failing' as const,
      )
      checks.redis = await pingRedis(redis.url).then(
        () => 'ok' as const,
        () => 'failing' as const,
      )
      return { ok: Object.values(checks).every((c) => c === 'ok'), checks }
    },
  })
  shutdown.add('http', http.close)
  logger.info({ origin: http.origin }, 'HTTP server listening')
  await telegram?.start()
  await viber?.start()
  logger.info({ role }, 'service started')
} catch (error) {
  logger.fatal({ err: error }, 'start failed')
  await shutdown.run('start failed')
  process.exit(1)
}
