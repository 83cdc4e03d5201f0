import { setTimeout as sleep } from 'node:timers/promises'
import type { Job } from 'bullmq'
import { DelayedError, UnrecoverableError } from 'bullmq'
import type { NoticeDeliveryStore } from '../core/delivery/notice-deliveries.js'
import type { MessengerChannel, MessengerSender, RenderedMessage, SendResult } from '../core/delivery/ports.js'
import type { RecipientStore } from '../core/delivery/recipients.js'
import type { SendLedger } from '../core/delivery/send-ledger.js'
import type { DispatchDeliveryStore } from '../core/dispatch/delivery.js'
import type { OutgoingMessage } from '../core/messages/messages.js'
import type { Translate } from '../core/i18n/translate.js'
import type { BotPacer } from './bot-pacer.js'
import type { ChatPacer } from './chat-pacer.js'
import { routeFor } from './channel-routing.js'
import { createSendGate } from './send-gate.js'
import type { MessageRef } from './jobs.js'
import { GroupSendJob, SendJob } from './jobs.js'
import type { Log } from './outbox-relay.js'
import type { MessageSources } from './render-message.js'
import { messageFor, render } from './render-message.js'

const NOTICE_CACHE_MS = 5000

export type SendOutcome = 'sent' | 'duplicate' | 'skipped' | 'unreachable' | 'cancelled' | 'forwarded'

/**
 * One Telegram message per job, for everything the workers send. The database decides
 * "already sent?" (sent_messages, notice_deliveries), so a repeated job sends nothing twice.
 * The bot's budget is paced in slots and a gate right before the call (bot-pacer.ts), one chat's
 * by chat-pacer.ts.
 * 429: wait exactly retry_after — only this job when the chat itself was just written to,
 * else every send of the bot. 403 / chat not found: the person is unreachable, no retry. Other
 * errors: retried with backoff; exhausted jobs become dead letters (see start-workers.ts).
 */
export function createSendProcessor(deps: {
  recipients: RecipientStore
  ledger: SendLedger
  dispatch: DispatchDeliveryStore
  views: MessageSources['views']
  ratings: MessageSources['ratings']
  notices: NoticeDeliveryStore
  sender: MessengerSender
  pacer: ChatPacer
  botPacer: BotPacer
  translate: Translate
  log: Log
  /** The channel this queue sends through (its sender); a person now reached elsewhere goes to that queue. */
  channel: MessengerChannel
  forward: (job: Job, channel: MessengerChannel) => Promise<void>
}) {
  const gate = createSendGate(deps.botPacer)
  // A notice is the same message for thousands of recipients: read it once a few seconds, not per send.
  const noticeCache = new Map<number, { at: number; message: Promise<OutgoingMessage | null> }>()
  const messages = (ref: MessageRef): Promise<OutgoingMessage | null> => {
    if (ref.type !== 'notice') return messageFor(deps, ref)
    const cached = noticeCache.get(ref.noticeId)
    if (cached && Date.now() - cached.at < NOTICE_CACHE_MS) return cached.message
    const message = messageFor(deps, ref)
    noticeCache.set(ref.noticeId, { at: Date.now(), message })
    return message
  }

  const backToQueue = async (job: Job, ms: number, token?: string): Promise<never> => {
    await job.moveToDelayed(Date.now() + ms, token)
    throw new DelayedError()
  }

  /** Waits for this send's slot in the bot's budget; a far slot sends the job back to the queue. */
  async function takeSlot(job: Job, token?: string): Promise<void> {
    const slot = await deps.botPacer.reserve()
    if (slot.kind === 'too-far') return backToQueue(job, slot.waitMs, token)
    if (slot.waitMs > 0) await sleep(slot.waitMs)
  }

  /**
   * Through the gate right before the call, once for each call the message takes (a photo and a
   * long text are two); else the claim is given back and the job waits in the queue.
   */
  async function passGate(
    job: Job,
    message: RenderedMessage,
    giveBack: () => Promise<void>,
    token?: string,
  ): Promise<void> {
    const calls = deps.sender.calls?.(message) ?? 1
    for (let call = 0; call < calls; call++) {
      const passage = await gate.pass()
      if (passage.kind === 'go') continue
      await giveBack()
      return backToQueue(job, passage.waitMs, token)
    }
  }

  /**
   * A rate limit: this job waits exactly as long as asked; so does every send of the bot when the
   * limit is the account's (said so, or a chat not written to a moment ago got it).
   */
  async function slowDown(
    job: Job,
    chatId: string,
    limit: Extract<SendResult, { kind: 'rate-limited' }>,
    giveBack: () => Promise<void>,
    token?: string,
  ): Promise<never> {
    await giveBack()
    const ms = Math.max(1, limit.retryAfterSeconds) * 1000
    const aboutRecipient =
      limit.scope === 'recipient' || (limit.scope === undefined && (await deps.pacer.sentRecently(chatId)))
    if (!aboutRecipient) {
      deps.log.warn(
        { channel: deps.channel, retry_after: limit.retryAfterSeconds },
        'the messenger asked the bot to slow down; pausing its sends',
      )
      await deps.botPacer.pause(ms)
    }
    return backToQueue(job, ms, token)
  }

  /** A card or an answer to a group chat linked to an organisation: no notices, no person behind it. */
  async function toGroup(job: Job, data: GroupSendJob, token?: string): Promise<SendOutcome> {
    const jobId = job.id ?? `${job.name}-${data.chatId}`
    const group = await deps.dispatch.groupRecipient(data.chatId)
    if (!group) return 'unreachable'
    if (await deps.ledger.wasSent(jobId)) return 'duplicate'
    const wait = await deps.pacer.reserve(group.chatId)
    if (wait > 0) {
      await job.moveToDelayed(Date.now() + wait, token)
      throw new DelayedError()
    }
    const outgoing = await messages(data.message)
    if (!outgoing) return 'skipped'
    const rendered = render(deps.translate, group.language, outgoing)
    await takeSlot(job, token)
    if (!(await deps.ledger.claimSend(jobId, null))) return 'duplicate'
    await passGate(job, rendered, () => deps.ledger.abandonSend(jobId), token)
    const result = await deps.sender.send(group.chatId, rendered)
    switch (result.kind) {
      case 'sent':
        await deps.pacer.markSent(group.chatId)
        await deps.ledger.finishSend(jobId, 'sent')
        return 'sent'
      case 'unreachable':
        await deps.dispatch.unlinkChat(group.chatId)
        await deps.ledger.finishSend(jobId, 'skipped')
        return 'unreachable'
      case 'rate-limited':
        return slowDown(job, group.chatId, result, () => deps.ledger.abandonSend(jobId), token)
      case 'failed':
        await deps.ledger.abandonSend(jobId)
        throw new Error(`send failed: ${result.error}`)
    }
  }

  return async function process(job: Job, token?: string): Promise<SendOutcome> {
    const group = GroupSendJob.safeParse(job.data)
    if (group.success) return toGroup(job, group.data, token)
    const parsed = SendJob.safeParse(job.data)
    if (!parsed.success) throw new UnrecoverableError(`invalid send job: ${parsed.error.message}`)
    const { userId, message: ref } = parsed.data
    const jobId = job.id ?? `${job.name}-${userId}`
    const notice = ref.type === 'notice' ? ref.noticeId : null

    const recipient = await deps.recipients.recipient(userId, routeFor(ref))
    if (!recipient) {
      if (notice !== null) await deps.notices.finish(notice, userId, 'unreachable', 'no reachable channel')
      return 'unreachable'
    }
    const channel = recipient.channel
    if (channel !== deps.channel) {
      await deps.forward(job, channel)
      return 'forwarded'
    }

    // Everything that may wait or fail comes before the claim, so only the gate (normally no wait)
    // sits between the claim and the call: a worker killed in between leaves as little as possible
    // marked "sending".
    // A notice delivery's claim below is one cheap statement; a broadcast skips this extra read.
    if (notice === null && (await deps.ledger.wasSent(jobId))) return 'duplicate'
    const wait = await deps.pacer.reserve(recipient.chatId)
    if (wait > 0) {
      await job.moveToDelayed(Date.now() + wait, token)
      throw new DelayedError()
    }
    const outgoing = await messages(ref)
    if (!outgoing) {
      if (notice !== null) await deps.notices.finish(notice, userId, 'failed', 'the notice is gone')
      return 'skipped'
    }
    const rendered = render(deps.translate, recipient.language, outgoing)
    await takeSlot(job, token)

    // The claim: a second run of this job (or a copy of it) stops here.
    if (notice !== null) {
      const claim = await deps.notices.claim(notice, userId)
      if (claim !== 'claimed') return claim === 'cancelled' ? 'cancelled' : 'duplicate'
    } else if (!(await deps.ledger.claimSend(jobId, userId))) return 'duplicate'
    const giveBack = () =>
      notice !== null ? deps.notices.finish(notice, userId, 'pending') : deps.ledger.abandonSend(jobId)
    await passGate(job, rendered, giveBack, token)

    const result = await deps.sender.send(recipient.chatId, rendered)
    switch (result.kind) {
      case 'sent':
        await deps.pacer.markSent(recipient.chatId)
        // The sweep marks a finished notice "sent"; checking after every message would cost a query each.
        if (notice !== null) await deps.notices.finish(notice, userId, 'sent')
        else await deps.ledger.finishSend(jobId, 'sent')
        return 'sent'
      case 'unreachable':
        await deps.ledger.markUnreachable(userId, result.reason, channel)
        if (notice !== null) await deps.notices.finish(notice, userId, 'unreachable', result.reason)
        else await deps.ledger.finishSend(jobId, 'skipped')
        return 'unreachable'
      case 'rate-limited':
        return slowDown(job, recipient.chatId, result, giveBack, token)
      case 'failed':
        await giveBack()
        throw new Error(`send failed: ${result.error}`)
    }
  }
}
