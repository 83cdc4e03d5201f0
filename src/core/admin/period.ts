import { addDays, fromLocal, isoDate, isoWeekday, toLocal } from '../sla/zoned-time.js'

/** A reporting period: [from, to) instants, and how it was named. */
export interface Period {
  from: Date
  to: Date
  /** YYYY-MM-DD of the first and the last day (region time). */
  firstDay: string
  lastDay: string
}

const RANGE = /^(\d{4})-(\d{2})-(\d{2})\.\.(\d{4})-(\d{2})-(\d{2})$/
const MAX_RANGE_DAYS = 366

type Day = { year: number; month: number; day: number }

const midnight = (d: Day, timeZone: string): Date => fromLocal({ ...d, hour: 0, minute: 0, second: 0 }, timeZone)

const valid = (d: Day): boolean => {
  const check = new Date(Date.UTC(d.year, d.month - 1, d.day))
  return check.getUTCFullYear() === d.year && check.getUTCMonth() === d.month - 1 && check.getUTCDate() === d.day
}

/** A word names a period: today, week (since Monday), month (since the 1st), or `2026-11-01..2026-11-30`. */
export const isPeriodWord = (word: string): boolean =>
  ['today', 'week', 'month'].includes(word.toLowerCase()) || RANGE.test(word)

/** The period an admin asked for, in the region's calendar; null when it is not one. */
export function parsePeriod(word: string, now: Date, timeZone: string): Period | null {
  const today = toLocal(now, timeZone)
  const make = (first: Day, last: Day): Period => ({
    from: midnight(first, timeZone),
    to: midnight(addDays(last, 1), timeZone),
    firstDay: isoDate(first),
    lastDay: isoDate(last),
  })
  switch (word.toLowerCase()) {
    case 'today':
      return make(today, today)
    case 'week':
      return make(addDays(today, 1 - isoWeekday(today)), today)
    case 'month':
      return make({ year: today.year, month: today.month, day: 1 }, today)
    default: {
      const m = RANGE.exec(word)
      if (!m) return null
      const first = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
      const last = { year: Number(m[4]), month: Number(m[5]), day: Number(m[6]) }
      if (!valid(first) || !valid(last)) return null
      const period = make(first, last)
      if (period.to <= period.from || period.to.getTime() - period.from.getTime() > MAX_RANGE_DAYS * 86_400_000)
        return null
      return period
    }
  }
}
