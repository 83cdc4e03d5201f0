import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { QueueArea, QueueFilter, QueueItem } from '../../core/dispatch/queue.js'
import type { Shortlist } from '../../core/dispatch/shortlist.js'
import type { LocalizedText } from '../../core/i18n/text.js'
import { AWAITING_ACCEPTANCE_STATUSES, OPEN_STATUSES } from '../../core/requests/status.js'
import type { Database } from '../schema.js'

/** A person's name as staff see it; without one, their user id. */
export const nameOf = (row: { display_name: string | null; user_id: number }): string =>
  row.display_name ?? `#${row.user_id}`

/** One page of a person's queue (one more row is read to know whether a next page exists). */
export async function queuePageOf(
  db: Kysely<Database>,
  query: { area: QueueArea; filter: QueueFilter; userId: number; page: number; pageSize: number; now: Date },
): Promise<{ items: QueueItem[]; hasMore: boolean }> {
  const { area, filter, now } = query
  let q = db
    .selectFrom('requests as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .select(['r.id', 'r.number', 'r.status', 'r.priority', 'c.name', 'r.address_text', 'r.fix_due_at'])
    .where('r.status', 'in', OPEN_STATUSES)
  if (!area.all)
    q = q.where((eb) =>
      eb.or([
        ...(area.organisationIds.length > 0 ? [eb('r.primary_organisation_id', 'in', area.organisationIds)] : []),
        ...(area.districtIds.length > 0 ? [eb('r.district_id', 'in', area.districtIds)] : []),
        ...(area.triage ? [eb('r.primary_organisation_id', 'is', null)] : []),
      ]),
    )
  switch (filter) {
    case 'new':
      q = q.where('r.status', 'in', AWAITING_ACCEPTANCE_STATUSES)
      break
    case 'emergency':
      q = q.where('r.priority', '=', 'emergency')
      break
    case 'overdue':
      q = q.where((eb) =>
        eb.or([
          eb('r.fix_due_at', '<=', now),
          eb.and([eb('r.status', 'in', AWAITING_ACCEPTANCE_STATUSES), eb('r.accept_due_at', '<=', now)]),
        ]),
      )
      break
    case 'mine':
      // Assigned to me, or I have acted on it.
      q = q.where((eb) =>
        eb.or([
          eb('r.executor_user_id', '=', query.userId),
          eb.exists(
            eb
              .selectFrom('request_events as e')
              .select(sql`1`.as('one'))
              .whereRef('e.request_id', '=', 'r.id')
              .where('e.actor_user_id', '=', query.userId),
          ),
        ]),
      )
      break
  }
  const rows = await q
    // Emergencies first, then the oldest.
    .orderBy(sql`case when r.priority = 'emergency' then 0 else 1 end`)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(query.pageSize + 1)
    .offset(query.page * query.pageSize)
    .execute()
  return {
    items: rows.slice(0, query.pageSize).map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      emergency: r.priority === 'emergency',
      categoryName: r.name,
      addressText: r.address_text,
      fixDueAt: r.fix_due_at.toISOString(),
    })),
    hasMore: rows.length > query.pageSize,
  }
}

/** Buttons offered at once for an executor, organisation or category (a message holds 100 at most). */
export const SHORTLIST = 30

// The count before LIMIT, read on every row.
const TOTAL = sql<string>`count(*) over ()`.as('total')
const totalOf = (rows: { total: string }[]): number => Number(rows[0]?.total ?? 0)

/** The active executors of a request's organisation, to choose from. */
export async function executorsForRequest(
  db: Kysely<Database>,
  requestId: number,
): Promise<Shortlist<{ userId: number; name: string }>> {
  const rows = await db
    .selectFrom('requests as r')
    .innerJoin('staff_memberships as m', 'm.organisation_id', 'r.primary_organisation_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id as user_id', 'u.display_name', TOTAL])
    .where('r.id', '=', requestId)
    .where('m.role', '=', 'executor')
    .where('m.revoked_at', 'is', null)
    .orderBy('u.id')
    .limit(SHORTLIST)
    .execute()
  return { items: rows.map((r) => ({ userId: r.user_id, name: nameOf(r) })), total: totalOf(rows) }
}

/** Organisations a request may be handed to: those of its district and the region-wide ones (its own marked). */
export async function organisationsForRequest(
  db: Kysely<Database>,
  requestId: number,
): Promise<Shortlist<{ id: number; name: LocalizedText; current: boolean }>> {
  const rows = await db
    .selectFrom('organisations as o')
    .innerJoin('requests as r', (join) => join.on('r.id', '=', requestId))
    .select(['o.id', 'o.name', 'r.primary_organisation_id', TOTAL])
    .where('o.active', '=', true)
    .where((eb) => eb.or([eb('o.district_id', 'is', null), eb('o.district_id', '=', eb.ref('r.district_id'))]))
    .orderBy('o.id')
    .limit(SHORTLIST)
    .execute()
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, current: r.id === r.primary_organisation_id })),
    total: totalOf(rows),
  }
}

/** Other problems of the same group as the request's category, to correct the category when rerouting. */
export async function categoriesForRequest(
  db: Kysely<Database>,
  requestId: number,
): Promise<Shortlist<{ id: number; name: LocalizedText }>> {
  const rows = await db
    .selectFrom('requests as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('categories as sibling', 'sibling.parent_id', 'c.parent_id')
    .select(['sibling.id', 'sibling.name', TOTAL])
    .where('r.id', '=', requestId)
    .where('sibling.active', '=', true)
    .whereRef('sibling.id', '<>', 'r.category_id')
    .orderBy('sibling.id')
    .limit(SHORTLIST)
    .execute()
  return { items: rows.map((r) => ({ id: r.id, name: r.name })), total: totalOf(rows) }
}

export async function requestIdByNumber(db: Kysely<Database>, number: string): Promise<number | null> {
  const row = await db.selectFrom('requests').select('id').where('number', '=', number).executeTakeFirst()
  return row?.id ?? null
}
