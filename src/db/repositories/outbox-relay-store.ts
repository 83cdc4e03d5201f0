import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { OutboxRelayStore } from '../../core/delivery/ports.js'
import type { Database } from '../schema.js'

/**
 * Claims are one autocommit statement that leases rows (locked_until): FOR UPDATE SKIP LOCKED
 * alone holds only while a transaction is open, so two relays could otherwise take the same rows.
 */
export function createOutboxRelayStore(db: Kysely<Database>): OutboxRelayStore {
  return {
    claim: async (limit, leaseSeconds) => {
      const { rows } = await sql<{
        id: number
        queue: string
        job_name: string
        payload: Record<string, unknown>
        job_id: string | null
        priority: number
        delay_ms: number
        attempts: number
      }>`
        update outbox set locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
        where id in (
          select id from outbox
          where published_at is null and available_at <= now() and (locked_until is null or locked_until < now())
          order by available_at, id
          limit ${limit}
          for update skip locked)
        returning id, queue, job_name, payload, job_id, priority, delay_ms, attempts`.execute(db)
      return rows.map((r) => ({
        id: r.id,
        queue: r.queue,
        jobName: r.job_name,
        payload: r.payload,
        jobId: r.job_id,
        priority: r.priority,
        delayMs: r.delay_ms,
        attempts: r.attempts,
      }))
    },
    markPublished: async (ids) => {
      if (ids.length === 0) return
      await db
        .updateTable('outbox')
        .set({ published_at: new Date(), locked_until: null })
        .where('id', 'in', ids)
        .execute()
    },
    release: async (ids, error) => {
      if (ids.length === 0) return
      // Exponential backoff up to ~4 minutes; the rows wait, nothing is lost.
      await sql`
        update outbox set locked_until = null, last_error = ${error.slice(0, 500)},
          available_at = now() + make_interval(secs => power(2, least(attempts, 8)))
        where id = any(${ids}::bigint[])`.execute(db)
    },
  }
}
