import type { StaffFeature } from '../../bot/telegram/context.js'
import { createCommandMenus } from '../../bot/telegram/staff/onboarding/command-menu.js'
import { createOnboardingFeature as createFeature } from '../../bot/telegram/staff/onboarding/feature.js'
import { makeCreateInvite } from '../../core/access/invites.js'
import { makeBootstrapRegionAdmins } from '../../core/staff/bootstrap-admins.js'
import { makeListStaff } from '../../core/staff/list-staff.js'
import { makeRedeemInvite } from '../../core/staff/redeem-invite.js'
import { makeRevokeMembership } from '../../core/staff/revoke-membership.js'
import { hashInviteToken, newInviteToken } from '../cli/invite.js'
import type { OnboardingStores } from './stores.js'
import type { StaffWiring } from './wiring.js'

/** Invites, the staff list, revocation, region admins from the configuration, per-person command menus. */
export function createOnboardingFeature(
  { config, translate, logger }: StaffWiring,
  stores: OnboardingStores,
): StaffFeature {
  const now = () => new Date()
  const createInvite = makeCreateInvite({
    transact: stores.invites,
    newToken: newInviteToken,
    hashToken: hashInviteToken,
    now,
  })
  const bootstrap = makeBootstrapRegionAdmins({ transact: stores.bootstrapAdmins })
  return createFeature({
    translate,
    showCommandMenu: createCommandMenus(translate),
    redeemInvite: makeRedeemInvite({ transact: stores.redeemInvites, hashToken: hashInviteToken, now }),
    createInvite: (actor, spec) => createInvite({ kind: 'staff', actor }, spec),
    listStaff: makeListStaff({ store: stores.listStaff }),
    revokeMembership: makeRevokeMembership({ transact: stores.revokeMemberships, now }),
    ...stores.directory,
    ...stores.people,
    bootstrapRegionAdmins: async () => {
      const admins = await bootstrap(config.adminTelegramIds)
      for (const admin of admins.filter((a) => a.created))
        logger.info({ telegramUserId: admin.telegramUserId }, 'region admin added from ADMIN_TELEGRAM_IDS')
    },
    log: logger,
  })
}
