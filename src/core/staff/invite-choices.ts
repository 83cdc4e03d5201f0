import type { LocalizedText } from '../i18n/text.js'
import type { Actor, StaffRole } from '../access/permissions.js'
import { STAFF_ROLES, can, holdsAnywhere } from '../access/permissions.js'

/** The roles an admin may hand out somewhere (a region admin only by a region admin). */
export function invitableRoles(actor: Actor): StaffRole[] {
  const regionWide = can(actor, 'staff.invite', { districtId: null, organisationId: null })
  if (!holdsAnywhere(actor, 'staff.invite')) return []
  return STAFF_ROLES.filter((role) => role !== 'region_admin' || regionWide)
}

/** Whether an admin may invite into this district (null: region-wide organisations). */
export const mayInviteIn = (actor: Actor, districtId: number | null): boolean =>
  can(actor, 'staff.invite', { districtId, organisationId: null })

/** Executors and dispatchers belong to an organisation; a district admin to a district; a region admin to neither. */
export const roleScope = (role: StaffRole): 'organisation' | 'district' | 'region' =>
  role === 'executor' || role === 'dispatcher' ? 'organisation' : role === 'district_admin' ? 'district' : 'region'

/** A district or an organisation as an admin picks it. */
export interface Place {
  id: number
  code: string
  name: LocalizedText
}

/**
 * Whether an admin may be shown this step of the invite picker: the role is one they hand out and
 * the district, once chosen (null: region-wide), one they invite into. Checked before any list is
 * shown, so a forged button shows nobody else's organisations.
 */
export function mayOfferInvite(actor: Actor, role: StaffRole, districtId?: number | null): boolean {
  if (!invitableRoles(actor).includes(role)) return false
  return districtId === undefined || mayInviteIn(actor, districtId)
}
