import { randomUUID } from 'node:crypto'
import type { ConversationData, VersionedState } from '@grammyjs/conversations'
import { run } from '@grammyjs/runner'
import { RedisAdapter } from '@grammyjs/storage-redis'
import type { RunnerHandle } from '@grammyjs/runner'
import type { Api } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createDialogueStateStore } from '../bot/shared/dialogue-state-store.js'
import { createTelegramBot } from '../bot/telegram/create-telegram-bot.js'
import { createRenderer } from '../bot/telegram/render.js'
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookUrl } from '../bot/telegram/webhook.js'
import type { Catalogue } from '../core/dialogue/catalogue.js'
import { makeHandleDialogueEvent } from '../core/dialogue/handle-dialogue-event.js'
import { makeResidentServices } from '../core/dialogue/resident-services.js'
import { RESIDENT_COMMANDS } from '../core/access/commands.js'
import { LANGUAGES, languageFrom, text } from '../core/i18n/text.js'
import { createTranslator } from '../core/i18n/translate.js'
import { makeSubmitRequest } from '../core/requests/submit-request.js'
import { loadCatalogue } from '../db/repositories/catalogue.js'
import { createRequestStore } from '../db/repositories/request-store.js'
import { createResidentStore } from '../db/repositories/resident-store.js'
import { loadChannelPerson, markIdentityUnreachable } from '../db/repositories/users.js'
import type { Database } from '../db/schema.js'
import { createTransact } from '../db/transact.js'
import type { CheckState } from '../http/health.js'
import type { HttpSurface } from '../http/surface.js'
import { telegramWebhook } from '../http/telegram-webhook.js'
import type { StaffFeature } from '../bot/telegram/context.js'
import type { Config } from './config.js'
import type { StaffResources } from './staff/wiring.js'
import { createStaffFeatures } from './staff/features.js'
import { loadDictionaries } from './locales.js'
import type { Logger } from './logger.js'
import { residentPipelineFor } from './resident-pipeline.js'
import { keepConnecting } from './keep-connecting.js'
import type { KeepConnecting } from './keep-connecting.js'
import { telegramUnreachable } from './messages.js'

const CATALOGUE_TTL_MS = 60_000
/** How long a stopping bot waits for the updates it is handling. */
const STOP_GRACE_MS = 10_000
/** Abandoned staff wizards expire after this long. */
const CONVERSATION_TTL_SECONDS = 7 * 24 * 3600
/** Bump when a staff wizard's steps change, so old replay logs are dropped instead of replayed. */
const CONVERSATION_VERSION = 2
type GrammySignal = NonNullable<Parameters<Api['getMe']>[0]>

/** Each call at start-up waits this long for the Bot API (grammY's own default is minutes). */
const START_CALL_TIMEOUT_MS = 10_000

/**
 * Whose wizard an update belongs to: the chat in a private chat; in a group each person has their
 * own, so two dispatchers in one linked group do not end each other's.
 */
export function conversationKey(
  chat: { id: number; type: string } | undefined,
  from: { id: number } | undefined,
): string | undefined {
  if (!chat) return undefined
  if (chat.type === 'private') return String(chat.id)
  return from ? `${chat.id}:${from.id}` : undefined
}

/** Reference data is read once a minute at most: it is small and an admin's edit may wait that long. */
export function cachedCatalogue(db: Kysely<Database>): () => Promise<Catalogue> {
  let cached: { at: number; value: Promise<Catalogue> } | undefined
  return () => {
    if (!cached || Date.now() - cached.at > CATALOGUE_TTL_MS) {
      const value = loadCatalogue(db)
      cached = { at: Date.now(), value }
      value.catch(() => {
        cached = undefined
      })
    }
    return cached.value
  }
}

export interface TelegramRole {
  /** For the HTTP server: the webhook, in webhook mode. */
  surfaces: HttpSurface[]
  /** Reaches the Bot API in the background, retrying with backoff until it answers. */
  start: () => void
  /** ok once the bot is set up and taking updates. */
  state: () => CheckState
  stop: () => Promise<void>
}

/** Wires the resident bot: core dialogue, PostgreSQL, Redis state, grammY; polling or webhook. */
export async function createTelegramRole(options: {
  config: Config & { botToken: string }
  db: Kysely<Database>
  redisUrl: string
  logger: Logger
  botInfo?: UserFromGetMe
}): Promise<TelegramRole> {
  const { config, db, logger } = options
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 })
  redis.on('error', (error) => {
    logger.error({ err: error }, 'Redis (bot) error')
  })
  const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: config.timeZone })
  const catalogue = cachedCatalogue(db)
  const submitRequest = makeSubmitRequest({ transact: createTransact(db, createRequestStore), now: () => new Date() })
  const handleDialogueEvent = makeHandleDialogueEvent({
    states: createDialogueStateStore(redis, `${config.redisPrefix}:dialogue:`),
    residents: makeResidentServices({ store: createResidentStore(db), catalogue, submitRequest }),
    catalogue,
    newId: randomUUID,
  })
  const staff: StaffResources = { db, config, translate, logger }
  const features: StaffFeature[] = createStaffFeatures(staff)
  const bot = createTelegramBot({
    token: config.botToken,
    apiRoot: config.telegramApiRoot,
    ...(options.botInfo && { botInfo: options.botInfo }),
    pipeline: residentPipelineFor({
      channel: 'telegram',
      config,
      db,
      redis,
      handleDialogueEvent,
      loadPerson: (externalId, languageCode) =>
        loadChannelPerson(db, { channel: 'telegram', externalId, language: languageFrom(languageCode) }),
      logger,
    }),
    features,
    conversationStorage: {
      type: 'key',
      version: CONVERSATION_VERSION,
      // The prefix is put in here, not in `prefix`: the plugin would turn a missing key into "<prefix>undefined".
      getStorageKey: (ctx) => {
        const key = conversationKey(ctx.chat, ctx.from)
        return key === undefined ? undefined : `${config.redisPrefix}:conversation:${key}`
      },
      adapter: new RedisAdapter<VersionedState<ConversationData>>({ instance: redis, ttl: CONVERSATION_TTL_SECONDS }),
    },
    markBlocked: (telegramUserId) => markIdentityUnreachable(db, 'telegram', String(telegramUserId), 'blocked'),
    translate,
    render: createRenderer(translate),
    log: logger,
  })
  const webhook = config.webhook
  let runner: RunnerHandle | undefined
  let connecting: KeepConnecting | undefined
  const allowedUpdates = ['message', 'callback_query', 'my_chat_member'] as const

  // Each try picks up where the last one stopped; every call here may be repeated.
  const setUp = async (stopping: AbortSignal): Promise<void> => {
    // grammY types signals with an old shim's AbortSignal; at run time it takes the standard one.
    const signal = () =>
      AbortSignal.any([stopping, AbortSignal.timeout(START_CALL_TIMEOUT_MS)]) as unknown as GrammySignal
    // getMe by hand: bot.init() retries a silent network failure for as long as it lasts.
    if (!bot.isInited()) bot.botInfo = await bot.api.getMe(signal())
    for (const language of LANGUAGES) {
      const commands = RESIDENT_COMMANDS.map((command) => ({
        command,
        description: translate(language, text(`command.${command}`)),
      }))
      await bot.api.setMyCommands(commands, language === 'ru' ? {} : { language_code: language }, signal())
    }
    for (const feature of features) await feature.start?.(bot.api)
    if (webhook) {
      await bot.api.setWebhook(
        telegramWebhookUrl(webhook.url),
        { secret_token: webhook.secret, allowed_updates: [...allowedUpdates] },
        signal(),
      )
      logger.info({ bot: bot.botInfo.username, mode: 'webhook' }, 'Telegram bot ready')
    } else {
      await bot.api.deleteWebhook({}, signal())
      if (stopping.aborted) return
      runner = run(bot, { runner: { fetch: { allowed_updates: [...allowedUpdates] } } })
      logger.info({ bot: bot.botInfo.username, mode: 'polling' }, 'Telegram bot ready')
    }
  }

  return {
    surfaces: webhook
      ? [
          telegramWebhook({
            path: TELEGRAM_WEBHOOK_PATH,
            secret: webhook.secret,
            bot,
            ready: () => bot.isInited(),
          }),
        ]
      : [],
    start: () => {
      connecting ??= keepConnecting({
        attempt: setUp,
        onFirstFailure: (error, retryInMs) => {
          logger.warn({ err: error }, telegramUnreachable(config.telegramApiRoot, retryInMs))
        },
        onRetry: (error, attempt) => {
          logger.debug({ err: error, attempt }, 'the Telegram Bot API still does not answer')
        },
        onRecovered: () => {
          logger.info({}, 'the Telegram Bot API answers again')
        },
      })
    },
    state: () => connecting?.state() ?? 'connecting',
    stop: async () => {
      connecting?.stop()
      await connecting?.settled
      if (runner?.isRunning() === true) await runner.stop()
      // The runner's stop ends fetching but not the updates in hand; a wizard saves its step
      // after replying, so Redis must stay connected until they are done.
      const deadline = Date.now() + STOP_GRACE_MS
      while (runner !== undefined && runner.size() > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50))
      redis.disconnect()
    },
  }
}
