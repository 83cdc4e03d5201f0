import type { Language } from '../i18n/text.js'

/** What one send to a messenger came to; adapters classify their errors into these. */
export type SendResult =
  | { kind: 'sent' }
  /**
   * `scope`: whom the limit is about, when the messenger says so — the whole account (every send
   * waits) or this recipient only. Unsaid (Telegram), the worker judges by what it just sent.
   */
  | { kind: 'rate-limited'; retryAfterSeconds: number; scope?: 'account' | 'recipient' }
  | { kind: 'unreachable'; reason: 'blocked' | 'chat-not-found' | 'deactivated' }
  | { kind: 'failed'; error: string }

/** A message ready for a channel: HTML text, button rows (text + data), an optional photo. */
export interface RenderedMessage {
  html: string
  buttons: { text: string; data: string }[][]
  photo: string | null
}

export interface MessengerSender {
  send: (chatId: string, message: RenderedMessage) => Promise<SendResult>
  /** How many calls to the messenger `send` makes for this message (each counts against its limits); 1 unless said. */
  calls?: (message: RenderedMessage) => number
}

/** The messengers a resident may be reached through. */
export type MessengerChannel = 'telegram' | 'viber'

/** One sender per channel that is switched on (Viber only when configured). */
export type MessengerSenders = { telegram: MessengerSender } & Partial<Record<MessengerChannel, MessengerSender>>

/** Someone the workers write to, through a channel address that still works. */
export interface Recipient {
  userId: number
  /** The address within `channel` (a Telegram chat id, a Viber user id). */
  chatId: string
  language: Language
  channel: MessengerChannel
}

export interface ClaimedOutboxRow {
  id: number
  queue: string
  jobName: string
  payload: Record<string, unknown>
  jobId: string | null
  priority: number
  delayMs: number
  attempts: number
}

/** The outbox as the relay sees it: claim with a lease, then mark published or hand back. */
export interface OutboxRelayStore {
  claim: (limit: number, leaseSeconds: number) => Promise<ClaimedOutboxRow[]>
  markPublished: (ids: number[]) => Promise<void>
  /** Hands rows back after a failed publish; they become available again after a backoff. */
  release: (ids: number[], error: string) => Promise<void>
}
