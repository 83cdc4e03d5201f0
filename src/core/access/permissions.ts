/**
 * The permissions catalogue and `can`, the only place that decides who may do what.
 * Adapters ask `can(actor, permission, target)`; they never compare role names.
 */
export const STAFF_ROLES = ['executor', 'dispatcher', 'district_admin', 'region_admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

/**
 * One role held by a person. `organisationId` is set for executors and dispatchers;
 * `districtId` is the district the membership covers (for executors and dispatchers the
 * organisation's district, null when the organisation serves the whole region).
 */
export interface Membership {
  role: StaffRole
  organisationId: number | null
  districtId: number | null
}

/** Whoever acts. A resident is an actor without memberships. */
export interface Actor {
  userId: number
  memberships: readonly Membership[]
}

/** What the request-scoped checks need to know about a request. */
export interface RequestScope {
  authorUserId: number
  followerUserIds: readonly number[]
  districtId: number
  /** null: no routing rule matched; the request waits in the region triage queue. */
  primaryOrganisationId: number | null
  copyOrganisationIds: readonly number[]
  executorUserId: number | null
}

/** Where a non-request action takes place (an invite's organisation, a notice's district, …). */
export interface AreaScope {
  districtId: number | null
  organisationId?: number | null
}

export const REQUEST_PERMISSIONS = [
  'request.view',
  'request.rate',
  'request.provide_info',
  'request.accept',
  'request.assign',
  'request.ask',
  'request.answer',
  'request.reroute',
  'request.reject',
  'request.plan',
  'request.reopen',
  'request.start',
  'request.finish',
] as const
export type RequestPermission = (typeof REQUEST_PERMISSIONS)[number]

export const AREA_PERMISSIONS = [
  'request.create_for_caller',
  'staff.invite',
  'staff.revoke',
  'notice.send',
  'stats.view',
  'export.requests',
  'export.personal_data',
  'deadletters.view',
  'queue.view',
  'assignments.view',
  'chat.link',
] as const
export type AreaPermission = (typeof AREA_PERMISSIONS)[number]

export type Permission = RequestPermission | AreaPermission

const RESIDENT_OWN: readonly RequestPermission[] = ['request.view', 'request.rate', 'request.provide_info']
const FOLLOWER: readonly RequestPermission[] = ['request.view']
const EXECUTOR: readonly RequestPermission[] = ['request.view', 'request.start', 'request.finish']
const HANDLER: readonly RequestPermission[] = REQUEST_PERMISSIONS.filter(
  (p) => p !== 'request.rate' && p !== 'request.provide_info',
)

// A group chat belongs to one organisation, so only its dispatchers link one (an admin has no
// organisation to link it to); assignments are an executor's own.
const AREA_GRANTS: Record<StaffRole, readonly AreaPermission[]> = {
  executor: ['assignments.view'],
  dispatcher: ['request.create_for_caller', 'queue.view', 'chat.link'],
  district_admin: [
    'request.create_for_caller',
    'queue.view',
    'staff.invite',
    'staff.revoke',
    'notice.send',
    'stats.view',
    'export.requests',
    'deadletters.view',
  ],
  region_admin: AREA_PERMISSIONS.filter((p) => p !== 'chat.link' && p !== 'assignments.view'),
}

function requestGrants(actor: Actor, m: Membership, request: RequestScope): readonly RequestPermission[] {
  switch (m.role) {
    case 'region_admin':
      return HANDLER
    case 'district_admin':
      return m.districtId === request.districtId ? HANDLER : []
    case 'dispatcher':
      if (request.primaryOrganisationId === null)
        // Triage: only a region-wide organisation (the contact centre) sorts unrouted requests.
        return m.districtId === null ? HANDLER : []
      if (m.organisationId === request.primaryOrganisationId) return HANDLER
      // The contact centre answers "what happened to my request?" calls about every request.
      if (m.districtId === null) return ['request.view']
      return m.organisationId !== null && request.copyOrganisationIds.includes(m.organisationId) ? ['request.view'] : []
    case 'executor':
      return request.executorUserId === actor.userId && m.organisationId === request.primaryOrganisationId
        ? EXECUTOR
        : []
  }
}

function coversArea(m: Membership, area: AreaScope): boolean {
  if (m.role === 'region_admin') return true
  // A membership without a district (region-wide organisation) covers every district.
  if (m.districtId !== null && m.districtId !== area.districtId) return false
  if (m.role === 'district_admin') return true
  return area.organisationId === undefined || area.organisationId === null || area.organisationId === m.organisationId
}

const isRequestPermission = (p: Permission): p is RequestPermission =>
  (REQUEST_PERMISSIONS as readonly string[]).includes(p)

export function can(actor: Actor, permission: RequestPermission, target: RequestScope): boolean
export function can(actor: Actor, permission: AreaPermission, target: AreaScope): boolean
export function can(actor: Actor, permission: Permission, target: RequestScope | AreaScope): boolean {
  if (isRequestPermission(permission)) {
    const request = target as RequestScope
    if (request.authorUserId === actor.userId && RESIDENT_OWN.includes(permission)) return true
    if (request.followerUserIds.includes(actor.userId) && FOLLOWER.includes(permission)) return true
    return actor.memberships.some((m) => requestGrants(actor, m, request).includes(permission))
  }
  const area = target as AreaScope
  return actor.memberships.some((m) => AREA_GRANTS[m.role].includes(permission) && coversArea(m, area))
}

/**
 * Whether a staff membership lets the actor see the request: the staff card (the resident's phone,
 * followers, internal history) is for staff only, never for an author or follower as such.
 */
export const canViewAsStaff = (actor: Actor, request: RequestScope): boolean =>
  actor.memberships.some((m) => requestGrants(actor, m, request).includes('request.view'))

/**
 * Whether one of the actor's memberships grants an area permission somewhere, e.g. to decide
 * which commands to show; the action itself is still checked against its real scope.
 */
export const holdsAnywhere = (actor: Actor, permission: AreaPermission): boolean =>
  actor.memberships.some((m) => AREA_GRANTS[m.role].includes(permission))

/**
 * The part of the region one membership's area grant covers: everything, one district, or one
 * organisation (in its district, or region-wide when the organisation serves the whole region).
 */
export type Coverage =
  | { kind: 'region' }
  | { kind: 'district'; districtId: number }
  | { kind: 'organisation'; organisationId: number; districtId: number | null }

function coverageOf(m: Membership): Coverage {
  if (m.role === 'region_admin') return { kind: 'region' }
  if (m.role !== 'district_admin' && m.organisationId !== null)
    return { kind: 'organisation', organisationId: m.organisationId, districtId: m.districtId }
  // Read as coversArea does: a membership without a district covers every district.
  return m.districtId === null ? { kind: 'region' } : { kind: 'district', districtId: m.districtId }
}

/**
 * Where the actor holds an area permission, one entry per membership that grants it (none: nowhere),
 * for listing what lies in that area (e.g. a queue); each entry passes `can` for its own scope.
 */
export const areasWhere = (actor: Actor, permission: AreaPermission): Coverage[] =>
  actor.memberships.filter((m) => AREA_GRANTS[m.role].includes(permission)).map(coverageOf)

/** The permission each status change needs. */
export const PERMISSION_FOR_ACTION = {
  accept: 'request.accept',
  ask: 'request.ask',
  provide_info: 'request.provide_info',
  start: 'request.start',
  finish: 'request.finish',
  close: 'request.rate',
  reopen: 'request.reopen',
  reject: 'request.reject',
  plan: 'request.plan',
  reroute: 'request.reroute',
} as const satisfies Record<string, RequestPermission>
