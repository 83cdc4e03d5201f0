import type { CreateInviteResult } from '../../../../core/access/invites.js'
import type { StaffRole } from '../../../../core/access/permissions.js'
import type { RedeemInviteResult } from '../../../../core/staff/redeem-invite.js'
import type { RevokeMembershipResult } from '../../../../core/staff/revoke-membership.js'

type ErrorOf<R> = Extract<R, { ok: false; error: string }>['error']

// Maps, not keys built from codes: a code or a role added in core without a text fails the typecheck.

export const ROLE: Record<StaffRole, string> = {
  executor: 'staff.role.executor',
  dispatcher: 'staff.role.dispatcher',
  district_admin: 'staff.role.district_admin',
  region_admin: 'staff.role.region_admin',
}

/** What a newly welcomed member does first. */
export const NEXT_STEP: Record<StaffRole, string> = {
  executor: 'staff.next.executor',
  dispatcher: 'staff.next.dispatcher',
  district_admin: 'staff.next.district_admin',
  region_admin: 'staff.next.region_admin',
}

export const INVITE_ERROR: Record<ErrorOf<CreateInviteResult>, string> = {
  'not-allowed': 'staff.invite.error.not-allowed',
  'unknown-organisation': 'staff.invite.error.unknown-organisation',
  'unknown-district': 'staff.invite.error.unknown-district',
  'scope-mismatch': 'staff.invite.error.scope-mismatch',
}

/** Why an invite link did not work ("already a member" is told with the role, separately). */
export const REDEEM_ERROR: Record<Exclude<ErrorOf<RedeemInviteResult>, 'already-member'>, string> = {
  invalid: 'staff.invite.invalid',
  expired: 'staff.invite.expired',
  used: 'staff.invite.used',
  revoked: 'staff.invite.revoked',
}

export const REVOKE_ERROR: Record<ErrorOf<RevokeMembershipResult>, string> = {
  'not-found': 'staff.revoke.error.not-found',
  'not-allowed': 'staff.revoke.error.not-allowed',
  self: 'staff.revoke.error.self',
}
