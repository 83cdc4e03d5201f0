import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../schema.js'

const DEAD_LETTERS_SHOWN = 20

/** The outbox backlog, open dead letters and the progress of notices being delivered. */
export async function deliveryOverview(db: Kysely<Database>) {
  const outbox = await db
    .selectFrom('outbox')
    .select([
      sql<number>`count(*)::int`.as('unpublished'),
      sql<Date | null>`min(created_at)`.as('oldest'),
      sql<number>`count(*) filter (where attempts > 0)::int`.as('retrying'),
    ])
    .where('published_at', 'is', null)
    .executeTakeFirstOrThrow()
  const open = await db
    .selectFrom('dead_letters')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow()
  const recent = await db
    .selectFrom('dead_letters')
    .select(['id', 'queue', 'job_name', 'reason', 'failed_at'])
    .where('resolved_at', 'is', null)
    .orderBy('failed_at', 'desc')
    .limit(DEAD_LETTERS_SHOWN)
    .execute()
  const notices = await db
    .selectFrom('notices as n')
    .leftJoin('notice_deliveries as d', 'd.notice_id', 'n.id')
    .select([
      'n.id',
      'n.state',
      sql<number>`count(d.user_id)::int`.as('total'),
      sql<number>`count(*) filter (where d.state = 'sent')::int`.as('sent'),
      sql<number>`count(*) filter (where d.state = 'failed')::int`.as('failed'),
      sql<number>`count(*) filter (where d.state = 'unreachable')::int`.as('unreachable'),
      sql<number>`count(*) filter (where d.state in ('pending', 'sending'))::int`.as('pending'),
    ])
    .where('n.state', 'in', ['scheduled', 'sending'])
    .groupBy(['n.id', 'n.state'])
    .orderBy('n.id')
    .execute()
  return {
    outbox: {
      unpublished: outbox.unpublished,
      oldestUnpublishedAt: outbox.oldest === null ? null : new Date(outbox.oldest).toISOString(),
      retrying: outbox.retrying,
    },
    deadLetters: {
      open: open.count,
      recent: recent.map((d) => ({
        id: d.id,
        queue: d.queue,
        jobName: d.job_name,
        reason: d.reason,
        failedAt: d.failed_at.toISOString(),
      })),
    },
    notices: notices.map((n) => ({ ...n })),
  }
}
