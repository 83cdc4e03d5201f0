import type { LocalDateTime } from '../sla/zoned-time.js'
import { addDays, fromLocal, toLocal } from '../sla/zoned-time.js'

export type TimeWindowResult =
  | { ok: true; startsAt: string; endsAt: string | null }
  | { ok: false; error: 'window-invalid' | 'window-order' }
  /** Only times were typed and today's window is over: tomorrow's may be meant, which only the admin knows. */
  | { ok: false; error: 'window-past-today'; tomorrow: { startsAt: string; endsAt: string | null } }

export type MomentResult = { ok: true; at: string } | { ok: false; error: 'time-invalid' }

// "29.11", "29.11.2026" or "29.11.26", then "10:00" (or 10.00 / 10-00 is not accepted: too ambiguous with dates)
const MOMENT = /^(?:(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?\s+)?(\d{1,2}):(\d{2})$/
const SEPARATOR = /\s*(?:[-–—]|\s(?:до|to)\s)\s*/i

interface Parsed {
  date: { day: number; month: number; year: number | null } | null
  hour: number
  minute: number
}

function parseMoment(input: string): Parsed | null {
  const m = MOMENT.exec(input.trim().replace(/^(?:с|з|from)\s+/i, ''))
  if (!m) return null
  const hour = Number(m[4])
  const minute = Number(m[5])
  if (hour > 23 || minute > 59) return null
  if (m[1] === undefined || m[2] === undefined) return { date: null, hour, minute }
  const day = Number(m[1])
  const month = Number(m[2])
  const year = m[3] === undefined ? null : Number(m[3].length === 2 ? `20${m[3]}` : m[3])
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  return { date: { day, month, year }, hour, minute }
}

type Day = Pick<LocalDateTime, 'year' | 'month' | 'day'>

/** A day without a year is this year's, unless that lies months back (late December writing "02.01"). */
function dayOf(date: NonNullable<Parsed['date']>, today: Day): Day | null {
  let year = date.year ?? today.year
  if (date.year === null && (today.month - date.month + 12) % 12 >= 6 && date.month < today.month) year += 1
  const candidate = { year, month: date.month, day: date.day }
  // 31.02 and the like: Date rolls over, we refuse instead.
  const check = new Date(Date.UTC(year, date.month - 1, date.day))
  return check.getUTCMonth() === date.month - 1 ? candidate : null
}

const at = (day: Day, p: Parsed, timeZone: string): Date =>
  fromLocal({ ...day, hour: p.hour, minute: p.minute, second: 0 }, timeZone)

/**
 * The outage's time window as admins write it, in the region's time zone: "10:00–16:00" (today; when
 * that is over already, tomorrow's window is offered, not assumed), "29.11 10:00 – 30.11 18:00",
 * "29.11 10:00–18:00", or only a start ("29.11 10:00": the end is not known yet).
 */
export function parseTimeWindow(input: string, now: Date, timeZone: string): TimeWindowResult {
  const sides = input.trim().split(SEPARATOR)
  if (sides.length > 2 || sides.length === 0) return { ok: false, error: 'window-invalid' }
  const start = parseMoment(sides[0] ?? '')
  const end = sides.length === 2 ? parseMoment(sides[1] ?? '') : null
  if (!start || (sides.length === 2 && !end)) return { ok: false, error: 'window-invalid' }
  const today = toLocal(now, timeZone)
  const startDay = start.date ? dayOf(start.date, today) : today
  if (!startDay) return { ok: false, error: 'window-invalid' }
  const endDay = end?.date ? dayOf(end.date, today) : startDay
  if (!endDay) return { ok: false, error: 'window-invalid' }
  const window = (shift: number) => {
    const startsAt = at(addDays(startDay, shift), start, timeZone)
    if (!end) return { startsAt, endsAt: null }
    let endsAt = at(addDays(endDay, shift), end, timeZone)
    // "22:00–06:00": the end is the next morning.
    if (!end.date && endsAt <= startsAt) endsAt = at(addDays(endDay, shift + 1), end, timeZone)
    return { startsAt, endsAt }
  }
  const iso = (w: ReturnType<typeof window>) => ({
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt?.toISOString() ?? null,
  })
  const result = window(0)
  if (result.endsAt !== null && result.endsAt <= result.startsAt) return { ok: false, error: 'window-order' }
  if (end && !start.date && !end.date && result.endsAt !== null && result.endsAt <= now)
    return { ok: false, error: 'window-past-today', tomorrow: iso(window(1)) }
  return { ok: true, ...iso(result) }
}

/** When to send a scheduled notice: "18:00" (today, or tomorrow when past) or "30.11 08:00". */
export function parseMomentAhead(input: string, now: Date, timeZone: string): MomentResult {
  const p = parseMoment(input)
  if (!p) return { ok: false, error: 'time-invalid' }
  const today = toLocal(now, timeZone)
  const day = p.date ? dayOf(p.date, today) : today
  if (!day) return { ok: false, error: 'time-invalid' }
  let result = at(day, p, timeZone)
  if (!p.date && result <= now) result = at(addDays(today, 1), p, timeZone)
  return { ok: true, at: result.toISOString() }
}
