import type { Actor, StaffRole } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { Clock, Transact } from '../shared/ports.js'

/** A membership as revocation sees it, read with a row lock. */
export interface MembershipForRevocation {
  id: number
  userId: number
  role: StaffRole
  organisationId: number | null
  /** The district the membership covers (an organisation's district for its staff); null: the region. */
  areaDistrictId: number | null
  revokedAt: Date | null
}

export interface RevokeMembershipStore {
  lockMembership: (membershipId: number) => Promise<MembershipForRevocation | null>
  markRevoked: (membershipId: number, byUserId: number, at: Date) => Promise<void>
}

export type RevokeMembershipResult =
  { ok: true; userId: number; role: StaffRole } | { ok: false; error: 'not-found' | 'not-allowed' | 'self' }

/** An admin takes a staff role away; the row stays, with who revoked it and when. */
export function makeRevokeMembership(deps: { transact: Transact<RevokeMembershipStore>; now: Clock }) {
  return async function revokeMembership(actor: Actor, membershipId: number): Promise<RevokeMembershipResult> {
    return deps.transact(async (store): Promise<RevokeMembershipResult> => {
      const membership = await store.lockMembership(membershipId)
      if (!membership || membership.revokedAt !== null) return { ok: false, error: 'not-found' }
      // A region admin's membership covers no district, so only a region admin may take it away.
      const area = { districtId: membership.areaDistrictId, organisationId: membership.organisationId }
      if (!can(actor, 'staff.revoke', area)) return { ok: false, error: 'not-allowed' }
      // Admins cannot lock themselves out by mistake; another admin does it.
      if (membership.userId === actor.userId) return { ok: false, error: 'self' }
      await store.markRevoked(membership.id, actor.userId, deps.now())
      return { ok: true, userId: membership.userId, role: membership.role }
    })
  }
}
