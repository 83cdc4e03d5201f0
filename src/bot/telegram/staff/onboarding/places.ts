import type { StaffRole } from '../../../../core/access/permissions.js'
import type { LocalizedText, Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import { ROLE } from './texts.js'

export interface PlaceNames {
  organisation: LocalizedText | null
  district: LocalizedText | null
}

/** Where a membership works, as a person reads it: "organisation (district)", a district, or the region. */
export function placeText(names: PlaceNames): Text {
  if (names.organisation && names.district)
    return text('staff.place.organisation', {
      organisation: { localized: names.organisation },
      district: { localized: names.district },
    })
  if (names.organisation)
    return text('staff.place.organisation-region', { organisation: { localized: names.organisation } })
  if (names.district) return text('staff.place.district', { district: { localized: names.district } })
  return text('staff.place.region')
}

export const roleText = (role: StaffRole): Text => text(ROLE[role])

export const memberName = (member: { displayName: string | null; userId: number }): Text =>
  member.displayName === null
    ? text('staff.unnamed', { id: member.userId })
    : text('common.name', { name: member.displayName })
