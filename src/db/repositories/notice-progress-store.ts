import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { NoticeProgressStore, ProgressTarget } from '../../core/notices/ports.js'
import type { Database } from '../schema.js'

/** The admins' progress messages of notices, for the reporter in the worker role. */
export function createNoticeProgressStore(db: Kysely<Database>): NoticeProgressStore {
  return {
    async takeDue(leaseMs, limit) {
      // Active notices, and finished ones until their message shows the final figures (shown text
      // is reset to null by nothing else, so "finished" ones stop once a pass leaves them unchanged).
      const { rows } = await sql<{
        id: number
        state: ProgressTarget['state']
        planned_at: Date | null
        send_at: Date | null
        progress_chat_id: string
        progress_message_id: number
        progress_language: 'ru' | 'be' | 'en' | null
        progress_shown: string | null
      }>`
        update notices set progress_edited_at = now()
        where id in (
          select id from notices
          where progress_message_id is not null
            and (state in ('scheduled', 'sending')
                 or progress_shown is null
                 or updated_at > coalesce(progress_edited_at, '-infinity'::timestamptz) - interval '1 minute')
            and (progress_edited_at is null or progress_edited_at < now() - make_interval(secs => ${leaseMs / 1000}))
            and updated_at > now() - interval '2 days'
            -- a follow-up took the message over: the message shows the newest notice only
            and not exists (select 1 from notices newer
                            where newer.progress_chat_id = notices.progress_chat_id
                              and newer.progress_message_id = notices.progress_message_id
                              and newer.id > notices.id)
          order by id limit ${limit}
          for update skip locked)
        returning id, state, planned_at, send_at, progress_chat_id, progress_message_id, progress_language, progress_shown`.execute(
        db,
      )
      return rows.map((r) => ({
        noticeId: r.id,
        state: r.state,
        planned: r.planned_at !== null,
        sendAt: r.send_at?.toISOString() ?? null,
        chatId: r.progress_chat_id,
        messageId: r.progress_message_id,
        language: r.progress_language ?? 'ru',
        shown: r.progress_shown,
      }))
    },

    async counts(noticeId) {
      const rows = await db
        .selectFrom('notice_deliveries')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('notice_id', '=', noticeId)
        .groupBy('state')
        .execute()
      return Object.fromEntries(rows.map((r) => [r.state, r.n]))
    },

    async markShown(noticeId, shown) {
      await db
        .updateTable('notices')
        .set(shown === null ? { progress_message_id: null, progress_shown: null } : { progress_shown: shown })
        .where('id', '=', noticeId)
        .execute()
    },
  }
}
