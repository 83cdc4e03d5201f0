import type { StaffRole } from '../access/permissions.js'
import type { Clock, Transact } from '../shared/ports.js'

/** An invite as redemption sees it, read with a row lock so two redemptions of one token queue up. */
export interface InviteForRedemption {
  id: number
  role: StaffRole
  organisationId: number | null
  districtId: number | null
  createdByUserId: number | null
  expiresAt: Date
  usedAt: Date | null
  revokedAt: Date | null
}

export interface RedeemInviteStore {
  lockInvite: (tokenHash: string) => Promise<InviteForRedemption | null>
  /** false: the person already holds exactly this membership. */
  insertMembership: (membership: {
    userId: number
    role: StaffRole
    organisationId: number | null
    districtId: number | null
    createdByUserId: number | null
    at: Date
  }) => Promise<boolean>
  markInviteUsed: (inviteId: number, userId: number, at: Date) => Promise<void>
  /** Gives a nameless user the name they go by in the messenger, so admins recognise them in lists. */
  nameUser: (userId: number, displayName: string) => Promise<void>
}

/** The role an invite grants, as written on it (an organisation for its staff, a district for its admin). */
export interface GrantedRole {
  role: StaffRole
  organisationId: number | null
  districtId: number | null
}

export type RedeemInviteResult =
  | { ok: true; membership: GrantedRole }
  | { ok: false; error: 'invalid' | 'expired' | 'used' | 'revoked' }
  | { ok: false; error: 'already-member'; membership: GrantedRole }

/** Deep-link tokens are base64url; anything else is not worth a database lookup. */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/

/** Opening a one-time invite link makes the person a staff member, once. */
export function makeRedeemInvite(deps: {
  transact: Transact<RedeemInviteStore>
  hashToken: (token: string) => string
  now: Clock
}) {
  return async function redeemInvite(command: {
    userId: number
    token: string
    displayName: string | null
  }): Promise<RedeemInviteResult> {
    const { userId, token } = command
    if (!TOKEN.test(token)) return { ok: false, error: 'invalid' }
    const tokenHash = deps.hashToken(token)
    return deps.transact(async (store): Promise<RedeemInviteResult> => {
      const invite = await store.lockInvite(tokenHash)
      if (!invite) return { ok: false, error: 'invalid' }
      if (invite.revokedAt !== null) return { ok: false, error: 'revoked' }
      if (invite.usedAt !== null) return { ok: false, error: 'used' }
      const at = deps.now()
      if (invite.expiresAt.getTime() <= at.getTime()) return { ok: false, error: 'expired' }
      const membership: GrantedRole = {
        role: invite.role,
        organisationId: invite.organisationId,
        districtId: invite.districtId,
      }
      const created = await store.insertMembership({
        userId,
        ...membership,
        createdByUserId: invite.createdByUserId,
        at,
      })
      // The link stays usable for whom it was meant when it reached someone who already holds the role.
      if (!created) return { ok: false, error: 'already-member', membership }
      await store.markInviteUsed(invite.id, userId, at)
      const name = command.displayName?.trim()
      if (name) await store.nameUser(userId, name.slice(0, 100))
      return { ok: true, membership }
    })
  }
}
