// Composition root of the service: `npm start` runs every role in one process; `--role bot` or
// `--role worker` runs one (several processes of each may share PostgreSQL and Redis).
import { parseArgs } from 'node:util'
import { startHttpServer } from '../http/create-http-server.js'
import { healthChecks } from '../http/health.js'
import { homePage } from '../http/home.js'
import { openDatabase, prepareDatabase } from './database.js'
import { configOrExit } from './environment.js'
import { createLogger } from './logger.js'
import { MISSING_BOT_TOKEN, running } from './messages.js'
import { createOperationsDashboard } from './operations.js'
import { resolveRedis } from './redis.js'
import type { Role, ServiceParts } from './service-status.js'
import { browsableUrl, readiness, runningParts } from './service-status.js'
import { createShutdown } from './shutdown.js'
import { createTelegramRole } from './telegram.js'
import { createViberRole } from './viber.js'
import { createWorkerRole } from './worker-role.js'

const config = configOrExit()
const { values: args } = parseArgs({ options: { role: { type: 'string', default: 'all' } }, strict: false })
const role: Role = args.role === 'bot' || args.role === 'worker' ? args.role : 'all'

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

  const token = config.botToken
  // The one warning, in words for whoever ran `npm start`; the log's last line says telegram: off.
  if (token === undefined) process.stderr.write(MISSING_BOT_TOKEN)

  if (role !== 'bot') {
    const workers = await createWorkerRole({ config, db: database.db, redisUrl: redis.url, logger })
    shutdown.add('workers', workers.stop)
  }
  const telegram =
    role === 'worker' || token === undefined
      ? null
      : await createTelegramRole({
          config: { ...config, botToken: token },
          db: database.db,
          redisUrl: redis.url,
          logger,
        })
  if (telegram) shutdown.add('telegram', telegram.stop)
  const viber =
    role === 'worker' || config.viber === undefined
      ? null
      : await createViberRole({
          config: { ...config, viber: config.viber },
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

  const status: ServiceParts = {
    role,
    config,
    db: database.db,
    redisUrl: redis.url,
    telegram,
    viber,
    dashboard: dashboard !== null,
  }

  // The server listens before any messenger is reached: /health answers even while they do not.
  const http = await startHttpServer({
    surfaces: [
      healthChecks({ readiness: readiness(status) }),
      homePage({ parts: runningParts(status) }),
      ...(telegram?.surfaces ?? []),
      ...(viber?.surfaces ?? []),
      ...(dashboard ? [dashboard.surface] : []),
    ],
    host: config.http.host,
    port: config.http.port,
    onError: (error) => {
      logger.error({ err: error }, 'HTTP request failed')
    },
  })
  shutdown.add('http', http.close)
  logger.info({ origin: http.origin }, 'HTTP server listening')
  telegram?.start()
  viber?.start()
  const url = browsableUrl(config.http.host, http.port)
  logger.info(
    {
      role,
      pid: process.pid,
      url,
      telegram: telegram ? 'on' : 'off',
      viber: viber ? 'on' : 'off',
      workers: role !== 'bot',
    },
    running(url, process.pid),
  )
} catch (error) {
  logger.fatal({ err: error }, 'start failed')
  await shutdown.run('start failed')
  process.exit(1)
}
