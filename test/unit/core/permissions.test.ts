import { describe, expect, it } from 'vitest'
import {
  AREA_PERMISSIONS,
  PERMISSION_FOR_ACTION,
  REQUEST_PERMISSIONS,
  can,
  canViewAsStaff,
} from '../../../src/core/access/permissions.js'
import type {
  Actor,
  AreaPermission,
  AreaScope,
  Membership,
  RequestPermission,
  RequestScope,
} from '../../../src/core/access/permissions.js'
import { STATUS_ACTIONS } from '../../../src/core/requests/status.js'
import type { StatusAction } from '../../../src/core/requests/status.js'

// ── The world ─────────────────────────────────────────────────────────────
const OWN_DISTRICT = 1
const OTHER_DISTRICT = 2

const HOUSING_ORG = 10 // primary organisation of the routed request (own district)
const ROADS_ORG = 11 // receives a copy of the routed request (own district)
const OTHER_ORG = 12 // another organisation of the own district
const OTHER_DISTRICT_ORG = 20
const CONTACT_CENTRE = 99 // region-wide organisation: triage of unrouted requests

const AUTHOR = 1
const FOLLOWER = 2
const STRANGER = 3
const EXECUTOR = 4
const IDLE_EXECUTOR = 5
const OTHER_ORG_EXECUTOR = 6

const resident = (userId: number): Actor => ({ userId, memberships: [] })
const staff = (userId: number, ...memberships: Membership[]): Actor => ({ userId, memberships })
const executorIn = (organisationId: number, districtId: number | null): Membership => ({
  role: 'executor',
  organisationId,
  districtId,
})
const dispatcherIn = (organisationId: number, districtId: number | null): Membership => ({
  role: 'dispatcher',
  organisationId,
  districtId,
})
const districtAdminOf = (districtId: number): Membership => ({
  role: 'district_admin',
  organisationId: null,
  districtId,
})
const regionAdmin: Membership = { role: 'region_admin', organisationId: null, districtId: null }

const routed: RequestScope = {
  authorUserId: AUTHOR,
  followerUserIds: [FOLLOWER],
  districtId: OWN_DISTRICT,
  primaryOrganisationId: HOUSING_ORG,
  copyOrganisationIds: [ROADS_ORG],
  executorUserId: EXECUTOR,
}
/** Recorded executor belongs to another organisation (e.g. left over from before a reroute). */
const routedWithForeignExecutor: RequestScope = { ...routed, executorUserId: OTHER_ORG_EXECUTOR }
const unrouted: RequestScope = {
  authorUserId: AUTHOR,
  followerUserIds: [FOLLOWER],
  districtId: OWN_DISTRICT,
  primaryOrganisationId: null,
  copyOrganisationIds: [],
  executorUserId: null,
}
const otherDistrictRequest: RequestScope = {
  authorUserId: STRANGER,
  followerUserIds: [],
  districtId: OTHER_DISTRICT,
  primaryOrganisationId: OTHER_DISTRICT_ORG,
  copyOrganisationIds: [],
  executorUserId: null,
}

// ── Request permissions: the expected matrix, written out ─────────────────
// Columns, in this order:
const COLUMNS = [
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
] as const satisfies readonly RequestPermission[]

// 'Y' = allowed, '.' = refused, one mark per column above.
const NOBODY = '. . . . . . . . . . . . .'
const HANDLER = 'Y . . Y Y Y Y Y Y Y Y Y Y'

const REQUEST_MATRIX: readonly { who: string; actor: Actor; request: RequestScope; marks: string }[] = [
  //                                                                                              view rate info acc asg ask ans rer rej pln reo sta fin
  {
    who: 'the resident author (own request)',
    actor: resident(AUTHOR),
    request: routed,
    marks: 'Y Y Y . . . . . . . . . .',
  },
  {
    who: 'the resident author (own unrouted request)',
    actor: resident(AUTHOR),
    request: unrouted,
    marks: 'Y Y Y . . . . . . . . . .',
  },
  { who: "a resident (someone else's request)", actor: resident(AUTHOR), request: otherDistrictRequest, marks: NOBODY },
  { who: 'a follower', actor: resident(FOLLOWER), request: routed, marks: 'Y . . . . . . . . . . . .' },
  { who: 'an unrelated resident', actor: resident(STRANGER), request: routed, marks: NOBODY },
  {
    who: 'the assigned executor',
    actor: staff(EXECUTOR, executorIn(HOUSING_ORG, OWN_DISTRICT)),
    request: routed,
    marks: 'Y . . . . . . . . . . Y Y',
  },
  {
    who: 'an executor not assigned',
    actor: staff(IDLE_EXECUTOR, executorIn(HOUSING_ORG, OWN_DISTRICT)),
    request: routed,
    marks: NOBODY,
  },
  {
    who: 'an executor of another organisation',
    actor: staff(OTHER_ORG_EXECUTOR, executorIn(OTHER_ORG, OWN_DISTRICT)),
    request: routed,
    marks: NOBODY,
  },
  {
    who: 'a recorded executor of another organisation',
    actor: staff(OTHER_ORG_EXECUTOR, executorIn(OTHER_ORG, OWN_DISTRICT)),
    request: routedWithForeignExecutor,
    marks: NOBODY,
  },
  {
    who: 'the assigned executor (unassigned request)',
    actor: staff(EXECUTOR, executorIn(HOUSING_ORG, OWN_DISTRICT)),
    request: unrouted,
    marks: NOBODY,
  },
  {
    who: 'a dispatcher of the primary organisation',
    actor: staff(30, dispatcherIn(HOUSING_ORG, OWN_DISTRICT)),
    request: routed,
    marks: HANDLER,
  },
  {
    who: 'a dispatcher of a copy organisation',
    actor: staff(31, dispatcherIn(ROADS_ORG, OWN_DISTRICT)),
    request: routed,
    marks: 'Y . . . . . . . . . . . .',
  },
  {
    who: 'a dispatcher of another organisation',
    actor: staff(32, dispatcherIn(OTHER_ORG, OWN_DISTRICT)),
    request: routed,
    marks: NOBODY,
  },
  {
    who: 'a dispatcher of another district',
    actor: staff(33, dispatcherIn(OTHER_DISTRICT_ORG, OTHER_DISTRICT)),
    request: routed,
    marks: NOBODY,
  },
  {
    who: 'a dispatcher of the primary organisation (other district request)',
    actor: staff(30, dispatcherIn(HOUSING_ORG, OWN_DISTRICT)),
    request: otherDistrictRequest,
    marks: NOBODY,
  },
  {
    who: 'a region-wide dispatcher (unrouted request)',
    actor: staff(34, dispatcherIn(CONTACT_CENTRE, null)),
    request: unrouted,
    marks: HANDLER,
  },
  {
    who: 'a region-wide dispatcher (routed request: answers calls about it)',
    actor: staff(34, dispatcherIn(CONTACT_CENTRE, null)),
    request: routed,
    marks: 'Y . . . . . . . . . . . .',
  },
  {
    who: 'a region-wide dispatcher (other district request)',
    actor: staff(34, dispatcherIn(CONTACT_CENTRE, null)),
    request: otherDistrictRequest,
    marks: 'Y . . . . . . . . . . . .',
  },
  {
    who: 'a district dispatcher (unrouted request)',
    actor: staff(30, dispatcherIn(HOUSING_ORG, OWN_DISTRICT)),
    request: unrouted,
    marks: NOBODY,
  },
  {
    who: 'the district admin (own district)',
    actor: staff(40, districtAdminOf(OWN_DISTRICT)),
    request: routed,
    marks: HANDLER,
  },
  {
    who: 'the district admin (own district, unrouted)',
    actor: staff(40, districtAdminOf(OWN_DISTRICT)),
    request: unrouted,
    marks: HANDLER,
  },
  {
    who: 'a district admin (other district)',
    actor: staff(41, districtAdminOf(OTHER_DISTRICT)),
    request: routed,
    marks: NOBODY,
  },
  {
    who: 'a district admin (other district, unrouted)',
    actor: staff(41, districtAdminOf(OTHER_DISTRICT)),
    request: unrouted,
    marks: NOBODY,
  },
  { who: 'the region admin', actor: staff(50, regionAdmin), request: routed, marks: HANDLER },
  { who: 'the region admin (unrouted)', actor: staff(50, regionAdmin), request: unrouted, marks: HANDLER },
  {
    who: 'the region admin (other district)',
    actor: staff(50, regionAdmin),
    request: otherDistrictRequest,
    marks: HANDLER,
  },
]

const parseMarks = (marks: string): boolean[] => marks.split(' ').map((mark) => mark === 'Y')

const REQUEST_CASES = REQUEST_MATRIX.flatMap(({ who, actor, request, marks }) => {
  const flags = parseMarks(marks)
  return COLUMNS.map((permission, i) => ({ who, actor, request, permission, allowed: flags[i] === true }))
})

// ── Area permissions: the expected matrix, written out ────────────────────
const AREA_COLUMNS = [
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
] as const satisfies readonly AreaPermission[]

const ownDistrict: AreaScope = { districtId: OWN_DISTRICT }
const otherDistrict: AreaScope = { districtId: OTHER_DISTRICT }

const AREA_MATRIX: readonly { who: string; actor: Actor; area: AreaScope; where: string; marks: string }[] = [
  // columns: caller invite revoke notice stats exp.req exp.pd dead queue assignments link
  {
    who: 'a resident',
    actor: resident(AUTHOR),
    area: ownDistrict,
    where: 'own district',
    marks: '. . . . . . . . . . .',
  },
  {
    who: 'a resident',
    actor: resident(AUTHOR),
    area: otherDistrict,
    where: 'other district',
    marks: '. . . . . . . . . . .',
  },
  {
    who: 'an executor',
    actor: staff(EXECUTOR, executorIn(HOUSING_ORG, OWN_DISTRICT)),
    area: ownDistrict,
    where: 'own district',
    marks: '. . . . . . . . . Y .',
  },
  {
    who: 'an executor',
    actor: staff(EXECUTOR, executorIn(HOUSING_ORG, OWN_DISTRICT)),
    area: otherDistrict,
    where: 'other district',
    marks: '. . . . . . . . . . .',
  },
  {
    who: 'a dispatcher',
    actor: staff(30, dispatcherIn(HOUSING_ORG, OWN_DISTRICT)),
    area: ownDistrict,
    where: 'own district',
    marks: 'Y . . . . . . . Y . Y',
  },
  {
    who: 'a dispatcher',
    actor: staff(30, dispatcherIn(HOUSING_ORG, OWN_DISTRICT)),
    area: otherDistrict,
    where: 'other district',
    marks: '. . . . . . . . . . .',
  },
  {
    who: 'a region-wide dispatcher',
    actor: staff(34, dispatcherIn(CONTACT_CENTRE, null)),
    area: ownDistrict,
    where: 'a district',
    marks: 'Y . . . . . . . Y . Y',
  },
  {
    who: 'a region-wide dispatcher',
    actor: staff(34, dispatcherIn(CONTACT_CENTRE, null)),
    area: otherDistrict,
    where: 'another district',
    marks: 'Y . . . . . . . Y . Y',
  },
  {
    who: 'a district admin',
    actor: staff(40, districtAdminOf(OWN_DISTRICT)),
    area: ownDistrict,
    where: 'own district',
    marks: 'Y Y Y Y Y Y . Y Y . .',
  },
  {
    who: 'a district admin',
    actor: staff(40, districtAdminOf(OWN_DISTRICT)),
    area: otherDistrict,
    where: 'other district',
    marks: '. . . . . . . . . . .',
  },
  {
    who: 'a district admin',
    actor: staff(40, districtAdminOf(OWN_DISTRICT)),
    area: { districtId: null },
    where: 'the whole region',
    marks: '. . . . . . . . . . .',
  },
  {
    who: 'the region admin',
    actor: staff(50, regionAdmin),
    area: ownDistrict,
    where: 'a district',
    marks: 'Y Y Y Y Y Y Y Y Y . .',
  },
  {
    who: 'the region admin',
    actor: staff(50, regionAdmin),
    area: otherDistrict,
    where: 'another district',
    marks: 'Y Y Y Y Y Y Y Y Y . .',
  },
  {
    who: 'the region admin',
    actor: staff(50, regionAdmin),
    area: { districtId: null },
    where: 'the whole region',
    marks: 'Y Y Y Y Y Y Y Y Y . .',
  },
]

const AREA_CASES = AREA_MATRIX.flatMap(({ who, actor, area, where, marks }) => {
  const flags = parseMarks(marks)
  return AREA_COLUMNS.map((permission, i) => ({ who, actor, area, where, permission, allowed: flags[i] === true }))
})

const STAFF_ONLY: readonly RequestPermission[] = [
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
]

const sorted = (values: readonly string[]): string[] => [...values].sort()

describe('permissions', () => {
  it('when the catalogues are listed, then they have exactly the columns of the matrices', () => {
    expect(sorted(REQUEST_PERMISSIONS)).toEqual(sorted(COLUMNS))
    expect(sorted(AREA_PERMISSIONS)).toEqual(sorted(AREA_COLUMNS))
    for (const row of REQUEST_MATRIX) expect(parseMarks(row.marks)).toHaveLength(COLUMNS.length)
    for (const row of AREA_MATRIX) expect(parseMarks(row.marks)).toHaveLength(AREA_COLUMNS.length)
  })

  describe('request permissions', () => {
    it.each(REQUEST_CASES)(
      'when $who asks for $permission, then the answer is $allowed',
      ({ actor, permission, request, allowed }) => {
        expect(can(actor, permission, request)).toBe(allowed)
      },
    )
  })

  describe('area permissions', () => {
    it.each(AREA_CASES)(
      'when $who asks for $permission in $where, then the answer is $allowed',
      ({ actor, permission, area, allowed }) => {
        expect(can(actor, permission, area)).toBe(allowed)
      },
    )

    it('when a dispatcher acts for their own organisation, then it is allowed, and for another organisation it is not', () => {
      const dispatcher = staff(30, dispatcherIn(HOUSING_ORG, OWN_DISTRICT))
      expect(
        can(dispatcher, 'request.create_for_caller', { districtId: OWN_DISTRICT, organisationId: HOUSING_ORG }),
      ).toBe(true)
      expect(can(dispatcher, 'request.create_for_caller', { districtId: OWN_DISTRICT, organisationId: null })).toBe(
        true,
      )
      expect(
        can(dispatcher, 'request.create_for_caller', { districtId: OWN_DISTRICT, organisationId: OTHER_ORG }),
      ).toBe(false)
    })

    it('when an executor or a dispatcher works in an organisation, then their area permissions stop at its border', () => {
      const executor = staff(EXECUTOR, executorIn(HOUSING_ORG, OWN_DISTRICT))
      expect(can(executor, 'assignments.view', { districtId: OWN_DISTRICT, organisationId: HOUSING_ORG })).toBe(true)
      expect(can(executor, 'assignments.view', { districtId: OWN_DISTRICT, organisationId: OTHER_ORG })).toBe(false)
      const dispatcher = staff(30, dispatcherIn(HOUSING_ORG, OWN_DISTRICT))
      expect(can(dispatcher, 'queue.view', { districtId: OWN_DISTRICT, organisationId: HOUSING_ORG })).toBe(true)
      expect(can(dispatcher, 'queue.view', { districtId: OWN_DISTRICT, organisationId: OTHER_ORG })).toBe(false)
      expect(can(dispatcher, 'chat.link', { districtId: OWN_DISTRICT, organisationId: OTHER_ORG })).toBe(false)
      expect(can(dispatcher, 'assignments.view', { districtId: OWN_DISTRICT, organisationId: HOUSING_ORG })).toBe(false)
    })

    it('when a district admin invites staff to any organisation of their district, then it is allowed', () => {
      const admin = staff(40, districtAdminOf(OWN_DISTRICT))
      expect(can(admin, 'staff.invite', { districtId: OWN_DISTRICT, organisationId: HOUSING_ORG })).toBe(true)
      expect(can(admin, 'staff.invite', { districtId: OWN_DISTRICT, organisationId: OTHER_ORG })).toBe(true)
      expect(can(admin, 'staff.invite', { districtId: OTHER_DISTRICT, organisationId: OTHER_DISTRICT_ORG })).toBe(false)
    })
  })

  describe('several memberships', () => {
    // Assigned executor in the own district and district admin of the other district.
    const twoHats = staff(EXECUTOR, executorIn(HOUSING_ORG, OWN_DISTRICT), districtAdminOf(OTHER_DISTRICT))

    it('when a person holds two memberships, then on each request they get what either membership gives', () => {
      expect(can(twoHats, 'request.start', routed)).toBe(true)
      expect(can(twoHats, 'request.finish', routed)).toBe(true)
      expect(can(twoHats, 'request.accept', routed)).toBe(false)
      expect(can(twoHats, 'request.accept', otherDistrictRequest)).toBe(true)
      expect(can(twoHats, 'request.reject', otherDistrictRequest)).toBe(true)
    })

    it('when a person holds two memberships, then in each area they get what either membership gives', () => {
      const dispatcherAndAdmin = staff(60, dispatcherIn(HOUSING_ORG, OWN_DISTRICT), districtAdminOf(OTHER_DISTRICT))
      expect(can(dispatcherAndAdmin, 'request.create_for_caller', ownDistrict)).toBe(true)
      expect(can(dispatcherAndAdmin, 'request.create_for_caller', otherDistrict)).toBe(true)
      expect(can(dispatcherAndAdmin, 'staff.invite', otherDistrict)).toBe(true)
      expect(can(dispatcherAndAdmin, 'staff.invite', ownDistrict)).toBe(false)
    })

    it('when a dispatcher of a copy organisation is also the assigned executor, then they may view, start and finish', () => {
      const both = staff(EXECUTOR, dispatcherIn(ROADS_ORG, OWN_DISTRICT), executorIn(HOUSING_ORG, OWN_DISTRICT))
      expect(can(both, 'request.view', routed)).toBe(true)
      expect(can(both, 'request.start', routed)).toBe(true)
      expect(can(both, 'request.finish', routed)).toBe(true)
      expect(can(both, 'request.accept', routed)).toBe(false)
    })

    it('when a staff member is the author of a request, then they also get what an author gets', () => {
      const authoringDispatcher = staff(AUTHOR, dispatcherIn(HOUSING_ORG, OWN_DISTRICT))
      expect(can(authoringDispatcher, 'request.rate', routed)).toBe(true)
      expect(can(authoringDispatcher, 'request.accept', routed)).toBe(true)
    })
  })

  describe('residents on their own request', () => {
    it.each(STAFF_ONLY)('when the author asks for %s on their own request, then it is refused', (permission) => {
      expect(can(resident(AUTHOR), permission, routed)).toBe(false)
      expect(can(resident(AUTHOR), permission, unrouted)).toBe(false)
    })

    it.each(STAFF_ONLY)('when the author who also follows asks for %s, then it is still refused', (permission) => {
      expect(can(resident(AUTHOR), permission, { ...routed, followerUserIds: [AUTHOR, FOLLOWER] })).toBe(false)
    })

    it.each(STAFF_ONLY)(
      'when the request names the author as its executor but they hold no membership, then %s is refused',
      (permission) => {
        expect(can(resident(AUTHOR), permission, { ...routed, executorUserId: AUTHOR })).toBe(false)
      },
    )
  })

  describe('viewing as staff', () => {
    it('when the author or a follower has request.view, then it is not a view as staff', () => {
      const followed = { ...routed, followerUserIds: [FOLLOWER] }
      expect(can(resident(AUTHOR), 'request.view', followed)).toBe(true)
      expect(canViewAsStaff(resident(AUTHOR), followed)).toBe(false)
      expect(canViewAsStaff(resident(FOLLOWER), followed)).toBe(false)
    })

    it('when a staff membership grants the view, then it is a view as staff; another district’s is not', () => {
      expect(canViewAsStaff(staff(30, dispatcherIn(ROADS_ORG, OWN_DISTRICT)), routed)).toBe(true)
      expect(canViewAsStaff(staff(EXECUTOR, executorIn(HOUSING_ORG, OWN_DISTRICT)), routed)).toBe(true)
      expect(canViewAsStaff(staff(31, dispatcherIn(OTHER_DISTRICT_ORG, OTHER_DISTRICT)), routed)).toBe(false)
    })

    it('when a dispatcher is also the author, then their membership still lets them view as staff', () => {
      expect(canViewAsStaff(staff(AUTHOR, dispatcherIn(HOUSING_ORG, OWN_DISTRICT)), routed)).toBe(true)
    })
  })

  describe('PERMISSION_FOR_ACTION', () => {
    const EXPECTED: Record<StatusAction, RequestPermission> = {
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
    }

    it.each(STATUS_ACTIONS.map((action) => ({ action, permission: EXPECTED[action] })))(
      'when the status action is $action, then it needs $permission',
      ({ action, permission }) => {
        expect(PERMISSION_FOR_ACTION[action]).toBe(permission)
      },
    )

    it('when the author drives their own request, then only answering and closing are theirs', () => {
      const authorActions = STATUS_ACTIONS.filter((action) =>
        can(resident(AUTHOR), PERMISSION_FOR_ACTION[action], routed),
      )
      expect(sorted(authorActions)).toEqual(['close', 'provide_info'])
    })
  })
})
