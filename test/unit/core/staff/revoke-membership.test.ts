import { describe, expect, it } from 'vitest'
import type { Actor, Membership } from '../../../../src/core/access/permissions.js'
import type { MembershipForRevocation, RevokeMembershipStore } from '../../../../src/core/staff/revoke-membership.js'
import { makeRevokeMembership } from '../../../../src/core/staff/revoke-membership.js'

const NOW = new Date('2026-03-02T10:00:00Z')
const OWN = 1
const OTHER = 2
const districtAdmin = (userId: number, districtId = OWN): Actor => ({
  userId,
  memberships: [{ role: 'district_admin', organisationId: null, districtId }],
})
const regionAdmin = (userId: number): Actor => ({
  userId,
  memberships: [{ role: 'region_admin', organisationId: null, districtId: null } satisfies Membership],
})

function world(rows: MembershipForRevocation[]) {
  const revoked: { id: number; by: number; at: Date }[] = []
  const store: RevokeMembershipStore = {
    lockMembership: (id) => Promise.resolve(rows.find((r) => r.id === id) ?? null),
    markRevoked: (id, by, at) => {
      revoked.push({ id, by, at })
      return Promise.resolve()
    },
  }
  return { revoke: makeRevokeMembership({ transact: (work) => work(store), now: () => NOW }), revoked }
}

const membership = (over: Partial<MembershipForRevocation>): MembershipForRevocation => ({
  id: 1,
  userId: 20,
  role: 'dispatcher',
  organisationId: 10,
  areaDistrictId: OWN,
  revokedAt: null,
  ...over,
})

describe('revoking a membership', () => {
  it('when a district admin revokes a dispatcher of their district, then it is recorded with who and when', async () => {
    const { revoke, revoked } = world([membership({})])
    expect(await revoke(districtAdmin(9), 1)).toEqual({ ok: true, userId: 20, role: 'dispatcher' })
    expect(revoked).toEqual([{ id: 1, by: 9, at: NOW }])
  })

  it('when a district admin revokes a member of another district, then it is refused', async () => {
    const { revoke, revoked } = world([membership({ areaDistrictId: OTHER })])
    expect(await revoke(districtAdmin(9), 1)).toEqual({ ok: false, error: 'not-allowed' })
    expect(revoked).toEqual([])
  })

  it('when a district admin revokes a region admin, then it is refused; a region admin may', async () => {
    const rows = [membership({ role: 'region_admin', organisationId: null, areaDistrictId: null })]
    expect(await world(rows).revoke(districtAdmin(9), 1)).toEqual({ ok: false, error: 'not-allowed' })
    expect(await world(rows).revoke(regionAdmin(8), 1)).toEqual({ ok: true, userId: 20, role: 'region_admin' })
  })

  it('when an admin revokes their own membership, then it is refused', async () => {
    const { revoke, revoked } = world([membership({ userId: 9, role: 'district_admin', organisationId: null })])
    expect(await revoke(districtAdmin(9), 1)).toEqual({ ok: false, error: 'self' })
    expect(revoked).toEqual([])
  })

  it('when the membership is unknown or already revoked, then it is not found', async () => {
    const { revoke } = world([membership({ revokedAt: NOW })])
    expect(await revoke(regionAdmin(8), 1)).toEqual({ ok: false, error: 'not-found' })
    expect(await revoke(regionAdmin(8), 2)).toEqual({ ok: false, error: 'not-found' })
  })

  it('when a dispatcher tries to revoke someone, then it is refused', async () => {
    const dispatcher: Actor = { userId: 5, memberships: [{ role: 'dispatcher', organisationId: 10, districtId: OWN }] }
    expect(await world([membership({})]).revoke(dispatcher, 1)).toEqual({ ok: false, error: 'not-allowed' })
  })
})
