import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../../src/core/access/permissions.js'
import type { StaffMemberRow } from '../../../../src/core/staff/list-staff.js'
import { makeListStaff } from '../../../../src/core/staff/list-staff.js'
import { invitableRoles } from '../../../../src/core/staff/invite-choices.js'

const OWN = 1
const OTHER = 2
const row = (membershipId: number, over: Partial<StaffMemberRow>): StaffMemberRow => ({
  membershipId,
  userId: 100 + membershipId,
  displayName: null,
  role: 'dispatcher',
  organisationId: 10,
  areaDistrictId: OWN,
  organisationName: null,
  districtName: null,
  ...over,
})
const ROWS = [
  row(1, {}),
  row(2, { role: 'executor', areaDistrictId: OTHER, organisationId: 20 }),
  row(3, { role: 'district_admin', organisationId: null, userId: 9 }),
  row(4, { role: 'region_admin', organisationId: null, areaDistrictId: null }),
  row(5, { role: 'dispatcher', organisationId: 99, areaDistrictId: null }),
]
const list = makeListStaff({ store: { activeMemberships: () => Promise.resolve(ROWS) } })
const districtAdmin: Actor = {
  userId: 9,
  memberships: [{ role: 'district_admin', organisationId: null, districtId: OWN }],
}
const regionAdmin: Actor = {
  userId: 8,
  memberships: [{ role: 'region_admin', organisationId: null, districtId: null }],
}

describe('the staff list', () => {
  it('when a district admin lists staff, then they see their district only, themselves not revocable', async () => {
    const result = await list(districtAdmin)
    if (!result.ok) throw new Error('listed')
    expect(result.members.map((m) => [m.membershipId, m.revocable])).toEqual([
      [1, true],
      [3, false],
    ])
  })

  it('when a region admin lists staff, then they see everyone and may revoke everyone but themselves', async () => {
    const result = await list(regionAdmin)
    if (!result.ok) throw new Error('listed')
    expect(result.members.map((m) => m.membershipId)).toEqual([1, 2, 3, 4, 5])
    expect(result.members.every((m) => m.revocable)).toBe(true)
  })

  it('when a dispatcher or a resident asks for the list, then it is refused', async () => {
    const dispatcher: Actor = { userId: 5, memberships: [{ role: 'dispatcher', organisationId: 10, districtId: OWN }] }
    expect(await list(dispatcher)).toEqual({ ok: false, error: 'not-allowed' })
    expect(await list({ userId: 6, memberships: [] })).toEqual({ ok: false, error: 'not-allowed' })
  })

  it('when roles to invite are offered, then only a region admin may hand out the region admin role', () => {
    expect(invitableRoles(districtAdmin)).toEqual(['executor', 'dispatcher', 'district_admin'])
    expect(invitableRoles(regionAdmin)).toEqual(['executor', 'dispatcher', 'district_admin', 'region_admin'])
    expect(invitableRoles({ userId: 1, memberships: [] })).toEqual([])
  })
})
