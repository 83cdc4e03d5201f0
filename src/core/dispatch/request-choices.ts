import type { Actor, RequestPermission, RequestScope } from '../access/permissions.js'
import type { LocalizedText } from '../i18n/text.js'
import { accessTo } from './request-details.js'
import type { Shortlist } from './shortlist.js'

export type RequestAccess = 'ok' | 'not-found' | 'not-allowed'

export interface ExecutorChoice {
  userId: number
  name: string
}

export interface OrganisationChoice {
  id: number
  name: LocalizedText
  /** The request's primary organisation now. */
  current: boolean
}

export interface CategoryChoice {
  id: number
  name: LocalizedText
}

/** What the pickers of a request read (implemented in src/db). */
export interface RequestChoicesStore {
  /** Who may see and act on the request; null when there is no such request. */
  scopeOf: (requestId: number) => Promise<RequestScope | null>
  executors: (requestId: number) => Promise<Shortlist<ExecutorChoice>>
  organisations: (requestId: number) => Promise<Shortlist<OrganisationChoice>>
  categories: (requestId: number) => Promise<Shortlist<CategoryChoice>>
}

export type ChoicesResult<T> = { ok: true; choices: Shortlist<T> } | { ok: false; error: 'not-found' | 'not-allowed' }

/**
 * The pickers behind a card's buttons (executors to assign, organisations and categories to
 * reroute to). They are shown only to whoever may act on the request: a list of a district's
 * executors is not for everyone who can press a button.
 */
export function makeRequestChoices(deps: { store: RequestChoicesStore }) {
  const { store } = deps
  /** Whether the person may start this action on the request (the use case checks again when it is done). */
  const access = async (actor: Actor, requestId: number, permission: RequestPermission): Promise<RequestAccess> =>
    accessTo(actor, await store.scopeOf(requestId), permission)

  const guarded =
    <T>(permission: RequestPermission, list: (requestId: number) => Promise<Shortlist<T>>) =>
    async (actor: Actor, requestId: number): Promise<ChoicesResult<T>> => {
      const allowed = await access(actor, requestId, permission)
      return allowed === 'ok' ? { ok: true, choices: await list(requestId) } : { ok: false, error: allowed }
    }

  return {
    access,
    executorsFor: guarded('request.assign', store.executors),
    organisationsFor: guarded('request.reroute', store.organisations),
    categoriesFor: guarded('request.reroute', store.categories),
  }
}

export type RequestChoices = ReturnType<typeof makeRequestChoices>
