import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { ActiveNoticesQuery } from '../../core/notices/list-active-notices.js'
import type { NoticeArea } from '../../core/notices/notice.js'
import type { NoticeForChange, NoticeStore } from '../../core/notices/ports.js'
import type { Database } from '../schema.js'
import { parseNoticeArea } from './notice-area.js'
import { insertOutbox } from './outbox.js'

/** The notice use cases' store, bound to one transaction. */
export function createNoticeStore(trx: Kysely<Database>): NoticeStore {
  return {
    async areaDistricts(area: NoticeArea) {
      if (area.scope === 'region') return 'region'
      if (area.scope === 'districts') {
        const rows = await trx.selectFrom('districts').select('id').where('id', 'in', area.districtIds).execute()
        return rows.length === new Set(area.districtIds).size ? rows.map((r) => r.id) : null
      }
      const row = await trx
        .selectFrom('settlements')
        .select('district_id')
        .where('id', '=', area.settlementId)
        .executeTakeFirst()
      return row ? [row.district_id] : null
    },

    async insertDraft(draft, createdByUserId, at) {
      const row = await trx
        .insertInto('notices')
        .values({
          kind: draft.kind,
          service: draft.service,
          area: JSON.stringify(draft.area),
          starts_at: draft.startsAt,
          ends_at: draft.endsAt,
          body: draft.body,
          photo_telegram_file_id: draft.photo,
          state: 'draft',
          created_by_user_id: createdByUserId,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    async lockNotice(noticeId): Promise<NoticeForChange | null> {
      const row = await trx
        .selectFrom('notices')
        .select([
          'id',
          'kind',
          'service',
          'area',
          'state',
          'body',
          'ends_at',
          'photo_telegram_file_id',
          'parent_notice_id',
        ])
        .where('id', '=', noticeId)
        .forUpdate()
        .executeTakeFirst()
      if (!row) return null
      return {
        id: row.id,
        kind: row.kind,
        service: row.service,
        area: parseNoticeArea(row.area),
        state: row.state,
        body: row.body,
        endsAt: row.ends_at?.toISOString() ?? null,
        photo: row.photo_telegram_file_id,
        parentNoticeId: row.parent_notice_id,
      }
    },

    async update(noticeId, patch, at) {
      await trx
        .updateTable('notices')
        .set({
          updated_at: at,
          ...(patch.state !== undefined && { state: patch.state }),
          ...(patch.sendAt !== undefined && { send_at: patch.sendAt }),
          ...(patch.body !== undefined && { body: patch.body }),
          ...(patch.progress !== undefined && {
            progress_chat_id: patch.progress?.chatId ?? null,
            progress_message_id: patch.progress?.messageId ?? null,
            progress_language: patch.progress?.language ?? null,
          }),
        })
        .where('id', '=', noticeId)
        .execute()
    },

    async countSent(noticeId) {
      const row = await trx
        .selectFrom('notice_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('notice_id', '=', noticeId)
        .where('state', '=', 'sent')
        .executeTakeFirstOrThrow()
      return row.n
    },

    async insertFollowUp(parentId, followUp, body, createdByUserId, at) {
      // Copies kind, service, area and window; no photo. Sending from the start: the planner takes it.
      // It takes over the admin's progress message, so the message the admin watches shows how the
      // follow-up goes (the progress reporter edits a message for the newest notice holding it only).
      const { rows } = await sql<{ id: number }>`
        insert into notices (kind, service, area, starts_at, ends_at, body, state, send_at, created_by_user_id,
                             parent_notice_id, follow_up, progress_chat_id, progress_message_id, progress_language,
                             created_at, updated_at)
        select kind, service, area,
               -- "restored": the outage ended when the admin said so, and its message tells that time
               case when ${followUp} = 'ended' and starts_at >= ${at} then null else starts_at end,
               case when ${followUp} = 'ended' then ${at} else ends_at end,
               ${body}, 'sending', ${at}, ${createdByUserId},
               id, ${followUp}, progress_chat_id, progress_message_id, progress_language, now(), ${at}
        from notices where id = ${parentId}
        returning id`.execute(trx)
      const id = rows[0]?.id
      if (id === undefined) throw new Error(`notice ${parentId} vanished inside its own transaction`)
      return id
    },

    async recordEvent(noticeId, kind, actorUserId, data) {
      await trx
        .insertInto('notice_events')
        .values({ notice_id: noticeId, kind, actor_user_id: actorUserId, data: JSON.stringify(data) })
        .execute()
    },

    enqueue: (messages) => insertOutbox(trx, messages),
  }
}

/** Top-level notices in force at `now` whose whole area lies in the admin's area, newest first. */
export const activeNotices =
  (db: Kysely<Database>): ActiveNoticesQuery =>
  async ({ area, now, limit }) => {
    const rows = await db
      .selectFrom('notices')
      .select(['id', 'kind', 'service', 'state', 'body', 'starts_at', 'ends_at', 'area'])
      .where('state', 'in', ['scheduled', 'sending', 'sent'])
      .where('parent_notice_id', 'is', null)
      .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
      .$if(!area.region, (q) =>
        q.where(
          // The same rule as maySendTo: every district of the area must be the admin's.
          sql<boolean>`(
            (notices.area->>'scope' = 'districts' and jsonb_array_length(notices.area->'districtIds') > 0
              and notices.area->'districtIds' <@ ${JSON.stringify(area.region ? [] : area.districtIds)}::jsonb)
            or (notices.area->>'scope' = 'settlement' and exists (
              select 1 from settlements s
              where s.id = (notices.area->>'settlementId')::int
                and s.district_id = any(${sql.val(area.region ? [] : area.districtIds)}::int[])))
          )`,
        ),
      )
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      service: r.service,
      state: r.state,
      body: r.body,
      startsAt: r.starts_at?.toISOString() ?? null,
      endsAt: r.ends_at?.toISOString() ?? null,
      area: parseNoticeArea(r.area),
    }))
  }
