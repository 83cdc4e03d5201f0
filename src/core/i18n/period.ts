import type { CalendarDay } from './deadline.js'
import { toLocal } from '../sla/zoned-time.js'

/**
 * How a period is said: on one day of the region's clock "5 декабря с 10:00 до 16:00"; across days
 * both ends in full; without an end, from its start "до уточнения".
 */
export type PeriodWording =
  | { kind: 'one-day'; day: CalendarDay; from: string; until: string }
  | { kind: 'days'; from: string; until: string }
  | { kind: 'open'; day: CalendarDay; from: string }

export function periodWording(from: string, until: string | null, timeZone: string): PeriodWording {
  const start = toLocal(new Date(from), timeZone)
  const day = { year: start.year, month: start.month, day: start.day }
  if (until === null) return { kind: 'open', day, from }
  const end = toLocal(new Date(until), timeZone)
  const sameDay = end.year === start.year && end.month === start.month && end.day === start.day
  return sameDay ? { kind: 'one-day', day, from, until } : { kind: 'days', from, until }
}
