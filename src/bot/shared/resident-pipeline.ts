import type { DialogueReply, HandleDialogueEvent } from '../../core/dialogue/handle-dialogue-event.js'
import type { InboundEvent, PhotoRef } from '../../core/dialogue/messages.js'
import { choices, say } from '../../core/dialogue/messages.js'
import { MAIN_MENU } from '../../core/dialogue/step-kit.js'
import type { Language } from '../../core/i18n/text.js'
import { text } from '../../core/i18n/text.js'
import type { RateRequestResult, Rating } from '../../core/requests/rate-request.js'
import type { FloodGuard } from './flood-guard.js'
import type { UpdateLedger } from './update-ledger.js'

export type ResidentChannel = Parameters<HandleDialogueEvent>[0]['channel']

/** What a person sent, in words common to every channel. */
export type ResidentInput =
  | {
      type: 'event'
      event: InboundEvent
      /**
       * For a photo whose bytes the channel holds only for now (Viber's links expire): keeps them
       * and says where, called only if the dialogue takes the photo.
       */
      keepPhoto?: (userId: number) => Promise<PhotoRef>
    }
  /** An answer to "was it fixed?", which the workers asked outside the dialogue's current question. */
  | { type: 'rating'; requestId: number; rating: Rating }

/** `answer`: the input was handled; `notice`: it was not (slow down, something went wrong). */
export type ReplyKind = 'answer' | 'notice'

/** Who wrote, as the pipeline needs them; a channel may load more (Telegram: staff roles). */
export interface ResidentPerson {
  userId: number
  language: Language
}

/** One inbound update of one person, as a channel hands it over. */
export interface ResidentUpdate<P extends ResidentPerson> {
  /** The person's id in the channel (Telegram user id, Viber user id). */
  externalId: string
  /** The update's id in the channel, to know a redelivery. */
  updateKey: string
  /** The language the channel reports, for a first contact. */
  channelLanguage: string | undefined
  /** Reads what was sent, once the person is let through; null when there is nothing for the resident side. */
  read: (person: P) => Promise<ResidentInput | null>
  /**
   * Sends an answer in the channel's own form. `notice`: the input was not answered (flood, a
   * failure), so what the person pressed must stay usable for another try.
   */
  reply: (answer: DialogueReply, kind: ReplyKind) => Promise<void>
}

export type RateOutcome =
  Extract<RateRequestResult, { ok: true }>['outcome'] | Extract<RateRequestResult, { ok: false }>['error']

/** Every rating result has its text: a new result is a compile error until it gets one. */
export const RATING_REPLY: Record<RateOutcome, string> = {
  closed: 'rating.thanks',
  reopened: 'rating.reopened',
  'already-rated': 'rating.already',
  'not-found': 'rating.not-found',
  'not-allowed': 'rating.not-found',
  'not-done': 'rating.not-found',
}

export interface ResidentPipelineDeps<P extends ResidentPerson> {
  channel: ResidentChannel
  updates: UpdateLedger
  floodGuard: FloodGuard
  /** The person behind a channel id, created on first contact. */
  loadPerson: (externalId: string, channelLanguage: string | undefined) => Promise<P>
  handleDialogueEvent: HandleDialogueEvent
  rate: (userId: number, requestId: number, rating: Rating) => Promise<RateRequestResult>
  log: { error: (fields: Record<string, unknown>, message: string) => void }
}

const notice = (language: Language, key: string): DialogueReply => ({ language, messages: [say(text(key))] })

/**
 * The resident's turn, the same in every channel: once per update, within the flood limit,
 * with the person loaded, then a rating or the dialogue, answered in neutral messages that the
 * channel renders. A failure the person was told about counts as handled; one nobody could be
 * told about is released and thrown, so the channel's retry handles it.
 */
export function createResidentPipeline<P extends ResidentPerson>(deps: ResidentPipelineDeps<P>) {
  /** What the person sent, answered: null when the update has nothing for the resident side. */
  async function respond(update: ResidentUpdate<P>, person: P): Promise<DialogueReply | null> {
    const input = await update.read(person)
    if (!input) return null
    if (input.type === 'rating') {
      const result = await deps.rate(person.userId, input.requestId, input.rating)
      const key = RATING_REPLY[result.ok ? result.outcome : result.error]
      return { language: person.language, messages: [say(text(key), choices(MAIN_MENU, 2))] }
    }
    const { keepPhoto } = input
    return deps.handleDialogueEvent({
      channel: deps.channel,
      externalId: update.externalId,
      userId: person.userId,
      channelLanguage: update.channelLanguage,
      event: input.event,
      ...(keepPhoto && { keepPhoto: () => keepPhoto(person.userId) }),
    })
  }

  /** Tells the person their message was not handled; false if even that failed. */
  async function apologise(update: ResidentUpdate<P>, person: P, error: unknown): Promise<boolean> {
    deps.log.error({ err: error, channel: deps.channel, update: update.updateKey }, 'resident update failed')
    try {
      await update.reply(notice(person.language, 'common.error'), 'notice')
      return true
    } catch (replyError) {
      deps.log.error({ err: replyError, channel: deps.channel, update: update.updateKey }, 'error reply not sent')
      return false
    }
  }

  return async function handle(update: ResidentUpdate<P>): Promise<void> {
    if (!(await deps.updates.claim(update.updateKey))) return
    let person: P | undefined
    try {
      const verdict = await deps.floodGuard(`${deps.channel}:${update.externalId}`)
      if (verdict !== 'drop') {
        person = await deps.loadPerson(update.externalId, update.channelLanguage)
        if (verdict === 'warn') await update.reply(notice(person.language, 'common.flood'), 'notice')
        else {
          const reply = await respond(update, person)
          if (reply) await update.reply(reply, 'answer')
        }
      }
    } catch (error) {
      if (!person || !(await apologise(update, person, error))) {
        await deps.updates.release(update.updateKey)
        throw error
      }
    }
    try {
      await deps.updates.complete(update.updateKey)
    } catch (error) {
      // The person has their answer: a retry now would answer twice. The lease keeps
      // redeliveries out for a while; failing the update would only invite one.
      deps.log.error({ err: error, channel: deps.channel, update: update.updateKey }, 'handled update not recorded')
    }
  }
}

export type ResidentPipeline<P extends ResidentPerson> = ReturnType<typeof createResidentPipeline<P>>
