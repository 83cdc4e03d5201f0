// Composition root of the service: `npm start` runs every role in one process; `--role bot` or
// `--role worker` runs one (several processes of each may share PostgreSQL and Redis).
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { originOf, startHttpServer } from '../http/create-http-server.js'
import { healthChecks, readinessOf } from '../http/health.js'
import type { CheckState } from '../http/health.js'
import { homePage } from '../http/home.js'
import type { RunningPart } from '../http/home.js'
import { openDatabase, prepareDatabase } from './database.js'
import { configOrExit } from './environment.js'
import { createLogger } from './logger.js'
import { MISSING_BOT_TOKEN, running } from './messages.js'
import { createOperationsDashboard } from './operations.js'
import { pingRedis, resolveRedis } from './redis.js'
import { createShutdown } from './shutdown.js'
import { createTelegramRole } from './telegram.js'
import { createViberRole } from './viber.js'
import { createWorkerRole } from './worker-role.js'

const config = configOrExit()
const { values: args } = parseArgs({ options: { role: { type: 'string', default: 'all' } }, strict: false })
const role = args.role === 'bot' || args.role === 'worker' ? args.role : 'all'

/** /ready's checks of the database and Redis give up after this. */
const CHECK_TIMEOUT_MS = 2000

const logger = createLogger({ level: config.logLevel })
const shutdown = createShutdown(logger)
shutdown.onSignals()
process.on('unhandledRejection', (error) => {
  logger.fatal({ err: error }, 'unhandled rejection')
  void shutdown.run('unhandled rejection').then(() => process.exit(1))
})

/** What a person can open in a browser: a wildcard address is reached through loopback. */
function browsableUrl(origin: string, host: string, port: number): string {
  if (host === '0.0.0.0') return `${originOf('127.0.0.1', port)}/`
  if (host === '::') return `${originOf('::1', port)}/`
  return `${origin}/`
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => {
      setTimeout(() => {
        reject(new Error(`no answer within ${String(ms)} ms`))
      }, ms).unref()
    }),
  ])

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

  const channelChecks: Record<string, () => Promise<CheckState>> = {
    ...(telegram && { telegram: () => Promise.resolve(telegram.state()) }),
    ...(viber && { viber: () => Promise.resolve(viber.state()) }),
  }
  const parts = (): RunningPart[] => [
    {
      name: 'Telegram',
      state:
        role === 'worker'
          ? 'not in this process'
          : token === undefined
            ? 'off (BOT_TOKEN is not set)'
            : `on (${config.webhook ? 'webhook' : 'long polling'}): ${telegram?.state() ?? 'off'}`,
    },
    {
      name: 'Viber',
      state: role === 'worker' ? 'not in this process' : config.viber ? 'on' : 'off (VIBER_AUTH_TOKEN is not set)',
    },
    { name: 'Delivery workers', state: role === 'bot' ? 'not in this process' : 'running' },
    { name: 'Operators’ page', state: dashboard ? '/admin/queues' : 'off (DASHBOARD_PASSWORD is not set)' },
  ]

  // The server listens before any messenger is reached: /health answers even while they do not.
  const http = await startHttpServer({
    surfaces: [
      healthChecks({
        readiness: () =>
          readinessOf({
            database: () => withTimeout(sql`select 1`.execute(database.db), CHECK_TIMEOUT_MS).then(() => 'ok' as const),
            redis: () => pingRedis(redis.url, CHECK_TIMEOUT_MS).then(() => 'ok' as const),
            ...channelChecks,
          }),
      }),
      homePage({ parts }),
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
  const port = Number(new URL(http.origin).port)
  const url = browsableUrl(http.origin, config.http.host, port)
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
