import type { MessengerChannel } from './ports.js'

/** A job that failed for good, kept for an admin to see. */
export interface DeadLetter {
  queue: string
  jobName: string
  jobId: string
  payload: Record<string, unknown>
  reason: string
  attempts: number
  recipientUserId: number | null
}

/**
 * Whether a one-off message was sent, decided in PostgreSQL so a repeated job sends nothing twice;
 * and what a failed send leaves behind.
 */
export interface SendLedger {
  /** Starts a one-off send; false if this job already sent (or is sending) it. userId null: a group chat. */
  claimSend: (jobId: string, userId: number | null) => Promise<boolean>
  wasSent: (jobId: string) => Promise<boolean>
  finishSend: (jobId: string, state: 'sent' | 'skipped') => Promise<void>
  /** A send failed before reaching the messenger: the job may try again. */
  abandonSend: (jobId: string) => Promise<void>
  /** Blocked the bot, unsubscribed, chat gone: that channel is not tried again until they write there. */
  markUnreachable: (userId: number, reason: string, channel: MessengerChannel) => Promise<void>
  deadLetter: (letter: DeadLetter) => Promise<void>
}
