import type { Kysely } from 'kysely'
import { FINISHED_STATUSES } from '../../core/requests/status.js'
import type { Database } from '../schema.js'

export interface RequestListItem {
  id: number
  number: string
  status: string
  categoryId: number
  addressText: string
  createdAt: Date
  fixDueAt: Date
}

const listColumns = ['id', 'number', 'status', 'category_id', 'address_text', 'created_at', 'fix_due_at'] as const

const toItem = (r: {
  id: number
  number: string
  status: string
  category_id: number
  address_text: string
  created_at: Date
  fix_due_at: Date
}): RequestListItem => ({
  id: r.id,
  number: r.number,
  status: r.status,
  categoryId: r.category_id,
  addressText: r.address_text,
  createdAt: r.created_at,
  fixDueAt: r.fix_due_at,
})

/** A district's open requests, oldest first (uses requests_open_by_district). */
export async function openRequestsOfDistrict(
  db: Kysely<Database>,
  districtId: number,
  page: { limit: number; offset: number },
): Promise<RequestListItem[]> {
  const rows = await db
    .selectFrom('requests')
    .select(listColumns)
    .where('district_id', '=', districtId)
    .where('status', 'not in', FINISHED_STATUSES)
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map(toItem)
}

/** A resident's own requests, newest first (uses requests_by_author). */
export async function requestsOfAuthor(
  db: Kysely<Database>,
  userId: number,
  page: { limit: number; offset: number },
): Promise<RequestListItem[]> {
  const rows = await db
    .selectFrom('requests')
    .select(listColumns)
    .where('author_user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map(toItem)
}

/** Open requests of a category at an address (uses requests_open_by_address): a likely duplicate. */
export async function openRequestsAtAddress(
  db: Kysely<Database>,
  addressKey: string,
  categoryId: number,
): Promise<RequestListItem[]> {
  const rows = await db
    .selectFrom('requests')
    .select(listColumns)
    .where('address_key', '=', addressKey)
    .where('category_id', '=', categoryId)
    .where('status', 'not in', FINISHED_STATUSES)
    .orderBy('created_at')
    .execute()
  return rows.map(toItem)
}

export async function findRequestIdByNumber(db: Kysely<Database>, number: string): Promise<number | null> {
  const row = await db.selectFrom('requests').select('id').where('number', '=', number).executeTakeFirst()
  return row?.id ?? null
}

export interface RequestEventItem {
  kind: string
  fromStatus: string | null
  toStatus: string | null
  actorUserId: number | null
  note: string | null
  createdAt: Date
}

export async function requestHistory(db: Kysely<Database>, requestId: number): Promise<RequestEventItem[]> {
  const rows = await db
    .selectFrom('request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    kind: r.kind,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    actorUserId: r.actor_user_id,
    note: r.note,
    createdAt: r.created_at,
  }))
}
