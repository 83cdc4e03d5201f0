import type { StaffFeature } from '../../bot/telegram/context.js'
import { createNoticeFeature } from './notices.js'
import { createReportsFeatureFor } from './reports.js'
import { createOnboardingFeature } from './onboarding.js'
import { createExecutorFeature } from './executor.js'
import { createDispatchFeature } from './dispatch.js'
import { dispatchStores, executorStores, noticeStores, onboardingStores, reportStores } from './stores.js'
import type { StaffResources } from './wiring.js'

/** The staff capabilities of the bot, in the order they see updates. */
export function createStaffFeatures({ db, ...wiring }: StaffResources): StaffFeature[] {
  return [
    createOnboardingFeature(wiring, onboardingStores(db)),
    createExecutorFeature(wiring, executorStores(db)),
    createNoticeFeature(wiring, noticeStores(db)),
    createReportsFeatureFor(wiring, reportStores(db)),
    createDispatchFeature(wiring, dispatchStores(db)),
  ]
}
