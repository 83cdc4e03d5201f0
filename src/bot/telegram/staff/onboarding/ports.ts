import type { InviteSpec, CreateInviteResult } from '../../../../core/access/invites.js'
import type { Actor } from '../../../../core/access/permissions.js'
import type { Language } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import type { Place } from '../../../../core/staff/invite-choices.js'
import type { ListStaffResult } from '../../../../core/staff/list-staff.js'
import type { RedeemInviteResult } from '../../../../core/staff/redeem-invite.js'
import type { RevokeMembershipResult } from '../../../../core/staff/revoke-membership.js'
import type { ShowCommandMenu } from './command-menu.js'
import type { PlaceNames } from './places.js'

/** What the onboarding handlers need; the composition root passes in use cases and lookups. */
export interface OnboardingDeps {
  translate: Translate
  showCommandMenu: ShowCommandMenu
  redeemInvite: (command: { userId: number; token: string; displayName: string | null }) => Promise<RedeemInviteResult>
  createInvite: (actor: Actor, spec: InviteSpec) => Promise<CreateInviteResult>
  listStaff: (actor: Actor) => Promise<ListStaffResult>
  revokeMembership: (actor: Actor, membershipId: number) => Promise<RevokeMembershipResult>
  placeNames: (place: { organisationId: number | null; districtId: number | null }) => Promise<PlaceNames>
  districts: () => Promise<Place[]>
  organisationsOf: (districtId: number | null) => Promise<Place[]>
  organisationByCode: (code: string) => Promise<(Place & { districtId: number | null }) | null>
  districtByCode: (code: string) => Promise<Place | null>
  loadActor: (userId: number) => Promise<Actor>
  languageOf: (userId: number) => Promise<Language>
  telegramChatOf: (userId: number) => Promise<number | null>
  /** At start: configured region admins, then every active staff member's chat. */
  bootstrapRegionAdmins: () => Promise<void>
  activeStaffChats: () => Promise<{ userId: number; chatId: number }[]>
  log: {
    warn: (fields: Record<string, unknown>, message: string) => void
    error: (fields: Record<string, unknown>, message: string) => void
  }
}
