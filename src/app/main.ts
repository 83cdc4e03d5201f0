// Composition root of `npm start`: every role in one process.
import { startHttpServer } from '../http/create-http-server.js'
import { openDatabase, prepareDatabase } from './database.js'
import { configOrExit } from './environment.js'
import { createLogger } from './logger.js'
import { MISSING_BOT_TOKEN } from './messages.js'
import { pingRedis, resolveRedis } from './redis.js'
import { createShutdown } from './shutdown.js'
import { createTelegramRole } from './telegram.js'
import { sql } from 'kysely'

const config = configOrExit()

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

  const telegram = await createTelegramRole({
    config: { ...config, botToken: config.botToken },
    db: database.db,
    redisUrl: redis.url,
    logger,
  })
  shutdown.add('telegram', telegram.stop)

  const http = await startHttpServer({
    routes: telegram.routes,
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
  await telegram.start()
} catch (error) {
  logger.fatal({ err: error }, 'start failed')
  await shutdown.run('start failed')
  process.exit(1)
}
