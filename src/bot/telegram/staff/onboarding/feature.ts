import { Composer } from 'grammy'
import type { BotContext, StaffFeature } from '../../context.js'
import { behindErrorBoundary } from '../shared/boundary.js'
import type { OnboardingDeps } from './ports.js'
import { installInvite } from './invite.js'
import { installRedeem } from './redeem.js'
import { installStaffList } from './staff-list.js'

/** Staff onboarding: invite links and their redemption, the staff list and revocation, command menus. */
export function createOnboardingFeature(deps: OnboardingDeps): StaffFeature {
  const feature: StaffFeature = {
    install: (composer) => {
      const own = new Composer<BotContext>()
      installRedeem(own, deps)
      // Inviting and revoking is done in a private chat with the bot, never in a group.
      const admin = new Composer<BotContext>()
      installInvite(admin, deps)
      installStaffList(admin, deps)
      own.filter((ctx) => ctx.chat?.type === 'private', admin)
      composer.use(own)
    },
    start: async (api) => {
      await deps.bootstrapRegionAdmins()
      for (const { userId, chatId } of await deps.activeStaffChats()) {
        try {
          await deps.showCommandMenu(api, chatId, await deps.loadActor(userId))
        } catch (error) {
          // A member who never opened the bot has no chat yet; /start sets their menu later.
          deps.log.warn({ err: error, userId }, 'staff command menu not set at start')
        }
      }
    },
  }
  return behindErrorBoundary('onboarding', feature, deps)
}
