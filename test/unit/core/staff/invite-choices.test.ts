import { describe, expect, it } from 'vitest'
import type { Actor, StaffRole } from '../../../../src/core/access/permissions.js'
import { STAFF_ROLES } from '../../../../src/core/access/permissions.js'
import { mayOfferInvite } from '../../../../src/core/staff/invite-choices.js'

const LIDA = 3
const SLONIM = 4
const resident: Actor = { userId: 1, memberships: [] }
const dispatcher: Actor = { userId: 2, memberships: [{ role: 'dispatcher', organisationId: 5, districtId: LIDA }] }
const lidaAdmin: Actor = {
  userId: 3,
  memberships: [{ role: 'district_admin', organisationId: null, districtId: LIDA }],
}
const regionAdmin: Actor = {
  userId: 4,
  memberships: [{ role: 'region_admin', organisationId: null, districtId: null }],
}

describe('which invite picker steps an actor may be shown', () => {
  it.each<[string, Actor]>([
    ['a resident', resident],
    ['a dispatcher', dispatcher],
  ])('when %s presses any invite button, then no step is offered', (_, actor) => {
    for (const role of STAFF_ROLES)
      for (const districtId of [undefined, null, LIDA, SLONIM])
        expect(mayOfferInvite(actor, role, districtId)).toBe(false)
  })

  it.each<[StaffRole, number | null | undefined, boolean]>([
    ['dispatcher', undefined, true],
    ['dispatcher', LIDA, true],
    ['dispatcher', SLONIM, false],
    ['dispatcher', null, false],
    ['district_admin', LIDA, true],
    ['region_admin', undefined, false],
  ])('when a district admin picks %s in district %s, then offered is %s', (role, districtId, offered) => {
    expect(mayOfferInvite(lidaAdmin, role, districtId)).toBe(offered)
  })

  it('when a region admin picks any role anywhere, then it is offered', () => {
    for (const role of STAFF_ROLES)
      for (const districtId of [undefined, null, LIDA, SLONIM])
        expect(mayOfferInvite(regionAdmin, role, districtId)).toBe(true)
  })
})
