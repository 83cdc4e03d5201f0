import type { HandleDialogueEvent } from '../../core/dialogue/handle-dialogue-event.js'
import type { InboundEvent } from '../../core/dialogue/messages.js'
import { choices, say } from '../../core/dialogue/messages.js'
import { MAIN_MENU } from '../../core/dialogue/step-kit.js'
import type { Language } from '../../core/i18n/text.js'
import { text } from '../../core/i18n/text.js'
import { createKeyedQueue } from '../../core/shared/keyed-queue.js'
import type { FloodGuard } from '../shared/flood-guard.js'
import type { ViberClient, ViberMessage } from './client.js'
import type { DownloadedPicture } from './download.js'
import type { ViberInboundMessage } from './events.js'
import { ViberCallback } from './events.js'
import type { ViberRender } from './render.js'
import { asOneMessage } from './render.js'
import { ratingOf, toInboundEvent } from './to-inbound-event.js'

type Rating = 0 | 1 | 2 | 3 | 4 | 5

export interface ViberBotDeps {
  client: Pick<ViberClient, 'sendMessage' | 'welcomeBody'>
  handleDialogueEvent: HandleDialogueEvent
  /** The choice values of the person's pending prompt (what their current keyboard offers). */
  pendingChoices: (viberUserId: string) => Promise<string[]>
  /** The person behind a Viber user, created on first contact; writing again makes them reachable. */
  loadPerson: (viberUserId: string, languageCode: string | undefined) => Promise<{ userId: number; language: Language }>
  /** false: this callback was handled before (Viber retried it). */
  markProcessed: (messageToken: string) => Promise<boolean>
  /** They unsubscribed: sends to them fail until they write again. */
  markUnsubscribed: (viberUserId: string) => Promise<void>
  rate: (
    userId: number,
    requestId: number,
    rating: Rating,
  ) => Promise<'closed' | 'reopened' | 'already-rated' | 'not-allowed'>
  downloadPicture: (url: string) => Promise<DownloadedPicture>
  /** Keeps a photo until the draft is sent; returns its upload id. */
  storePhoto: (userId: number, content: Buffer, mimeType: string) => Promise<number>
  floodGuard: FloodGuard
  render: ViberRender
  log: {
    error: (fields: Record<string, unknown>, message: string) => void
    warn: (fields: Record<string, unknown>, message: string) => void
  }
}

const RATING_REPLY = {
  closed: 'rating.thanks',
  reopened: 'rating.reopened',
  'already-rated': 'rating.already',
  'not-allowed': 'rating.not-found',
} as const

/**
 * The Viber side of the resident dialogue. `handle` takes a verified callback and returns the
 * body of the webhook's answer: the welcome for `conversation_started`, else nothing. Messages
 * are acknowledged at once and handled afterwards, one person's strictly in order.
 */
export function createViberBot(deps: ViberBotDeps) {
  const serial = createKeyedQueue()
  const inFlight = new Set<Promise<void>>()

  async function send(receiver: string, messages: ViberMessage[]): Promise<void> {
    for (const message of messages) {
      const result = await deps.client.sendMessage(receiver, message)
      if (result.kind === 'sent') continue
      deps.log.warn({ receiver, result }, 'Viber reply not sent')
      if (result.kind === 'unreachable') return
    }
  }

  /** A picture: fetched now (its link expires) and kept; what the dialogue cannot take, it refuses by itself. */
  async function pictureEvent(userId: number, media: string | undefined): Promise<InboundEvent | null> {
    if (media === undefined) return { type: 'unsupported', kind: 'other' }
    const picture = await deps.downloadPicture(media)
    if (picture.ok) {
      const uploadId = await deps.storePhoto(userId, picture.content, picture.mimeType)
      return {
        type: 'photo',
        photo: { ref: { uploadId }, mimeType: picture.mimeType, sizeBytes: picture.content.length },
      }
    }
    // Never stored: the dialogue turns these down on size or type before it keeps a photo.
    if (picture.reason === 'too-large')
      return { type: 'photo', photo: { ref: { uploadId: 0 }, mimeType: 'image/jpeg', sizeBytes: picture.sizeBytes } }
    if (picture.reason === 'not-image')
      return { type: 'photo', photo: { ref: { uploadId: 0 }, mimeType: 'application/octet-stream', sizeBytes: 1 } }
    return null
  }

  async function onMessage(viberUserId: string, languageCode: string | undefined, message: ViberInboundMessage) {
    const verdict = await deps.floodGuard(`viber:${viberUserId}`)
    if (verdict === 'drop') return
    const person = await deps.loadPerson(viberUserId, languageCode)
    if (verdict === 'warn') {
      await send(viberUserId, deps.render(person.language, [say(text('common.flood'))]))
      return
    }
    try {
      const rating = ratingOf(message)
      if (rating) {
        // Ratings answer a message the workers sent, outside the dialogue's current question.
        const outcome = await deps.rate(person.userId, rating.requestId, rating.rating)
        await send(viberUserId, deps.render(person.language, [say(text(RATING_REPLY[outcome]), choices(MAIN_MENU, 2))]))
        return
      }
      const event =
        message.type === 'picture'
          ? await pictureEvent(person.userId, message.media)
          : toInboundEvent(message, await deps.pendingChoices(viberUserId))
      if (event === null) {
        await send(viberUserId, deps.render(person.language, [say(text('common.error'))]))
        return
      }
      const reply = await deps.handleDialogueEvent({
        channel: 'viber',
        externalId: viberUserId,
        userId: person.userId,
        channelLanguage: languageCode,
        event,
      })
      await send(viberUserId, deps.render(reply.language, reply.messages))
    } catch (error) {
      deps.log.error({ err: error, viberUserId }, 'Viber message failed')
      await send(viberUserId, deps.render(person.language, [say(text('common.error'))])).catch(() => undefined)
    }
  }

  function later(key: string, task: () => Promise<void>): void {
    const running: Promise<void> = serial(key, task)
      .catch((error: unknown) => {
        deps.log.error({ err: error, viberUserId: key }, 'Viber callback failed')
      })
      .finally(() => inFlight.delete(running))
    inFlight.add(running)
  }

  return {
    handle: async (body: unknown): Promise<object | null> => {
      const parsed = ViberCallback.safeParse(body)
      if (!parsed.success) return null
      const callback = parsed.data
      switch (callback.event) {
        case 'conversation_started': {
          if (!(await deps.markProcessed(callback.message_token))) return null
          const { user } = callback
          // The one message allowed before they write: the welcome goes back in this answer.
          return serial(user.id, async () => {
            const person = await deps.loadPerson(user.id, user.language)
            const reply = await deps.handleDialogueEvent({
              channel: 'viber',
              externalId: user.id,
              userId: person.userId,
              channelLanguage: user.language,
              event: { type: 'start', payload: callback.context?.trim() ? callback.context.trim() : null },
            })
            return deps.client.welcomeBody(asOneMessage(deps.render(reply.language, reply.messages)))
          })
        }
        case 'message': {
          if (!(await deps.markProcessed(callback.message_token))) return null
          const { sender, message } = callback
          later(sender.id, () => onMessage(sender.id, sender.language, message))
          return null
        }
        case 'subscribed':
          await deps.loadPerson(callback.user.id, callback.user.language)
          return null
        case 'unsubscribed':
          await deps.markUnsubscribed(callback.user_id)
          return null
        default:
          return null
      }
    },
    /** Resolves when every message taken so far has been handled (for shutdown and tests). */
    idle: async (): Promise<void> => {
      while (inFlight.size > 0) await Promise.all([...inFlight])
    },
  }
}

export type ViberBot = ReturnType<typeof createViberBot>
