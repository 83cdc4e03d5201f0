import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/schema.js'
import { aResident, idOf } from './fixtures.js'

const HOUR = 3_600_000
let serial = 0

/** A request with exactly the times and outcome given (hours after its creation). */
export async function aRequestWith(
  db: Kysely<Database>,
  r: {
    organisation: string | null
    district?: string
    createdAt: Date
    status: string
    acceptedAfterH?: number
    doneAfterH?: number
    fixDueAfterH?: number
    rating?: number
    phone?: string
    reopened?: boolean
  },
): Promise<number> {
  const author = await aResident(db)
  const at = (hours: number | undefined) =>
    hours === undefined ? null : new Date(r.createdAt.getTime() + hours * HOUR)
  const row = await db
    .insertInto('requests')
    .values({
      number: `ST-26-${String(++serial).padStart(6, '0')}`,
      category_id: await idOf(db, 'categories', 'heating.no-heat'),
      district_id: await idOf(db, 'districts', r.district ?? 'lida'),
      address_text: 'Лида, ул. Советская, 5',
      address_key: `k${serial}`,
      description: 'Холодные батареи',
      status: r.status,
      priority: 'normal',
      copy_organisation_ids: [],
      source: 'telegram',
      author_user_id: author,
      contact_phone: r.phone ?? null,
      primary_organisation_id: r.organisation === null ? null : await idOf(db, 'organisations', r.organisation),
      routing: JSON.stringify({ kind: 'routed' }),
      accept_due_at: new Date(r.createdAt.getTime() + 2 * HOUR),
      fix_due_at: at(r.fixDueAfterH ?? 48) ?? r.createdAt,
      accepted_at: at(r.acceptedAfterH),
      done_at: at(r.doneAfterH),
      rating: r.rating ?? null,
      ...(r.status === 'rejected' && { rejection_reason: 'дубликат' }),
      created_at: r.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (r.reopened === true)
    await db
      .insertInto('request_events')
      .values({
        request_id: row.id,
        kind: 'status_changed',
        from_status: 'done',
        to_status: 'reopened',
        data: JSON.stringify({}),
      })
      .execute()
  return row.id
}
