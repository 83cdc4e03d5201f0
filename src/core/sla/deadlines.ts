import { addDays, fromLocal, isoDate, isoWeekday, toLocal } from './zoned-time.js'

export const SLA_UNITS = ['minutes', 'hours', 'working_days'] as const
export type SlaUnit = (typeof SLA_UNITS)[number]

export interface SlaTarget {
  amount: number
  unit: SlaUnit
}

/** A category's targets: by when the organisation must accept, and fix. */
export interface Sla {
  accept: SlaTarget
  fix: SlaTarget
}

/** The region's working calendar, from the reference data. */
export interface RegionCalendar {
  timeZone: string
  /** ISO weekdays that are days off, normally [6, 7]. */
  weekend: readonly number[]
  /** YYYY-MM-DD public holidays. */
  holidays: ReadonlySet<string>
  /** YYYY-MM-DD weekend days made working days by a transfer of days off. */
  workingWeekendDays: ReadonlySet<string>
}

type CalendarDate = { year: number; month: number; day: number }

export function isWorkingDay(date: CalendarDate, calendar: RegionCalendar): boolean {
  const key = isoDate(date)
  if (calendar.holidays.has(key)) return false
  if (calendar.workingWeekendDays.has(key)) return true
  return !calendar.weekend.includes(isoWeekday(date))
}

// A calendar with no working days at all would loop for ever; a year is far beyond every SLA.
const MAX_DAYS_SEARCHED = 366 * 2

/**
 * When a target runs out for something received at `start`.
 * Minutes and hours run round the clock (emergencies). "N working days" follows the
 * usual reading of "within N working days": the day of receipt does not count, and the
 * deadline is the end (24:00, region time) of the N-th working day after it.
 */
export function deadline(start: Date, target: SlaTarget, calendar: RegionCalendar): Date {
  switch (target.unit) {
    case 'minutes':
      return new Date(start.getTime() + target.amount * 60_000)
    case 'hours':
      return new Date(start.getTime() + target.amount * 3_600_000)
    case 'working_days': {
      let date: CalendarDate = toLocal(start, calendar.timeZone)
      let remaining = target.amount
      for (let searched = 0; remaining > 0; searched++) {
        if (searched > MAX_DAYS_SEARCHED) throw new RangeError('the calendar has no working days')
        date = addDays(date, 1)
        if (isWorkingDay(date, calendar)) remaining--
      }
      const nextDay = addDays(date, 1)
      return fromLocal({ ...nextDay, hour: 0, minute: 0, second: 0 }, calendar.timeZone)
    }
  }
}

export interface RequestDeadlines {
  acceptDueAt: Date
  fixDueAt: Date
}

export function requestDeadlines(receivedAt: Date, sla: Sla, calendar: RegionCalendar): RequestDeadlines {
  return { acceptDueAt: deadline(receivedAt, sla.accept, calendar), fixDueAt: deadline(receivedAt, sla.fix, calendar) }
}
