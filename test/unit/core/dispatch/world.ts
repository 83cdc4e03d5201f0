import type { Actor, Membership } from '../../../../src/core/access/permissions.js'
import type { DispatchStore, RequestToDispatch, RerouteRow } from '../../../../src/core/dispatch/ports.js'
import type { OutboxMessage, Transact } from '../../../../src/core/shared/ports.js'

export const OWN_DISTRICT = 1
export const OTHER_DISTRICT = 2
export const HOUSING = 10
export const ROADS = 11
export const OTHER_DISTRICT_ORG = 20
/** Serves the whole region (no district). */
export const REGION_ORG = 30
/** The category the request is filed under. */
export const CURRENT_CATEGORY = 310

export const AUTHOR = 1
export const EXECUTOR = 4
export const OTHER_EXECUTOR = 5

const m = (role: Membership['role'], organisationId: number | null, districtId: number | null): Membership => ({
  role,
  organisationId,
  districtId,
})
export const actor = (userId: number, ...memberships: Membership[]): Actor => ({ userId, memberships })
export const ownDispatcher = actor(100, m('dispatcher', HOUSING, OWN_DISTRICT))
export const copyDispatcher = actor(101, m('dispatcher', ROADS, OWN_DISTRICT))
export const otherDistrictDispatcher = actor(102, m('dispatcher', OTHER_DISTRICT_ORG, OTHER_DISTRICT))
export const districtAdmin = actor(103, m('district_admin', null, OWN_DISTRICT))
export const executor = actor(EXECUTOR, m('executor', HOUSING, OWN_DISTRICT))
export const author = actor(AUTHOR)

export const aRequest = (overrides: Partial<RequestToDispatch> = {}): RequestToDispatch => ({
  id: 7,
  status: 'accepted',
  authorUserId: AUTHOR,
  followerUserIds: [],
  districtId: OWN_DISTRICT,
  primaryOrganisationId: HOUSING,
  copyOrganisationIds: [ROADS],
  executorUserId: null,
  afterPhotoCount: 0,
  categoryId: CURRENT_CATEGORY,
  ...overrides,
})

const ORGANISATION_DISTRICTS = new Map<number, { districtId: number | null }>([
  [HOUSING, { districtId: OWN_DISTRICT }],
  [ROADS, { districtId: OWN_DISTRICT }],
  [OTHER_DISTRICT_ORG, { districtId: OTHER_DISTRICT }],
  [REGION_ORG, { districtId: null }],
])

/** An in-memory DispatchStore that records what the use cases wrote. */
export function memoryStore(request: RequestToDispatch | null) {
  const written = {
    assigned: [] as { requestId: number; executorUserId: number; actorUserId: number }[],
    answers: [] as { requestId: number; body: string }[],
    reroutes: [] as RerouteRow[],
    outbox: [] as OutboxMessage[],
  }
  const store: DispatchStore = {
    lockRequest: () => Promise.resolve(request),
    isActiveExecutor: (userId, organisationId) => Promise.resolve(userId === EXECUTOR && organisationId === HOUSING),
    assignExecutor: (requestId, executorUserId, actorUserId) => {
      written.assigned.push({ requestId, executorUserId, actorUserId })
      return Promise.resolve(501)
    },
    addOfficialAnswer: (requestId, _author, body) => {
      written.answers.push({ requestId, body })
      return Promise.resolve(502)
    },
    activeOrganisation: (id) => Promise.resolve(ORGANISATION_DISTRICTS.get(id) ?? null),
    categoryIsLeaf: (id) => Promise.resolve(id === 300 || id === CURRENT_CATEGORY),
    applyReroute: (row) => {
      written.reroutes.push(row)
      return Promise.resolve(503)
    },
    enqueue: (messages) => {
      written.outbox.push(...messages)
      return Promise.resolve()
    },
  }
  const transact: Transact<DispatchStore> = (work) => work(store)
  return { transact, written, now: () => new Date('2026-11-20T10:00:00Z') }
}
