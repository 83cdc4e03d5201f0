import type { Kysely } from 'kysely'
import type { MessageViews } from '../../../core/delivery/message-views.js'
import type { NoticeView } from '../../../core/notices/notice-message.js'
import type { StatusUpdateView } from '../../../core/requests/messages.js'
import { isRequestStatus } from '../../../core/requests/status.js'
import { publicPartsOfChange } from '../../../core/requests/visibility.js'
import type { Database } from '../../schema.js'
import { parseNoticeArea } from '../notice-area.js'
import { noticeAreaWords } from '../notice-area-words.js'

/** A status change as the resident is told of it: what is public of it is the core's rule. */
export async function statusUpdateView(
  db: Kysely<Database>,
  requestId: number,
  eventId: number,
): Promise<StatusUpdateView | null> {
  const row = await db
    .selectFrom('request_events as e')
    .innerJoin('requests as r', 'r.id', 'e.request_id')
    .leftJoin('organisations as o', 'o.id', 'r.primary_organisation_id')
    .select(['r.number', 'e.to_status', 'e.note', 'o.name as organisation_name', 'e.created_at', 'r.rejection_code'])
    .where('e.id', '=', eventId)
    .where('e.request_id', '=', requestId)
    .executeTakeFirst()
  if (!row || row.to_status === null || !isRequestStatus(row.to_status)) return null
  const [answer, photo] = await Promise.all([
    db
      .selectFrom('request_messages')
      .select('body')
      .where('request_id', '=', requestId)
      .where('kind', '=', 'official_answer')
      .where('created_at', '<=', row.created_at)
      .orderBy('id', 'desc')
      .executeTakeFirst(),
    db
      .selectFrom('request_photos')
      .select('telegram_file_id')
      .where('request_id', '=', requestId)
      .where('kind', '=', 'after')
      .where('telegram_file_id', 'is not', null)
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  ])
  const visible = publicPartsOfChange({
    to: row.to_status,
    note: row.note,
    rejectionCode: row.rejection_code,
    officialAnswer: answer?.body ?? null,
  })
  return {
    number: row.number,
    status: row.to_status,
    organisationName: row.organisation_name,
    note: visible.note,
    officialAnswer: visible.officialAnswer,
    afterPhoto: photo?.telegram_file_id ?? null,
    requestId,
    rejectionCode: visible.rejectionCode,
  }
}

export async function noticeView(
  db: Kysely<Database>,
  noticeId: number,
): Promise<(NoticeView & { state: string }) | null> {
  const row = await db
    .selectFrom('notices')
    .select(['kind', 'body', 'starts_at', 'ends_at', 'photo_telegram_file_id', 'state', 'follow_up', 'service', 'area'])
    .where('id', '=', noticeId)
    .executeTakeFirst()
  if (!row) return null
  return {
    kind: row.kind,
    service: row.service,
    where: await noticeAreaWords(db, parseNoticeArea(row.area)),
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at?.toISOString() ?? null,
    body: row.body,
    photo: row.photo_telegram_file_id,
    state: row.state,
    followUp: row.follow_up,
  }
}

export function createMessageViews(db: Kysely<Database>): MessageViews {
  return {
    statusUpdateView: (requestId, eventId) => statusUpdateView(db, requestId, eventId),
    noticeView: (noticeId) => noticeView(db, noticeId),
  }
}
