import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { loadDictionaries } from '../../src/app/locales.js'
import { createTelegramSender } from '../../src/bot/telegram/telegram-sender.js'
import type { MessengerSender } from '../../src/core/delivery/ports.js'
import { createTranslator } from '../../src/core/i18n/translate.js'
import { makeCloseUnrated } from '../../src/core/requests/close-unrated.js'
import { createDeliveryStore } from '../../src/db/repositories/delivery-store.js'
import { createDispatchDeliveryStore } from '../../src/db/repositories/dispatch-delivery-store.js'
import { createNoticeDeliveryStore } from '../../src/db/repositories/notice-delivery-store.js'
import { createOutboxRelayStore } from '../../src/db/repositories/outbox-relay-store.js'
import { createRequestStore } from '../../src/db/repositories/request-store.js'
import type { Database } from '../../src/db/schema.js'
import { createTransact } from '../../src/db/transact.js'
import type { RunningWorkers } from '../../src/workers/start-workers.js'
import { startWorkers } from '../../src/workers/start-workers.js'
import { QUEUES } from '../../src/workers/jobs.js'
import type { FakeTelegram } from './fake-telegram/server.js'

/** A clock the test moves: SLA and rating times without waiting hours. */
export function testClock(start: Date) {
  let now = start.getTime()
  return {
    now: () => new Date(now),
    set: (at: Date) => {
      now = at.getTime()
    },
    advance: (ms: number) => {
      now += ms
    },
  }
}

/** Noon today in the given zone's terms is not needed: Minsk is UTC+3 all year, so 09:00Z is noon there. */
export const MINSK_NOON = (): Date => {
  const d = new Date()
  d.setUTCHours(9, 0, 0, 0)
  return d
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined }

/** The delivery workers in this process, on the real Redis under a prefix of their own. */
export async function startTestWorkers(options: {
  db: Kysely<Database>
  telegram: FakeTelegram
  now: () => Date
  sendRatePerSecond?: number
  retry?: { attempts: number; backoffMs: number }
  sender?: MessengerSender
}): Promise<RunningWorkers & { stop: () => Promise<void>; prefix: string }> {
  const connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null })
  const prefix = `{t${randomBytes(4).toString('hex')}}`
  const running = await startWorkers({
    connection,
    prefix,
    outbox: createOutboxRelayStore(options.db),
    store: createDeliveryStore(options.db),
    dispatch: createDispatchDeliveryStore(options.db),
    notices: createNoticeDeliveryStore(options.db),
    sender:
      options.sender ?? createTelegramSender({ token: options.telegram.token, apiRoot: options.telegram.apiRoot }),
    translate: createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' }),
    closeUnrated: makeCloseUnrated({ transact: createTransact(options.db, createRequestStore), now: options.now }),
    timeZone: 'Europe/Minsk',
    sendRatePerSecond: options.sendRatePerSecond ?? 100,
    sweepEveryMs: 500,
    ownsSchedules: true,
    ...(options.retry && { retry: options.retry }),
    now: options.now,
    log: silent,
  })
  return {
    ...running,
    prefix,
    stop: async () => {
      await running.close()
      const keys = await connection.keys(`${prefix}*`)
      if (keys.length > 0) await connection.del(...keys)
      connection.disconnect()
    },
  }
}

/** Polls until `check` holds (the workers run on real time). */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Resolves once the sweep has run `runs` more times from now: whatever it would redo, it has redone. */
export async function sweepsRun(workers: RunningWorkers | undefined, runs = 2): Promise<void> {
  if (!workers) throw new Error('the workers are not running')
  const maintenance = workers.queues[QUEUES.maintenance]
  const done = async () => (await maintenance.getJobCounts('completed')).completed ?? 0
  const target = (await done()) + runs
  await eventually(async () => (await done()) >= target)
}

/** Send jobs still to run (waiting, delayed or running): none means nothing more can be sent. */
export async function sendsPending(workers: RunningWorkers | undefined): Promise<number> {
  if (!workers) throw new Error('the workers are not running')
  const counts = await workers.queues[QUEUES.send].getJobCounts('waiting', 'prioritized', 'delayed', 'active')
  return Object.values(counts).reduce((sum, n) => sum + n, 0)
}
