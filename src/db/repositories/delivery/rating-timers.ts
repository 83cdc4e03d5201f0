import type { Kysely } from 'kysely'
import type { RatingState, RatingStep, RatingTimerStore } from '../../../core/delivery/rating-timers.js'
import { isRequestStatus } from '../../../core/requests/status.js'
import type { Database } from '../../schema.js'

export async function ratingState(db: Kysely<Database>, requestId: number): Promise<RatingState | null> {
  const row = await db
    .selectFrom('requests')
    .select([
      'id',
      'number',
      'status',
      'author_user_id',
      'done_at',
      'rated_at',
      'rating_requested_at',
      'rating_reminded_at',
    ])
    .where('id', '=', requestId)
    .executeTakeFirst()
  // The CHECK constraint keeps the status among the core's; a row that is not is treated as gone.
  if (!row || !isRequestStatus(row.status)) return null
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    authorUserId: row.author_user_id,
    doneAt: row.done_at,
    ratedAt: row.rated_at,
    ratingRequestedAt: row.rating_requested_at,
    ratingRemindedAt: row.rating_reminded_at,
  }
}

export async function markRatingAsked(db: Kysely<Database>, requestId: number, reminder: boolean): Promise<void> {
  await db
    .updateTable('requests')
    .set(reminder ? { rating_reminded_at: new Date() } : { rating_requested_at: new Date() })
    .where('id', '=', requestId)
    .execute()
}

/** Done and unrated requests whose next rating step is due (the sweeper re-derives lost timers). */
export async function dueRatingSteps(
  db: Kysely<Database>,
  now: Date,
  delays: { askMs: number; remindMs: number; closeMs: number },
): Promise<{ requestId: number; doneAt: Date; step: RatingStep }[]> {
  const rows = await db
    .selectFrom('requests')
    .select(['id', 'done_at', 'rating_requested_at', 'rating_reminded_at'])
    .where('status', '=', 'done')
    .where('rated_at', 'is', null)
    .where('done_at', '<=', new Date(now.getTime() - delays.askMs))
    .orderBy('done_at')
    .limit(500)
    .execute()
  return rows.flatMap((r): { requestId: number; doneAt: Date; step: RatingStep }[] => {
    const done = r.done_at ?? now
    const doneAt = done.getTime()
    if (doneAt + delays.closeMs <= now.getTime()) return [{ requestId: r.id, doneAt: done, step: 'close' }]
    if (r.rating_requested_at === null) return [{ requestId: r.id, doneAt: done, step: 'ask' }]
    if (r.rating_reminded_at === null && r.rating_requested_at.getTime() + delays.remindMs <= now.getTime())
      return [{ requestId: r.id, doneAt: done, step: 'remind' }]
    return []
  })
}

export function createRatingTimerStore(db: Kysely<Database>): RatingTimerStore {
  return {
    ratingState: (requestId) => ratingState(db, requestId),
    markRatingAsked: (requestId, reminder) => markRatingAsked(db, requestId, reminder),
    dueRatingSteps: (now, delays) => dueRatingSteps(db, now, delays),
  }
}
