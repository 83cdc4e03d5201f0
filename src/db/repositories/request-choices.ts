import type { Kysely } from 'kysely'
import type { RequestScope } from '../../core/access/permissions.js'
import type { FindRequestStore } from '../../core/dispatch/find-request.js'
import type { RequestChoicesStore } from '../../core/dispatch/request-choices.js'
import type { Database } from '../schema.js'
import { loadCatalogue } from './catalogue.js'
import {
  categoriesForRequest,
  executorsForRequest,
  organisationsForRequest,
  requestIdByNumber,
} from './dispatch-queries.js'

/** Who a request belongs to, for a permission check (without the history a card reads). */
export async function requestScopeOf(db: Kysely<Database>, requestId: number): Promise<RequestScope | null> {
  const row = await db
    .selectFrom('requests')
    .select(['author_user_id', 'district_id', 'primary_organisation_id', 'copy_organisation_ids', 'executor_user_id'])
    .where('id', '=', requestId)
    .executeTakeFirst()
  if (!row) return null
  const followers = await db
    .selectFrom('request_followers')
    .select('user_id')
    .where('request_id', '=', requestId)
    .execute()
  return {
    authorUserId: row.author_user_id,
    followerUserIds: followers.map((f) => f.user_id),
    districtId: row.district_id,
    primaryOrganisationId: row.primary_organisation_id,
    copyOrganisationIds: row.copy_organisation_ids,
    executorUserId: row.executor_user_id,
  }
}

/** The pickers of a request's card: who it may go to, and the scope that decides who may see them. */
export function createRequestChoicesStore(db: Kysely<Database>): RequestChoicesStore {
  return {
    scopeOf: (requestId) => requestScopeOf(db, requestId),
    executors: (requestId) => executorsForRequest(db, requestId),
    organisations: (requestId) => organisationsForRequest(db, requestId),
    categories: (requestId) => categoriesForRequest(db, requestId),
  }
}

export function createFindRequestStore(db: Kysely<Database>): FindRequestStore {
  return {
    numberPrefix: async () => (await loadCatalogue(db)).requestNumberPrefix,
    idByNumber: (number) => requestIdByNumber(db, number),
  }
}
