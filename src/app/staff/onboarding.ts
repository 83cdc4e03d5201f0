import type { StaffFeature } from '../../bot/telegram/context.js'
import { createCommandMenus } from '../../bot/telegram/staff/onboarding/command-menu.js'
import { createOnboardingFeature as createFeature } from '../../bot/telegram/staff/onboarding/feature.js'
import { makeCreateInvite } from '../../core/access/invites.js'
import { makeBootstrapRegionAdmins } from '../../core/staff/bootstrap-admins.js'
import { makeListStaff } from '../../core/staff/list-staff.js'
import { makeRedeemInvite } from '../../core/staff/redeem-invite.js'
import { makeRevokeMembership } from '../../core/staff/revoke-membership.js'
import { createInviteStore } from '../../db/repositories/invite-store.js'
import {
  activeDistricts,
  districtByCode,
  organisationByCode,
  organisationsOf,
  placeNames,
} from '../../db/repositories/staff-directory.js'
import { createRedeemInviteStore } from '../../db/repositories/staff-invites.js'
import {
  activeStaffTelegramChats,
  createBootstrapAdminsStore,
  createListStaffStore,
  createRevokeMembershipStore,
  telegramChatOf,
} from '../../db/repositories/staff-memberships.js'
import { loadActor, userLanguage } from '../../db/repositories/users.js'
import { createTransact } from '../../db/transact.js'
import { hashInviteToken, newInviteToken } from '../cli/invite.js'
import type { StaffWiring } from './wiring.js'

/** Invites, the staff list, revocation, region admins from the configuration, per-person command menus. */
export function createOnboardingFeature({ db, config, translate, logger }: StaffWiring): StaffFeature {
  const now = () => new Date()
  const createInvite = makeCreateInvite({
    transact: createTransact(db, createInviteStore),
    newToken: newInviteToken,
    hashToken: hashInviteToken,
    now,
  })
  const bootstrap = makeBootstrapRegionAdmins({ transact: createTransact(db, createBootstrapAdminsStore) })
  return createFeature({
    translate,
    showCommandMenu: createCommandMenus(translate),
    redeemInvite: makeRedeemInvite({
      transact: createTransact(db, createRedeemInviteStore),
      hashToken: hashInviteToken,
      now,
    }),
    createInvite: (actor, spec) => createInvite({ kind: 'staff', actor }, spec),
    listStaff: makeListStaff({ store: createListStaffStore(db) }),
    revokeMembership: makeRevokeMembership({ transact: createTransact(db, createRevokeMembershipStore), now }),
    placeNames: (place) => placeNames(db, place),
    districts: () => activeDistricts(db),
    organisationsOf: (districtId) => organisationsOf(db, districtId),
    organisationByCode: (code) => organisationByCode(db, code),
    districtByCode: (code) => districtByCode(db, code),
    loadActor: (userId) => loadActor(db, userId),
    languageOf: (userId) => userLanguage(db, userId),
    telegramChatOf: (userId) => telegramChatOf(db, userId),
    bootstrapRegionAdmins: async () => {
      const admins = await bootstrap(config.adminTelegramIds)
      for (const admin of admins.filter((a) => a.created))
        logger.info({ telegramUserId: admin.telegramUserId }, 'region admin added from ADMIN_TELEGRAM_IDS')
    },
    activeStaffChats: () => activeStaffTelegramChats(db),
    log: logger,
  })
}
