import type { StaffFeature } from '../../bot/telegram/context.js'
import { createNoticeFeature } from './notices.js'
import type { StaffWiring } from './wiring.js'

/** The staff capabilities of the bot, in the order they see updates. */
export function createStaffFeatures(wiring: StaffWiring): StaffFeature[] {
  return [createNoticeFeature(wiring)]
}
