import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MessengerChannel } from '../../core/delivery/ports.js'
import type {
  NoticeDeliveryStore,
  NoticePlanningState,
  PlannedDelivery,
} from '../../core/delivery/notice-deliveries.js'
import type { Database } from '../schema.js'
import type { ChannelList } from './notice-recipients.js'
import { recipientsPage } from './notice-recipients.js'

export async function settleStuck(db: Kysely<Database>, olderThan: Date): Promise<number> {
  const result = await db
    .updateTable('notice_deliveries')
    .set({ state: 'sent', last_error: 'assumed sent: the worker stopped while sending' })
    .where('state', '=', 'sending')
    .where('sending_at', '<', olderThan)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function sendingPlanned(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('notices')
    .select('id')
    .where('state', '=', 'sending')
    .where('planned_at', 'is not', null)
    .execute()
  return rows.map((r) => r.id)
}

/** Scheduled notices whose time has come start sending. */
export async function startDue(db: Kysely<Database>, now: Date): Promise<number[]> {
  const rows = await db
    .updateTable('notices')
    .set({ state: 'sending', updated_at: now })
    .where('state', '=', 'scheduled')
    .where('send_at', '<=', now)
    .returning('id')
    .execute()
  return rows.map((r) => r.id)
}

/** Notices still being planned (a lost planner job is started again from its cursor). */
export async function unplanned(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('notices')
    .select('id')
    .where('state', '=', 'sending')
    .where('planned_at', 'is', null)
    .execute()
  return rows.map((r) => r.id)
}

export async function planningState(db: Kysely<Database>, noticeId: number): Promise<NoticePlanningState | null> {
  const row = await db
    .selectFrom('notices')
    .select(['state', 'planner_cursor', 'planned_at'])
    .where('id', '=', noticeId)
    .executeTakeFirst()
  return row ? { state: row.state, plannerCursor: row.planner_cursor, plannedAt: row.planned_at } : null
}

/**
 * Records a page of deliveries, each with the channel the person is reached on, and moves the
 * cursor, in one transaction: a restart resumes here. One row a person, whatever the channel.
 */
export async function addPage(
  db: Kysely<Database>,
  channels: ChannelList,
  noticeId: number,
  userIds: number[],
  cursor: number,
): Promise<PlannedDelivery[]> {
  return db.transaction().execute(async (trx) => {
    if (userIds.length > 0)
      await sql`
        insert into notice_deliveries (notice_id, user_id, channel, state)
        select ${noticeId}, p.user_id, coalesce(
                 (select ci.channel from channel_identities ci
                  where ci.user_id = p.user_id and ci.channel = any(${channels}::text[])
                    and ci.unreachable_since is null
                  order by array_position(${channels}::text[], ci.channel), ci.id limit 1),
                 'telegram'),
               'pending'
        from unnest(${sql.val(userIds)}::int[]) as p(user_id)
        on conflict (notice_id, user_id) do nothing`.execute(trx)
    await trx
      .updateTable('notices')
      .set({ planner_cursor: cursor, updated_at: new Date() })
      .where('id', '=', noticeId)
      .execute()
    if (userIds.length === 0) return []
    const rows = await trx
      .selectFrom('notice_deliveries')
      .select(['user_id', 'channel'])
      .where('notice_id', '=', noticeId)
      .where('user_id', 'in', userIds)
      .where('state', '=', 'pending')
      .orderBy('user_id')
      .execute()
    return rows.map((r) => ({ userId: r.user_id, channel: r.channel }))
  })
}

export async function finishPlanning(db: Kysely<Database>, noticeId: number): Promise<void> {
  await db
    .updateTable('notices')
    .set({ planned_at: new Date() })
    .where('id', '=', noticeId)
    .where('planned_at', 'is', null)
    .execute()
}

/** Pending deliveries of a notice after a user id (to enqueue their jobs). */
export async function pendingAfter(
  db: Kysely<Database>,
  noticeId: number,
  afterUserId: number,
  limit: number,
): Promise<PlannedDelivery[]> {
  const rows = await db
    .selectFrom('notice_deliveries')
    .select(['user_id', 'channel'])
    .where('notice_id', '=', noticeId)
    .where('state', '=', 'pending')
    .where('user_id', '>', afterUserId)
    .orderBy('user_id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ userId: r.user_id, channel: r.channel }))
}

/**
 * Takes a delivery for sending: only a pending one, and only while the notice is sending.
 * A delivery left "sending" by a crash is never sent again (at most one copy each).
 */
export async function claim(
  db: Kysely<Database>,
  noticeId: number,
  userId: number,
): Promise<'claimed' | 'done' | 'cancelled'> {
  // One statement: pending and the notice still sending → sending.
  const { rows } = await sql<{ user_id: number }>`
    update notice_deliveries d set state = 'sending', sending_at = now(), attempts = d.attempts + 1
    from notices n
    where n.id = d.notice_id and n.state = 'sending' and d.notice_id = ${noticeId} and d.user_id = ${userId}
      and d.state = 'pending'
    returning d.user_id`.execute(db)
  if (rows.length > 0) return 'claimed'
  const notice = await db.selectFrom('notices').select('state').where('id', '=', noticeId).executeTakeFirst()
  if (notice?.state === 'sending') return 'done'
  await db
    .updateTable('notice_deliveries')
    .set({ state: 'cancelled' })
    .where('notice_id', '=', noticeId)
    .where('user_id', '=', userId)
    .where('state', '=', 'pending')
    .execute()
  return 'cancelled'
}

export async function finish(
  db: Kysely<Database>,
  noticeId: number,
  userId: number,
  state: 'sent' | 'failed' | 'unreachable' | 'pending',
  error?: string,
): Promise<void> {
  await db
    .updateTable('notice_deliveries')
    .set({ state, last_error: error ?? null, ...(state === 'sent' && { sent_at: new Date() }) })
    .where('notice_id', '=', noticeId)
    .where('user_id', '=', userId)
    .execute()
}

/** A fully planned notice with nothing pending or in flight is sent. */
export async function completeIfDone(db: Kysely<Database>, noticeId: number): Promise<void> {
  await sql`
    update notices set state = 'sent', updated_at = now()
    where id = ${noticeId} and state = 'sending' and planned_at is not null
      and not exists (select 1 from notice_deliveries d where d.notice_id = ${noticeId} and d.state in ('pending', 'sending'))`.execute(
    db,
  )
}

export async function progress(db: Kysely<Database>, noticeId: number): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('notice_deliveries')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('notice_id', '=', noticeId)
    .groupBy('state')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.state, r.n]))
}

/**
 * The broadcast side of outage notices: who is in the area, and each delivery's state.
 * `channels`: the messengers switched on, in the order a person is reached (Telegram, then Viber).
 */
export function createNoticeDeliveryStore(
  db: Kysely<Database>,
  options: { channels?: readonly MessengerChannel[] } = {},
): NoticeDeliveryStore {
  const channels = sql.val([...(options.channels ?? ['telegram'])])
  return {
    settleStuck: (olderThan) => settleStuck(db, olderThan),
    sendingPlanned: () => sendingPlanned(db),
    startDue: (now) => startDue(db, now),
    unplanned: () => unplanned(db),
    planningState: (noticeId) => planningState(db, noticeId),
    recipientsPage: (noticeId, afterUserId, limit) => recipientsPage(db, channels, noticeId, afterUserId, limit),
    addPage: (noticeId, userIds, cursor) => addPage(db, channels, noticeId, userIds, cursor),
    finishPlanning: (noticeId) => finishPlanning(db, noticeId),
    pendingAfter: (noticeId, afterUserId, limit) => pendingAfter(db, noticeId, afterUserId, limit),
    claim: (noticeId, userId) => claim(db, noticeId, userId),
    finish: (noticeId, userId, state, error) => finish(db, noticeId, userId, state, error),
    completeIfDone: (noticeId) => completeIfDone(db, noticeId),
    progress: (noticeId) => progress(db, noticeId),
  }
}
