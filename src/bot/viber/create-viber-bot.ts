import type { DialogueReply } from '../../core/dialogue/handle-dialogue-event.js'
import { createKeyedQueue } from '../../core/shared/keyed-queue.js'
import type { ResidentInput, ResidentPerson, ResidentPipeline } from '../shared/resident-pipeline.js'
import { ratingOf } from '../shared/rating-button.js'
import type { ViberClient, ViberMessage } from './client.js'
import type { DownloadedPicture } from './download.js'
import type { ViberInboundMessage } from './events.js'
import { ViberCallback } from './events.js'
import type { ViberRender } from './render.js'
import { asOneMessage } from './render.js'
import { toInboundEvent } from './to-inbound-event.js'

export interface ViberBotDeps {
  client: Pick<ViberClient, 'sendMessage' | 'welcomeBody'>
  /** The resident's turn: dedupe, flood guard, person, rating or dialogue. */
  pipeline: ResidentPipeline<ResidentPerson>
  /** The choice values of the person's pending prompt (what their current keyboard offers). */
  pendingChoices: (viberUserId: string) => Promise<string[]>
  /** The person behind a Viber user, created on first contact; writing again makes them reachable. */
  loadPerson: (viberUserId: string, languageCode: string | undefined) => Promise<ResidentPerson>
  /** They unsubscribed: sends to them fail until they write again. */
  markUnsubscribed: (viberUserId: string) => Promise<void>
  downloadPicture: (url: string) => Promise<DownloadedPicture>
  /** Keeps a photo until the draft is sent; returns its upload id. */
  storePhoto: (userId: number, content: Buffer, mimeType: string) => Promise<number>
  render: ViberRender
  log: {
    error: (fields: Record<string, unknown>, message: string) => void
    warn: (fields: Record<string, unknown>, message: string) => void
  }
}

// Stands in for a picture's upload until the dialogue takes it (only then is it stored).
const NOT_STORED = { uploadId: 0 }

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

  /**
   * A picture, or a file that may be one: fetched now (its link expires) and checked by its bytes;
   * kept only if the dialogue takes it. Files that are no picture are documents, as before.
   */
  async function mediaInput(message: ViberInboundMessage): Promise<ResidentInput> {
    const asFile = message.type === 'file'
    if (message.media === undefined)
      return { type: 'event', event: { type: 'unsupported', kind: asFile ? 'document' : 'other' } }
    const picture = await deps.downloadPicture(message.media)
    if (picture.ok) {
      const { content, mimeType } = picture
      return {
        type: 'event',
        event: { type: 'photo', photo: { ref: NOT_STORED, mimeType, sizeBytes: content.length } },
        keepPhoto: async (userId) => ({ uploadId: await deps.storePhoto(userId, content, mimeType) }),
      }
    }
    if (picture.reason === 'unavailable') throw new Error('Viber picture could not be fetched')
    if (asFile) return { type: 'event', event: { type: 'unsupported', kind: 'document' } }
    // The dialogue turns these down on size or type, in the person's language.
    if (picture.reason === 'too-large')
      return {
        type: 'event',
        event: { type: 'photo', photo: { ref: NOT_STORED, mimeType: 'image/jpeg', sizeBytes: picture.sizeBytes } },
      }
    return {
      type: 'event',
      event: { type: 'photo', photo: { ref: NOT_STORED, mimeType: 'application/octet-stream', sizeBytes: 1 } },
    }
  }

  async function read(viberUserId: string, message: ViberInboundMessage): Promise<ResidentInput> {
    const rating = message.type === 'text' ? ratingOf(message.text) : null
    if (rating) return { type: 'rating', ...rating }
    if (message.type === 'picture' || message.type === 'file') return mediaInput(message)
    return { type: 'event', event: toInboundEvent(message, await deps.pendingChoices(viberUserId)) }
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
          const { user } = callback
          const payload = callback.context?.trim() ? callback.context.trim() : null
          // The one message allowed before they write: the welcome goes back in this answer.
          return serial(user.id, async () => {
            let welcome: DialogueReply | undefined
            await deps.pipeline({
              externalId: user.id,
              updateKey: callback.message_token,
              channelLanguage: user.language,
              read: () => Promise.resolve({ type: 'event', event: { type: 'start', payload } }),
              reply: (answer) => {
                welcome = answer
                return Promise.resolve()
              },
            })
            return welcome
              ? deps.client.welcomeBody(asOneMessage(deps.render(welcome.language, welcome.messages)))
              : null
          })
        }
        case 'message': {
          const { sender, message } = callback
          later(sender.id, () =>
            deps.pipeline({
              externalId: sender.id,
              updateKey: callback.message_token,
              channelLanguage: sender.language,
              read: () => read(sender.id, message),
              reply: (answer) => send(sender.id, deps.render(answer.language, answer.messages)),
            }),
          )
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
