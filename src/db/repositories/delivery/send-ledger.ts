import type { Kysely } from 'kysely'
import type { MessengerChannel } from '../../../core/delivery/ports.js'
import type { DeadLetter, SendLedger } from '../../../core/delivery/send-ledger.js'
import type { Database } from '../../schema.js'

export async function claimSend(db: Kysely<Database>, jobId: string, userId: number | null): Promise<boolean> {
  const row = await db
    .insertInto('sent_messages')
    .values({ job_id: jobId, user_id: userId, state: 'sending' })
    .onConflict((oc) => oc.column('job_id').doNothing())
    .returning('job_id')
    .executeTakeFirst()
  return row !== undefined
}

export async function wasSent(db: Kysely<Database>, jobId: string): Promise<boolean> {
  const row = await db.selectFrom('sent_messages').select('job_id').where('job_id', '=', jobId).executeTakeFirst()
  return row !== undefined
}

export async function finishSend(db: Kysely<Database>, jobId: string, state: 'sent' | 'skipped'): Promise<void> {
  await db.updateTable('sent_messages').set({ state, sent_at: new Date() }).where('job_id', '=', jobId).execute()
}

export async function abandonSend(db: Kysely<Database>, jobId: string): Promise<void> {
  await db.deleteFrom('sent_messages').where('job_id', '=', jobId).where('state', '=', 'sending').execute()
}

export async function markUnreachable(
  db: Kysely<Database>,
  userId: number,
  reason: string,
  channel: MessengerChannel,
): Promise<void> {
  await db
    .updateTable('channel_identities')
    .set({ unreachable_since: new Date(), unreachable_reason: reason })
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .where('unreachable_since', 'is', null)
    .execute()
}

export async function deadLetter(db: Kysely<Database>, letter: DeadLetter): Promise<void> {
  await db
    .insertInto('dead_letters')
    .values({
      queue: letter.queue,
      job_name: letter.jobName,
      job_id: letter.jobId,
      payload: JSON.stringify(letter.payload),
      reason: letter.reason.slice(0, 1000),
      attempts: letter.attempts,
      recipient_user_id: letter.recipientUserId,
    })
    .onConflict((oc) => oc.columns(['queue', 'job_id']).doNothing())
    .execute()
}

export function createSendLedger(db: Kysely<Database>): SendLedger {
  return {
    claimSend: (jobId, userId) => claimSend(db, jobId, userId),
    wasSent: (jobId) => wasSent(db, jobId),
    finishSend: (jobId, state) => finishSend(db, jobId, state),
    abandonSend: (jobId) => abandonSend(db, jobId),
    markUnreachable: (userId, reason, channel) => markUnreachable(db, userId, reason, channel),
    deadLetter: (letter) => deadLetter(db, letter),
  }
}
