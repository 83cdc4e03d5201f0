import type { StaffFeature } from '../../bot/telegram/context.js'
import type { StaffWiring } from './wiring.js'

/** The staff capabilities of the bot, in the order they see updates. */
export function createStaffFeatures(_wiring: StaffWiring): StaffFeature[] {
  return []
}
