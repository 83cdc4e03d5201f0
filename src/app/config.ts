import { z } from 'zod'

// Empty values in an .env file mean "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional())

const url = z.url({ protocol: /^https?$/ })

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}, 'not a time zone name known to this system, e.g. Europe/Minsk')

const Env = z.object({
  BOT_TOKEN: optional(z.string().regex(/^\d{3,}:[A-Za-z0-9_-]{20,}$/, 'looks like 123456789:AA…, from @BotFather')),
  TELEGRAM_API_ROOT: optional(url),
  WEBHOOK_URL: optional(url),
  // Telegram's rule for secret_token: 1–256 of A–Z, a–z, 0–9, _ and -.
  WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters of A–Z, a–z, 0–9, _ and -')),
  HTTP_HOST: optional(z.string().min(1)),
  HTTP_PORT: optional(z.coerce.number().int().min(0).max(65535)),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/ })),
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/ })),
  DATA_DIR: optional(z.string().min(1)),
  VIBER_AUTH_TOKEN: optional(z.string().min(10)),
  VIBER_API_ROOT: optional(url),
  VIBER_BOT_NAME: optional(z.string().min(1)),
  PUBLIC_URL: optional(url),
  TIMEZONE: optional(timeZone),
  ADMIN_TELEGRAM_IDS: optional(z.string().regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'comma-separated Telegram user ids')),
  REDIS_PREFIX: optional(z.string().regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, _ and -')),
  SEND_RATE_PER_SECOND: optional(z.coerce.number().int().min(1).max(1000)),
  SWEEP_EVERY_SECONDS: optional(z.coerce.number().int().min(1).max(3600)),
  FLOOD_LIMIT: optional(z.coerce.number().int().min(1).max(10_000)),
  DASHBOARD_PASSWORD: optional(z.string().min(16, 'at least 16 characters')),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
})

export interface Config {
  botToken: string | undefined
  telegramApiRoot: string
  webhook: { url: string; secret: string } | undefined
  http: { host: string; port: number }
  databaseUrl: string | undefined
  redisUrl: string | undefined
  /** Names this deployment's keys in Redis, so several can share one server. */
  redisPrefix: string
  dataDir: string
  viber: { authToken: string; apiRoot: string; botName: string } | undefined
  publicUrl: string | undefined
  timeZone: string
  adminTelegramIds: number[]
  /** Messages one person may send in 10 seconds before being asked to slow down. */
  floodLimit: number
  /** The send queue's budget, for the whole bot across processes (Telegram allows about 30/s). */
  sendRatePerSecond: number
  sweepEveryMs: number
  /** The operators' pages (/admin/queues Bull Board, /admin/delivery; user "admin"); off when not set. */
  dashboardPassword: string | undefined
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`)
    this.name = 'ConfigError'
  }
}

const trimSlash = (value: string): string => value.replace(/\/+$/, '')

/** Parses the environment once. Problems are reported by variable name, never with values (they may be secrets). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env)
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
  // Checked apart from the schema so it is reported together with every other problem.
  const isSet = (name: string) => (env[name] ?? '').trim() !== ''
  if (isSet('WEBHOOK_URL') && !isSet('WEBHOOK_SECRET'))
    problems.push('WEBHOOK_SECRET: is required when WEBHOOK_URL is set (Telegram sends it with every update)')
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems)
  const e = parsed.data
  const webhook =
    e.WEBHOOK_URL !== undefined && e.WEBHOOK_SECRET !== undefined
      ? { url: trimSlash(e.WEBHOOK_URL), secret: e.WEBHOOK_SECRET }
      : undefined
  return Object.freeze({
    botToken: e.BOT_TOKEN,
    telegramApiRoot: trimSlash(e.TELEGRAM_API_ROOT ?? 'https://api.telegram.org'),
    webhook,
    http: { host: e.HTTP_HOST ?? '127.0.0.1', port: e.HTTP_PORT ?? 8080 },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX ?? 's115',
    dataDir: e.DATA_DIR ?? './data',
    viber:
      e.VIBER_AUTH_TOKEN === undefined
        ? undefined
        : {
            authToken: e.VIBER_AUTH_TOKEN,
            apiRoot: trimSlash(e.VIBER_API_ROOT ?? 'https://chatapi.viber.com/pa'),
            botName: e.VIBER_BOT_NAME ?? 'Service 115',
          },
    publicUrl: e.PUBLIC_URL !== undefined ? trimSlash(e.PUBLIC_URL) : webhook?.url,
    timeZone: e.TIMEZONE ?? 'Europe/Minsk',
    adminTelegramIds: (e.ADMIN_TELEGRAM_IDS ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .map(Number),
    floodLimit: e.FLOOD_LIMIT ?? 20,
    sendRatePerSecond: e.SEND_RATE_PER_SECOND ?? 25,
    sweepEveryMs: (e.SWEEP_EVERY_SECONDS ?? 30) * 1000,
    dashboardPassword: e.DASHBOARD_PASSWORD,
    logLevel: e.LOG_LEVEL ?? 'info',
  })
}
