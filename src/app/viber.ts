import { createHmac, randomUUID } from 'node:crypto'
import { Api } from 'grammy'
import { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createDialogueStateStore } from '../bot/shared/dialogue-state-store.js'
import { createViberClient } from '../bot/viber/client.js'
import type { ViberClient } from '../bot/viber/client.js'
import { createViberBot } from '../bot/viber/create-viber-bot.js'
import { downloadPicture } from '../bot/viber/download.js'
import { createViberRenderer } from '../bot/viber/render.js'
import { createViberSender } from '../bot/viber/sender.js'
import { VIBER_WEBHOOK_PATH } from '../bot/viber/webhook-path.js'
import type { MessengerSender } from '../core/delivery/ports.js'
import { makeHandleDialogueEvent } from '../core/dialogue/handle-dialogue-event.js'
import { makeResidentServices } from '../core/dialogue/resident-services.js'
import { languageFrom } from '../core/i18n/text.js'
import { createTranslator } from '../core/i18n/translate.js'
import type { RequestDraft } from '../core/requests/request.js'
import { MAX_PHOTO_BYTES } from '../core/requests/request.js'
import type { SubmitRequestResult } from '../core/requests/submit-request.js'
import { makeSubmitRequest } from '../core/requests/submit-request.js'
import {
  deletePhotoUploads,
  loadPhotoUploads,
  requestPhotoContent,
  storePhotoUpload,
} from '../db/repositories/photo-uploads.js'
import { createRequestStore } from '../db/repositories/request-store.js'
import { createResidentStore } from '../db/repositories/resident-store.js'
import { ensureChannelUser, markIdentityUnreachable, userLanguage } from '../db/repositories/users.js'
import type { Database } from '../db/schema.js'
import { createTransact } from '../db/transact.js'
import type { CheckState } from '../http/health.js'
import type { MediaFile, MediaLinks } from '../http/media.js'
import { createMediaLinks, mediaFiles } from '../http/media.js'
import type { HttpSurface } from '../http/surface.js'
import { viberWebhook } from '../http/viber-webhook.js'
import type { Config } from './config.js'
import { loadDictionaries } from './locales.js'
import type { Logger } from './logger.js'
import { residentPipelineFor } from './resident-pipeline.js'
import { keepConnecting } from './keep-connecting.js'
import type { KeepConnecting } from './keep-connecting.js'
import { viberUnreachable } from './messages.js'
import { cachedCatalogue } from './telegram.js'

/** How long a link to a photo works (Viber fetches it when the message goes out). */
const MEDIA_LINK_TTL_SECONDS = 7 * 24 * 3600

export type ViberConfig = NonNullable<Config['viber']>

export const viberClientFor = (viber: ViberConfig): ViberClient =>
  createViberClient({ authToken: viber.authToken, apiRoot: viber.apiRoot, botName: viber.botName })

/** Media links are signed with a key of their own, derived from the bot's token (no extra setting to manage). */
export function mediaLinksFor(config: Config & { viber: ViberConfig }): MediaLinks | null {
  if (config.publicUrl === undefined) return null
  const secret = createHmac('sha256', config.viber.authToken).update('service-115 media links').digest('hex')
  return createMediaLinks({ baseUrl: config.publicUrl, secret, ttlSeconds: MEDIA_LINK_TTL_SECONDS })
}

/** A photo Telegram holds, fetched through getFile, for people who read in another channel. */
function telegramFiles(config: Config): ((fileId: string) => Promise<MediaFile | null>) | null {
  const token = config.botToken
  if (token === undefined) return null
  const api = new Api(token, { apiRoot: config.telegramApiRoot })
  return async (fileId) => {
    const file = await api.getFile(fileId).catch(() => null)
    if (!file?.file_path || (file.file_size ?? 0) > MAX_PHOTO_BYTES) return null
    const response = await fetch(`${config.telegramApiRoot}/file/bot${token}/${file.file_path}`)
    if (!response.ok) return null
    const content = Buffer.from(await response.arrayBuffer())
    return { content, mimeType: file.file_path.toLowerCase().endsWith('.png') ? 'image/png' : 'image/jpeg' }
  }
}

/** Photos still in the upload store become bytes of the request (ones gone stale are left out), then leave the store. */
function withUploadedPhotos(
  db: Kysely<Database>,
  submit: (draft: RequestDraft) => Promise<SubmitRequestResult>,
): (draft: RequestDraft) => Promise<SubmitRequestResult> {
  return async (draft) => {
    const ids = draft.photos.flatMap((p) => (p.uploadId === undefined ? [] : [p.uploadId]))
    if (ids.length === 0) return submit(draft)
    const uploads = await loadPhotoUploads(db, draft.authorUserId, ids)
    const photos = draft.photos.flatMap(({ uploadId, ...photo }) => {
      if (uploadId === undefined) return [photo]
      const upload = uploads.get(uploadId)
      return upload
        ? [{ ...photo, content: upload.content, mimeType: upload.mimeType, sizeBytes: upload.content.length }]
        : []
    })
    const result = await submit({ ...draft, photos })
    if (result.ok) await deletePhotoUploads(db, draft.authorUserId, ids)
    return result
  }
}

export interface ViberRole {
  /** The webhook, and the media links Viber fetches pictures from. */
  surfaces: HttpSurface[]
  /** For the send queue: status updates, ratings and notices to Viber users. */
  sender: MessengerSender
  /** Checks the account in the background, retrying with backoff until Viber answers. */
  start: () => void
  state: () => CheckState
  stop: () => Promise<void>
}

/** Wires the resident dialogue for Viber: the same core dialogue and stores as Telegram, Viber's client and webhook. */
export async function createViberRole(options: {
  config: Config & { viber: ViberConfig }
  db: Kysely<Database>
  redisUrl: string
  logger: Logger
}): Promise<ViberRole> {
  const { config, db, logger } = options
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3 })
  redis.on('error', (error) => {
    logger.error({ err: error }, 'Redis (Viber) error')
  })
  const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: config.timeZone })
  const catalogue = cachedCatalogue(db)
  const transact = createTransact(db, createRequestStore)
  const submitRequest = makeSubmitRequest({ transact, now: () => new Date() })
  const states = createDialogueStateStore(redis, `${config.redisPrefix}:dialogue:`)
  const handleDialogueEvent = makeHandleDialogueEvent({
    states,
    residents: makeResidentServices({
      store: createResidentStore(db),
      catalogue,
      submitRequest: withUploadedPhotos(db, submitRequest),
    }),
    catalogue,
    newId: randomUUID,
  })
  const client = viberClientFor(config.viber)
  const links = mediaLinksFor(config)
  const fromTelegram = telegramFiles(config)
  const photoUrl = (fileId: string): string | null =>
    links && fromTelegram ? links.url({ kind: 'telegram', fileId }) : null

  const loadPerson = async (viberUserId: string, languageCode: string | undefined) => {
    const userId = await ensureChannelUser(db, {
      channel: 'viber',
      externalId: viberUserId,
      language: languageFrom(languageCode),
    })
    return { userId, language: await userLanguage(db, userId) }
  }

  const bot = createViberBot({
    client,
    pipeline: residentPipelineFor({ channel: 'viber', config, db, redis, handleDialogueEvent, loadPerson, logger }),
    pendingChoices: async (viberUserId) => (await states.load(`viber:${viberUserId}`))?.expected ?? [],
    loadPerson,
    markUnsubscribed: (viberUserId) => markIdentityUnreachable(db, 'viber', viberUserId, 'unsubscribed'),
    downloadPicture: (url) => downloadPicture(url, { maxBytes: MAX_PHOTO_BYTES }),
    storePhoto: (userId, content, mimeType) => storePhotoUpload(db, { userId, content, mimeType }),
    render: createViberRenderer({ translate, photoUrl }),
    log: logger,
  })

  const surfaces: HttpSurface[] = [
    viberWebhook({ path: VIBER_WEBHOOK_PATH, authToken: config.viber.authToken, handle: bot.handle }),
  ]
  if (links)
    surfaces.push(
      mediaFiles({
        links,
        loadPhoto: (id) => requestPhotoContent(db, id),
        loadTelegramFile: fromTelegram ?? (() => Promise.resolve(null)),
      }),
    )
  let connecting: KeepConnecting | undefined

  return {
    surfaces,
    sender: createViberSender({ client, photoUrl }),
    start: () => {
      // A check of the account only: the webhook takes callbacks meanwhile.
      connecting ??= keepConnecting({
        attempt: async () => {
          const account = await client.getAccountInfo()
          logger.info({ viber: account.name, webhook: account.webhook }, 'Viber bot ready')
        },
        onFirstFailure: (error, retryInMs) => {
          logger.warn({ err: error }, viberUnreachable(config.viber.apiRoot, retryInMs))
        },
      })
    },
    state: () => connecting?.state() ?? 'connecting',
    stop: async () => {
      connecting?.stop()
      await bot.idle()
      redis.disconnect()
    },
  }
}
