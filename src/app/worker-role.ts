import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createTelegramSender } from '../bot/telegram/telegram-sender.js'
import { createTelegramEditor } from '../bot/telegram/telegram-editor.js'
import type { MessengerChannel } from '../core/delivery/ports.js'
import { createTranslator } from '../core/i18n/translate.js'
import { makeCloseUnrated } from '../core/requests/close-unrated.js'
import { createDeliveryStore } from '../db/repositories/delivery-store.js'
import { createDispatchDeliveryStore } from '../db/repositories/dispatch-delivery-store.js'
import { createNoticeDeliveryStore } from '../db/repositories/notice-delivery-store.js'
import { createNoticeProgressStore } from '../db/repositories/notice-progress-store.js'
import { createOutboxRelayStore } from '../db/repositories/outbox-relay-store.js'
import { createRequestStore } from '../db/repositories/request-store.js'
import type { Database } from '../db/schema.js'
import { createTransact } from '../db/transact.js'
import { createNoticeProgressReporter } from '../workers/notice-progress.js'
import { startWorkers } from '../workers/start-workers.js'
import type { RunningWorkers } from '../workers/start-workers.js'
import type { Config } from './config.js'
import { loadDictionaries } from './locales.js'
import { createViberDeliverySender } from './viber-delivery.js'
import type { Logger } from './logger.js'

/** BullMQ keys: a hash tag, so a Redis Cluster keeps every queue of a deployment on one shard. */
export const queuePrefix = (redisPrefix: string): string => `{${redisPrefix}}`

/** Wires the delivery workers: outbox relay, send queue, notifications, timers, broadcasts, sweeps. */
export async function createWorkerRole(options: {
  config: Config
  db: Kysely<Database>
  redisUrl: string
  logger: Logger
  ownsSchedules?: boolean
}): Promise<RunningWorkers & { stop: () => Promise<void> }> {
  const { config, db, logger } = options
  // Workers block on Redis: no per-command retry limit (BullMQ requires it).
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null })
  connection.on('error', (error) => {
    logger.warn({ err: error }, 'Redis (workers) error')
  })
  const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: config.timeZone })
  // Without Viber, its users are nobody's recipients: no job is made for them (as for anyone
  // without a reachable Telegram chat), so none waits on a queue no worker takes.
  const channels: MessengerChannel[] = config.viber ? ['telegram', 'viber'] : ['telegram']
  if (!config.viber) logger.info({}, 'Viber is off: people reachable only in Viber get no messages from the workers')
  const token = config.botToken
  if (token === undefined)
    logger.info({}, 'Telegram is off: messages for Telegram wait in their queue until a process with BOT_TOKEN runs')
  const running = await startWorkers({
    connection,
    prefix: queuePrefix(config.redisPrefix),
    outbox: createOutboxRelayStore(db),
    store: createDeliveryStore(db, { channels }),
    dispatch: createDispatchDeliveryStore(db),
    notices: createNoticeDeliveryStore(db, { channels }),
    sender: token === undefined ? undefined : createTelegramSender({ token, apiRoot: config.telegramApiRoot }),
    ...(config.viber && { viber: { sender: createViberDeliverySender({ ...config, viber: config.viber }) } }),
    translate,
    closeUnrated: makeCloseUnrated({ transact: createTransact(db, createRequestStore), now: () => new Date() }),
    timeZone: config.timeZone,
    sendRatePerSecond: config.sendRatePerSecond,
    sweepEveryMs: config.sweepEveryMs,
    ownsSchedules: options.ownsSchedules ?? true,
    now: () => new Date(),
    log: logger,
  })
  // Admins' notice progress messages (in Telegram): edited every few seconds at most.
  const progress =
    token === undefined
      ? null
      : createNoticeProgressReporter({
          store: createNoticeProgressStore(db),
          editor: createTelegramEditor({ token, apiRoot: config.telegramApiRoot }),
          translate,
          everyMs: Math.min(3000, config.sweepEveryMs),
          log: logger,
        })
  progress?.start()
  logger.info({ rate: config.sendRatePerSecond, channels }, 'delivery workers running')
  return {
    ...running,
    stop: async () => {
      await progress?.stop()
      await running.close()
      connection.disconnect()
    },
  }
}
