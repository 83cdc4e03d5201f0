import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { originOf } from '../http/create-http-server.js'
import type { CheckState, Readiness } from '../http/health.js'
import { readinessOf } from '../http/health.js'
import type { RunningPart } from '../http/home.js'
import type { Config } from './config.js'
import { pingRedis } from './redis.js'

/** /ready's checks of the database and Redis give up after this. */
const CHECK_TIMEOUT_MS = 2000

export type Role = 'all' | 'bot' | 'worker'

/** What this process runs, for /ready and the home page. A channel is null when it is off here. */
export interface ServiceParts {
  role: Role
  config: Config
  db: Kysely<Database>
  redisUrl: string
  telegram: { state: () => CheckState } | null
  viber: { state: () => CheckState } | null
  dashboard: boolean
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

/** Database, Redis, and each channel switched on in this process. */
export function readiness(parts: ServiceParts): () => Promise<Readiness> {
  const { telegram, viber } = parts
  return () =>
    readinessOf({
      database: () => withTimeout(sql`select 1`.execute(parts.db), CHECK_TIMEOUT_MS).then(() => 'ok' as const),
      redis: () => pingRedis(parts.redisUrl, CHECK_TIMEOUT_MS).then(() => 'ok' as const),
      ...(telegram && { telegram: () => Promise.resolve(telegram.state()) }),
      ...(viber && { viber: () => Promise.resolve(viber.state()) }),
    })
}

/** The home page's list, in the words of the start-up log. */
export function runningParts(parts: ServiceParts): () => RunningPart[] {
  const { role, config } = parts
  const elsewhere = 'not in this process'
  return () => [
    {
      name: 'Telegram',
      state:
        role === 'worker'
          ? elsewhere
          : parts.telegram === null
            ? 'off (BOT_TOKEN is not set)'
            : `on (${config.webhook ? 'webhook' : 'long polling'}): ${parts.telegram.state()}`,
    },
    {
      name: 'Viber',
      state:
        role === 'worker'
          ? elsewhere
          : parts.viber === null
            ? 'off (VIBER_AUTH_TOKEN is not set)'
            : `on: ${parts.viber.state()}`,
    },
    { name: 'Delivery workers', state: role === 'bot' ? elsewhere : 'running' },
    {
      name: 'Operators’ pages',
      state: parts.dashboard ? '/admin/queues, /admin/delivery' : 'off (DASHBOARD_PASSWORD is not set)',
    },
  ]
}

/** What a person can open in a browser: a wildcard address is reached through loopback. */
export function browsableUrl(host: string, port: number): string {
  if (host === '0.0.0.0') return `${originOf('127.0.0.1', port)}/`
  if (host === '::') return `${originOf('::1', port)}/`
  return `${originOf(host, port)}/`
}
