import type { Kysely } from 'kysely'
import type { FindRequestStore } from '../../core/dispatch/find-request.js'
import type { RequestChoicesStore } from '../../core/dispatch/request-choices.js'
import type { Database } from '../schema.js'
import { loadCatalogue } from './catalogue.js'
import {
  categoriesForRequest,
  createRequestDetailsStore,
  executorsForRequest,
  organisationsForRequest,
  requestIdByNumber,
} from './dispatch-queries.js'

/** The pickers of a request's card: who it may go to, and the scope that decides who may see them. */
export function createRequestChoicesStore(db: Kysely<Database>): RequestChoicesStore {
  const details = createRequestDetailsStore(db)
  return {
    scopeOf: async (requestId) => (await details.details(requestId))?.scope ?? null,
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
