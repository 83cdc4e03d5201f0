import type { Transaction } from 'kysely'
import type { DispatchStore, RerouteRow } from '../../core/dispatch/ports.js'
import type { Database } from '../schema.js'
import { insertOutbox } from './outbox.js'
import { createRequestStore } from './request-store.js'

/** The dispatcher's ports of the core, bound to one transaction. */
export function createDispatchStore(trx: Transaction<Database>): DispatchStore {
  return {
    lockRequest: async (requestId) => {
      const request = await createRequestStore(trx).lockRequest(requestId)
      if (!request) return null
      const { category_id } = await trx
        .selectFrom('requests')
        .select('category_id')
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow()
      return { ...request, categoryId: category_id }
    },
    isActiveExecutor: async (userId, organisationId) => {
      const row = await trx
        .selectFrom('staff_memberships')
        .select('id')
        .where('user_id', '=', userId)
        .where('role', '=', 'executor')
        .where('organisation_id', '=', organisationId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      return row !== undefined
    },
    assignExecutor: async (requestId, executorUserId, actorUserId, at) => {
      const before = await trx
        .selectFrom('requests')
        .select('executor_user_id')
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow()
      await trx
        .updateTable('requests')
        .set((eb) => ({ executor_user_id: executorUserId, updated_at: at, version: eb('version', '+', 1) }))
        .where('id', '=', requestId)
        .execute()
      const event = await trx
        .insertInto('request_events')
        .values({
          request_id: requestId,
          actor_user_id: actorUserId,
          kind: 'assigned',
          data: JSON.stringify({ executorUserId, previousExecutorUserId: before.executor_user_id }),
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return event.id
    },
    addOfficialAnswer: async (requestId, authorUserId, body, at) => {
      await trx
        .insertInto('request_messages')
        .values({ request_id: requestId, kind: 'official_answer', author_user_id: authorUserId, body, created_at: at })
        .execute()
      const event = await trx
        .insertInto('request_events')
        .values({
          request_id: requestId,
          actor_user_id: authorUserId,
          kind: 'message',
          data: JSON.stringify({ kind: 'official_answer' }),
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return event.id
    },
    activeOrganisation: async (organisationId) => {
      const row = await trx
        .selectFrom('organisations')
        .select(['active', 'district_id'])
        .where('id', '=', organisationId)
        .executeTakeFirst()
      return row?.active === true ? { districtId: row.district_id } : null
    },
    categoryIsLeaf: async (categoryId) => {
      const row = await trx
        .selectFrom('categories')
        .select(['active', 'parent_id'])
        .where('id', '=', categoryId)
        .executeTakeFirst()
      return row !== undefined && row.active && row.parent_id !== null
    },
    applyReroute: (row) => applyReroute(trx, row),
    enqueue: (messages) => insertOutbox(trx, messages),
  }
}

async function applyReroute(trx: Transaction<Database>, row: RerouteRow): Promise<number> {
  const before = await trx
    .selectFrom('requests')
    .select(['primary_organisation_id', 'category_id', 'copy_organisation_ids', 'routing'])
    .where('id', '=', row.requestId)
    .executeTakeFirstOrThrow()
  const organisationChanges = row.organisationId !== before.primary_organisation_id
  await trx
    .updateTable('requests')
    .set((eb) => ({
      status: row.to,
      primary_organisation_id: row.organisationId,
      ...(row.categoryId !== null && { category_id: row.categoryId }),
      // A person decided where it goes now; the new owner takes it from here, without the old copies.
      ...(organisationChanges && { copy_organisation_ids: [], executor_user_id: null }),
      // ruleId 0: no rule decided this, the person named in reroutedByUserId did.
      routing: JSON.stringify({
        kind: 'routed',
        ruleId: 0,
        reroutedByUserId: row.actorUserId,
        matchedOn: 'category',
        primaryOrganisationId: row.organisationId,
        copyOrganisationIds: organisationChanges ? [] : before.copy_organisation_ids,
      }),
      updated_at: row.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', row.requestId)
    .execute()
  const event = await trx
    .insertInto('request_events')
    .values({
      request_id: row.requestId,
      actor_user_id: row.actorUserId,
      kind: 'rerouted',
      from_status: row.from,
      to_status: row.to,
      note: row.note,
      data: JSON.stringify({
        from: { organisationId: before.primary_organisation_id, categoryId: before.category_id },
        to: { organisationId: row.organisationId, categoryId: row.categoryId ?? before.category_id },
        previousRouting: before.routing,
      }),
      created_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return event.id
}
