import { createServer } from 'node:net'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startEntry, waitForLine } from '../../support/run-process.js'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        resolve(typeof address === 'object' && address !== null ? address.port : 0)
      })
    })
  })
}

export interface RunningService {
  origin: string
  output: () => { stdout: string; stderr: string }
  stop: () => Promise<void>
  /** SIGKILL: no graceful shutdown, as a crash would leave it. */
  kill: () => Promise<void>
}

/** Runs `npm start`'s entry point as its own process against the fake Telegram, a test database and Redis. */
export async function startService(options: {
  telegram: FakeTelegram
  databaseUrl: string
  webhook?: { port: number; secret: string }
  /** Scripted residents type faster than people; the default limit would slow them down. */
  floodLimit?: number
  /** Kept across a restart of the same service. */
  redisPrefix?: string
  timeZone?: string
  /** ADMIN_TELEGRAM_IDS: made region admins at start. */
  adminTelegramIds?: number[]
  /** More settings (e.g. the Viber channel's); they win over the defaults above. */
  env?: Record<string, string>
}): Promise<RunningService> {
  const env: Record<string, string> = {
    BOT_TOKEN: options.telegram.token,
    TELEGRAM_API_ROOT: options.telegram.apiRoot,
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 's115-e2e-')),
    HTTP_PORT: String(options.webhook?.port ?? 0),
    FLOOD_LIMIT: String(options.floodLimit ?? 1000),
    // Several services run at once in the tests, each with its own database: their queues must not meet.
    REDIS_PREFIX: options.redisPrefix ?? `e2e${Math.random().toString(36).slice(2, 10)}`,
    SWEEP_EVERY_SECONDS: '1',
    ...(options.timeZone !== undefined && { TIMEZONE: options.timeZone }),
    ...(options.adminTelegramIds && { ADMIN_TELEGRAM_IDS: options.adminTelegramIds.join(',') }),
    ...(options.webhook && {
      WEBHOOK_URL: `http://127.0.0.1:${options.webhook.port}`,
      WEBHOOK_SECRET: options.webhook.secret,
    }),
    ...options.env,
  }
  const service = startEntry('main', [], env)
  const origin = await waitForLine(service, (line) => /"origin":"(http:\/\/[^"]+)"/.exec(line)?.[1], 60_000)
  await waitForLine(service, (line) => (line.includes('Telegram bot ready') ? true : undefined), 60_000)
  return {
    origin,
    output: service.output,
    stop: async () => {
      if (service.child.exitCode !== null) return
      service.child.kill('SIGTERM')
      await service.finished
    },
    kill: async () => {
      if (service.child.exitCode !== null) return
      service.child.kill('SIGKILL')
      await service.finished
    },
  }
}

/**
 * A fixed-offset zone in which it is early afternoon now: what the tests send "never at night"
 * is then due whenever they run.
 */
export function afternoonZone(now = new Date()): string {
  let offset = 14 - now.getUTCHours()
  if (offset > 14) offset -= 24
  if (offset < -12) offset += 24
  // Etc/GMT zones have the sign reversed: Etc/GMT-3 is UTC+3.
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`
}
