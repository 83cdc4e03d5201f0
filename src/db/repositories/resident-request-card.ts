import type { Kysely } from 'kysely'
import type { RequestCardRow } from '../../core/dialogue/resident-services.js'
import { RESIDENT_HISTORY_EVENT_KINDS, RESIDENT_MESSAGE_KINDS } from '../../core/requests/visibility.js'
import type { Database } from '../schema.js'

/**
 * A request as its author or a follower sees it, with the scope the core checks before showing
 * it; what of its history and messages is shown is the core's rule (core/requests/visibility.ts).
 */
export async function requestCard(
  db: Kysely<Database>,
  by: { id: number } | { number: string },
): Promise<RequestCardRow | null> {
  const base = db
    .selectFrom('requests as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .leftJoin('organisations as o', 'o.id', 'r.primary_organisation_id')
    .select([
      'r.id',
      'r.number',
      'r.status',
      'c.name as category_name',
      'r.address_text',
      'r.created_at',
      'r.fix_due_at',
      'r.description',
      'o.name as organisation_name',
      'r.author_user_id',
      'r.district_id',
      'r.primary_organisation_id',
      'r.copy_organisation_ids',
      'r.executor_user_id',
      'r.settlement_id',
      'r.street',
      'r.house',
    ])
  const row = await (
    'id' in by ? base.where('r.id', '=', by.id) : base.where('r.number', '=', by.number)
  ).executeTakeFirst()
  if (!row) return null
  const [followers, events, messages, photos] = await Promise.all([
    db.selectFrom('request_followers').select('user_id').where('request_id', '=', row.id).execute(),
    db
      .selectFrom('request_events')
      .select(['created_at', 'to_status', 'note', 'kind'])
      .where('request_id', '=', row.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('request_messages')
      .select(['created_at', 'kind', 'body'])
      .where('request_id', '=', row.id)
      .where('kind', 'in', RESIDENT_MESSAGE_KINDS)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('request_photos')
      .select('telegram_file_id')
      .where('request_id', '=', row.id)
      .where('telegram_file_id', 'is not', null)
      .orderBy('kind')
      .orderBy('id')
      .execute(),
  ])
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    categoryName: row.category_name,
    addressText: row.address_text,
    createdAt: row.created_at.toISOString(),
    fixDueAt: row.fix_due_at.toISOString(),
    description: row.description,
    organisationName: row.organisation_name,
    history: events
      .filter((e) => (RESIDENT_HISTORY_EVENT_KINDS as readonly string[]).includes(e.kind))
      .map((e) => ({ at: e.created_at.toISOString(), status: e.to_status, note: null })),
    answers: messages.map((m) => ({
      at: m.created_at.toISOString(),
      kind: m.kind === 'question' ? 'question' : m.kind === 'official_answer' ? 'official_answer' : 'comment',
      body: m.body,
    })),
    photos: photos.flatMap((p) => (p.telegram_file_id === null ? [] : [{ telegramFileId: p.telegram_file_id }])),
    authorUserId: row.author_user_id,
    followerUserIds: followers.map((f) => f.user_id),
    districtId: row.district_id,
    primaryOrganisationId: row.primary_organisation_id,
    copyOrganisationIds: row.copy_organisation_ids,
    executorUserId: row.executor_user_id,
    house: { settlementId: row.settlement_id, street: row.street, house: row.house },
  }
}
