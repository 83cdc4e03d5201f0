/**
 * Wall-clock time in a named time zone, computed with Intl only (no I/O, no library).
 * The region's clock (Europe/Minsk) decides working days and quiet hours, not the server's.
 */
export interface LocalDateTime {
  year: number
  month: number // 1–12
  day: number
  hour: number
  minute: number
  second: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Throws RangeError for a zone name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone)
}

export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {}
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
}

const asUtcMillis = (l: LocalDateTime): number => Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second)

function offsetMillis(instant: number, timeZone: string): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000)
  return asUtcMillis(toLocal(new Date(whole), timeZone)) - whole
}

/**
 * The instant at which the clocks of `timeZone` show `local`. In an autumn overlap (the hour
 * shown twice) it is the later instant; in a spring gap (an hour never shown) the time moves
 * forward by the gap, as a clock would show it.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const guess = asUtcMillis(local)
  const DAY = 86_400_000
  // No zone changes its offset twice within two days: the offsets a day before and after
  // are the only ones that can apply.
  const candidates = [...new Set([offsetMillis(guess - DAY, timeZone), offsetMillis(guess + DAY, timeZone)])]
    .map((offset) => guess - offset)
    .sort((a, b) => a - b)
  const exact = candidates.filter((t) => asUtcMillis(toLocal(new Date(t), timeZone)) === guess)
  const later = exact.at(-1)
  if (later !== undefined) return new Date(later)
  // In the gap: read with the offset in force before the change, which lands after the gap.
  return new Date(guess - offsetMillis(guess - DAY, timeZone))
}

/** A calendar date as YYYY-MM-DD. */
export const isoDate = (l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string =>
  `${String(l.year).padStart(4, '0')}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`

/** The calendar date `days` after the given one. */
export function addDays(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>, days: number) {
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): number {
  const weekday = new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay()
  return weekday === 0 ? 7 : weekday
}
