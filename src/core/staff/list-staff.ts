import type { Actor, StaffRole } from '../access/permissions.js'
import { can, holdsAnywhere } from '../access/permissions.js'
import type { LocalizedText } from '../i18n/text.js'

/** An active membership with what an admin needs to recognise the person. */
export interface StaffMemberRow {
  membershipId: number
  userId: number
  displayName: string | null
  role: StaffRole
  organisationId: number | null
  areaDistrictId: number | null
  organisationName: LocalizedText | null
  districtName: LocalizedText | null
}

export interface ListStaffStore {
  activeMemberships: () => Promise<StaffMemberRow[]>
}

export type StaffListEntry = StaffMemberRow & { revocable: boolean }

export type ListStaffResult = { ok: true; members: StaffListEntry[] } | { ok: false; error: 'not-allowed' }

/** The members an admin manages: a district admin those of their district, a region admin everyone. */
export function makeListStaff(deps: { store: ListStaffStore }) {
  return async function listStaff(actor: Actor): Promise<ListStaffResult> {
    if (!holdsAnywhere(actor, 'staff.invite')) return { ok: false, error: 'not-allowed' }
    const rows = await deps.store.activeMemberships()
    const members = rows
      .filter((row) =>
        can(actor, 'staff.invite', { districtId: row.areaDistrictId, organisationId: row.organisationId }),
      )
      .map((row) => ({
        ...row,
        revocable:
          row.userId !== actor.userId &&
          can(actor, 'staff.revoke', { districtId: row.areaDistrictId, organisationId: row.organisationId }),
      }))
    return { ok: true, members }
  }
}
