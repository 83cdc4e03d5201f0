import type { StaffFeature } from '../../bot/telegram/context.js'
import { createNoticeFeature } from './notices.js'
import { createReportsFeatureFor } from './reports.js'
import { createOnboardingFeature } from './onboarding.js'
import { createExecutorFeature } from './executor.js'
import { createDispatchFeature } from './dispatch.js'
import type { StaffWiring } from './wiring.js'

/** The staff capabilities of the bot, in the order they see updates. */
export function createStaffFeatures(wiring: StaffWiring): StaffFeature[] {
  return [
    createOnboardingFeature(wiring),
    createExecutorFeature(wiring),
    createNoticeFeature(wiring),
    createReportsFeatureFor(wiring),
    createDispatchFeature(wiring),
  ]
}
