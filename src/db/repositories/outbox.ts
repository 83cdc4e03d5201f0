import type { Kysely } from 'kysely'
import type { OutboxMessage } from '../../core/shared/ports.js'
import type { Database } from '../schema.js'

/** Writes messages into the outbox; call it with the transaction of the change that causes them. */
export async function insertOutbox(db: Kysely<Database>, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return
  await db
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        queue: m.queue,
        job_name: m.jobName,
        payload: JSON.stringify(m.payload),
        job_id: m.jobId ?? null,
        priority: m.priority ?? 1,
        delay_ms: m.delayMs ?? 0,
      })),
    )
    .execute()
}
