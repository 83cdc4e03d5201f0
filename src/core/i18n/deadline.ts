import { addDays, toLocal } from '../sla/zoned-time.js'

/** A calendar day in the region's clock. */
export interface CalendarDay {
  year: number
  month: number
  day: number
}

/**
 * How a deadline is said. A deadline at local midnight closes the day before it, and people say
 * "до 11 декабря включительно", not "до 12 декабря в 00:00"; any other deadline keeps its time.
 */
export type DeadlineWording = { kind: 'through-day'; day: CalendarDay } | { kind: 'moment'; at: string }

export function deadlineWording(iso: string, timeZone: string): DeadlineWording {
  const local = toLocal(new Date(iso), timeZone)
  if (local.hour !== 0 || local.minute !== 0 || local.second !== 0) return { kind: 'moment', at: iso }
  return { kind: 'through-day', day: addDays(local, -1) }
}
