import { fromLocal, toLocal } from '../sla/zoned-time.js'

/** Hours of the region's clock in which nothing that can wait is sent. */
export interface QuietHours {
  /** 22: from 22:00 … */
  from: number
  /** 8: … until 08:00 */
  to: number
}

export const DEFAULT_QUIET_HOURS: QuietHours = { from: 22, to: 8 }

/** `at`, or the end of the quiet hours it falls in. */
export function outsideQuietHours(at: Date, timeZone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): Date {
  const local = toLocal(at, timeZone)
  const inQuiet =
    quiet.from > quiet.to
      ? local.hour >= quiet.from || local.hour < quiet.to
      : local.hour >= quiet.from && local.hour < quiet.to
  if (!inQuiet) return at
  const morning = fromLocal({ ...local, hour: quiet.to, minute: 0, second: 0 }, timeZone)
  // Late evening: the quiet hours end tomorrow morning.
  return morning.getTime() > at.getTime()
    ? morning
    : fromLocal({ ...local, day: local.day + 1, hour: quiet.to, minute: 0, second: 0 }, timeZone)
}

/** How long after "done" the resident is asked to rate the work. */
export const RATING_DELAY_MS = 2 * 3_600_000
export const RATING_REMINDER_AFTER_MS = 2 * 24 * 3_600_000
export const RATING_WINDOW_MS = 14 * 24 * 3_600_000

/** When to ask for a rating of work finished at `doneAt`: two hours later, never at night. */
export const ratingRequestTime = (doneAt: Date, timeZone: string): Date =>
  outsideQuietHours(new Date(doneAt.getTime() + RATING_DELAY_MS), timeZone)
