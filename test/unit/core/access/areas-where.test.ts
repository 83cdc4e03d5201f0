import { describe, expect, it } from 'vitest'
import { AREA_PERMISSIONS, areasWhere, can } from '../../../../src/core/access/permissions.js'
import type { Actor, AreaScope, Coverage, Membership } from '../../../../src/core/access/permissions.js'
import { queueAreaOf } from '../../../../src/core/dispatch/queue.js'

const OWN_DISTRICT = 1
const OTHER_DISTRICT = 2
const HOUSING = 10
const CONTACT_CENTRE = 99

const staff = (...memberships: Membership[]): Actor => ({ userId: 7, memberships })
const dispatcher = staff({ role: 'dispatcher', organisationId: HOUSING, districtId: OWN_DISTRICT })
const operator = staff({ role: 'dispatcher', organisationId: CONTACT_CENTRE, districtId: null })
const districtAdmin = staff({ role: 'district_admin', organisationId: null, districtId: OWN_DISTRICT })
const regionAdmin = staff({ role: 'region_admin', organisationId: null, districtId: null })
const executor = staff({ role: 'executor', organisationId: HOUSING, districtId: OWN_DISTRICT })
const everyone = [dispatcher, operator, districtAdmin, regionAdmin, executor, staff()]

const scopeOf = (c: Coverage): AreaScope =>
  c.kind === 'region'
    ? { districtId: null }
    : c.kind === 'district'
      ? { districtId: c.districtId }
      : { districtId: c.districtId ?? OTHER_DISTRICT, organisationId: c.organisationId }

describe('where an actor holds an area permission', () => {
  it('when a dispatcher, a district admin and a region admin ask about queue.view, then their organisation, their district and the region', () => {
    expect(areasWhere(dispatcher, 'queue.view')).toEqual([
      { kind: 'organisation', organisationId: HOUSING, districtId: OWN_DISTRICT },
    ])
    expect(areasWhere(districtAdmin, 'queue.view')).toEqual([{ kind: 'district', districtId: OWN_DISTRICT }])
    expect(areasWhere(regionAdmin, 'queue.view')).toEqual([{ kind: 'region' }])
  })

  it('when the role does not grant the permission, then nowhere', () => {
    expect(areasWhere(executor, 'queue.view')).toEqual([])
    expect(areasWhere(dispatcher, 'notice.send')).toEqual([])
    expect(areasWhere(staff(), 'queue.view')).toEqual([])
  })

  it('when a person holds two roles, then both areas', () => {
    const both = staff(dispatcher.memberships[0] as Membership, districtAdmin.memberships[0] as Membership)
    expect(areasWhere(both, 'queue.view')).toHaveLength(2)
  })

  it.each(AREA_PERMISSIONS)('when %s is granted somewhere, then `can` agrees for every area listed', (permission) => {
    const listed = everyone.flatMap((actor) => areasWhere(actor, permission).map((coverage) => ({ actor, coverage })))
    // Someone among `everyone` holds each permission somewhere, so the check below always runs.
    expect(listed.length).toBeGreaterThan(0)
    for (const { actor, coverage } of listed) expect(can(actor, permission, scopeOf(coverage))).toBe(true)
  })

  it.each(AREA_PERMISSIONS)('when %s is granted nowhere, then `can` refuses the actor everywhere', (permission) => {
    const without = everyone.filter((a) => areasWhere(a, permission).length === 0)
    // Someone lacks each permission everywhere (a plain resident at least), so the check below always runs.
    expect(without.length).toBeGreaterThan(0)
    for (const actor of without)
      for (const districtId of [null, OWN_DISTRICT, OTHER_DISTRICT])
        expect(can(actor, permission, { districtId, organisationId: HOUSING })).toBe(false)
  })
})

describe('whose requests /queue shows, derived from queue.view', () => {
  it('when a region admin asks, then all requests', () => {
    expect(queueAreaOf(regionAdmin)).toEqual({ all: true, organisationIds: [], districtIds: [], triage: false })
  })

  it('when a contact-centre dispatcher asks, then their organisation and the triage queue', () => {
    expect(queueAreaOf(operator)).toEqual({
      all: false,
      organisationIds: [CONTACT_CENTRE],
      districtIds: [],
      triage: true,
    })
  })

  it('when a district admin asks, then only their district, no triage', () => {
    expect(queueAreaOf(districtAdmin)).toEqual({
      all: false,
      organisationIds: [],
      districtIds: [OWN_DISTRICT],
      triage: false,
    })
  })
})
