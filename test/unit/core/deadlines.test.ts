import { describe, expect, it } from 'vitest'
import { deadline, isWorkingDay, requestDeadlines } from '../../../src/core/sla/deadlines.js'
import type { RegionCalendar, SlaTarget } from '../../../src/core/sla/deadlines.js'
import { addDays, assertTimeZone, fromLocal, isoDate, isoWeekday, toLocal } from '../../../src/core/sla/zoned-time.js'
import type { LocalDateTime } from '../../../src/core/sla/zoned-time.js'

// Europe/Minsk is UTC+3 all year round: local midnight is 21:00Z of the day before.
const minsk: RegionCalendar = {
  timeZone: 'Europe/Minsk',
  weekend: [6, 7],
  holidays: new Set(['2026-01-01', '2026-01-02', '2026-01-07', '2026-05-01', '2026-05-09']),
  workingWeekendDays: new Set<string>(),
}

const at = (iso: string): Date => new Date(iso)
const workingDays = (amount: number): SlaTarget => ({ amount, unit: 'working_days' })
const iso = (date: Date): string => date.toISOString()
const local = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): LocalDateTime => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
})

describe('calendar sanity of the dates used below', () => {
  it.each([
    ['2025-12-31', 3],
    ['2026-01-05', 1],
    ['2026-01-09', 5],
    ['2026-01-10', 6],
    ['2026-02-02', 1],
    ['2026-02-06', 5],
    ['2026-02-07', 6],
    ['2026-02-08', 7],
    ['2026-03-27', 5],
    ['2026-03-29', 7],
    ['2026-04-30', 4],
    ['2026-05-01', 5],
    ['2026-10-23', 5],
    ['2026-10-25', 7],
  ])('when the date is %s, then its ISO weekday is %i', (date, weekday) => {
    const [year, month, day] = date.split('-').map(Number)
    expect(isoWeekday({ year: year ?? 0, month: month ?? 0, day: day ?? 0 })).toBe(weekday)
  })
})

describe('deadline in minutes and hours', () => {
  it('when the target is in minutes, then it runs through the night', () => {
    // Friday 23:50 local + 30 minutes = Saturday 00:20 local
    expect(iso(deadline(at('2026-02-06T20:50:00Z'), { amount: 30, unit: 'minutes' }, minsk))).toBe(
      '2026-02-06T21:20:00.000Z',
    )
  })

  it('when the target is in hours, then it runs through the weekend', () => {
    // Friday 18:00Z + 72 h = Monday 18:00Z
    expect(iso(deadline(at('2026-02-06T18:00:00Z'), { amount: 72, unit: 'hours' }, minsk))).toBe(
      '2026-02-09T18:00:00.000Z',
    )
  })

  it('when the target is in hours, then holidays are not skipped', () => {
    expect(iso(deadline(at('2025-12-31T20:00:00Z'), { amount: 24, unit: 'hours' }, minsk))).toBe(
      '2026-01-01T20:00:00.000Z',
    )
  })

  it('when the start has milliseconds, then they are kept', () => {
    expect(iso(deadline(at('2026-02-02T07:00:00.123Z'), { amount: 2, unit: 'hours' }, minsk))).toBe(
      '2026-02-02T09:00:00.123Z',
    )
  })
})

describe('deadline in working days', () => {
  it('when 1 working day starts on Monday 10:00, then it ends at the end of Tuesday (Wednesday 00:00 local)', () => {
    expect(iso(deadline(at('2026-02-02T07:00:00Z'), workingDays(1), minsk))).toBe('2026-02-03T21:00:00.000Z')
  })

  it('when 1 working day starts on Monday 23:30 local, then it still ends at the end of Tuesday', () => {
    expect(iso(deadline(at('2026-02-02T20:30:00Z'), workingDays(1), minsk))).toBe('2026-02-03T21:00:00.000Z')
  })

  it('when the start is Monday 01:00 local but still Sunday in UTC, then the region clock decides the day', () => {
    expect(iso(deadline(at('2026-02-01T22:00:00Z'), workingDays(1), minsk))).toBe('2026-02-03T21:00:00.000Z')
  })

  it('when 1 working day starts on Friday 17:00, then it ends at the end of Monday (Tuesday 00:00 local)', () => {
    expect(iso(deadline(at('2026-02-06T14:00:00Z'), workingDays(1), minsk))).toBe('2026-02-09T21:00:00.000Z')
  })

  it.each([
    ['Saturday 12:00', '2026-02-07T09:00:00Z'],
    ['Sunday 20:00', '2026-02-08T17:00:00Z'],
  ])('when 1 working day starts on %s, then it ends at the end of Monday', (_when, start) => {
    expect(iso(deadline(at(start), workingDays(1), minsk))).toBe('2026-02-09T21:00:00.000Z')
  })

  it('when holidays and a weekend follow the start, then they are skipped', () => {
    // Wed 2025-12-31 → Jan 1, 2 holidays, Jan 3, 4 weekend → end of Monday 2026-01-05
    expect(iso(deadline(at('2025-12-31T07:00:00Z'), workingDays(1), minsk))).toBe('2026-01-05T21:00:00.000Z')
  })

  it('when a holiday on a Friday precedes a weekend, then the deadline moves to the end of Monday', () => {
    // Thu 2026-04-30 → Fri May 1 holiday, May 2, 3 weekend → end of Monday May 4
    expect(iso(deadline(at('2026-04-30T09:00:00Z'), workingDays(1), minsk))).toBe('2026-05-04T21:00:00.000Z')
  })

  it('when a Saturday is a working day by transfer, then it counts', () => {
    const transferred: RegionCalendar = { ...minsk, workingWeekendDays: new Set(['2026-01-10']) }
    // Friday 2026-01-09 → Saturday 2026-01-10 is working → end of Saturday
    expect(iso(deadline(at('2026-01-09T07:00:00Z'), workingDays(1), transferred))).toBe('2026-01-10T21:00:00.000Z')
    // without the transfer the same start ends on Monday
    expect(iso(deadline(at('2026-01-09T07:00:00Z'), workingDays(1), minsk))).toBe('2026-01-12T21:00:00.000Z')
  })

  it('when 5 working days cross a weekend, then the weekend days do not count', () => {
    // Wed Feb 4 → Thu 5, Fri 6, Mon 9, Tue 10, Wed 11 → end of Wed Feb 11
    expect(iso(deadline(at('2026-02-04T07:00:00Z'), workingDays(5), minsk))).toBe('2026-02-11T21:00:00.000Z')
  })

  it('when 5 working days cross a holiday and a weekend, then neither counts', () => {
    // Tue Jan 6 → (Jan 7 holiday) Thu 8, Fri 9, Mon 12, Tue 13, Wed 14 → end of Wed Jan 14
    expect(iso(deadline(at('2026-01-06T07:00:00Z'), workingDays(5), minsk))).toBe('2026-01-14T21:00:00.000Z')
  })

  it('when the region observes daylight saving time, then the deadline is local midnight after the change', () => {
    const warsaw: RegionCalendar = { ...minsk, timeZone: 'Europe/Warsaw', holidays: new Set<string>() }
    // Fri 2026-03-27 12:00 CET → end of Monday March 30 = Tue 00:00 CEST (UTC+2)
    expect(iso(deadline(at('2026-03-27T11:00:00Z'), workingDays(1), warsaw))).toBe('2026-03-30T22:00:00.000Z')
    // Fri 2026-10-23 12:00 CEST → end of Monday October 26 = Tue 00:00 CET (UTC+1)
    expect(iso(deadline(at('2026-10-23T10:00:00Z'), workingDays(1), warsaw))).toBe('2026-10-26T23:00:00.000Z')
  })

  it('when every weekday is a day off, then a working-day deadline throws a RangeError', () => {
    const never: RegionCalendar = { ...minsk, weekend: [1, 2, 3, 4, 5, 6, 7] }
    expect(() => deadline(at('2026-02-02T07:00:00Z'), workingDays(1), never)).toThrow(RangeError)
  })
})

describe('isWorkingDay', () => {
  it.each([
    ['a Monday', { year: 2026, month: 2, day: 2 }, true],
    ['a Saturday', { year: 2026, month: 2, day: 7 }, false],
    ['a Sunday', { year: 2026, month: 2, day: 8 }, false],
    ['a holiday on a Thursday', { year: 2026, month: 1, day: 1 }, false],
    ['a holiday on a Wednesday', { year: 2026, month: 1, day: 7 }, false],
  ])('when the date is %s, then isWorkingDay is %s', (_what, date, expected) => {
    expect(isWorkingDay(date, minsk)).toBe(expected)
  })

  it('when a Saturday is listed as a working weekend day, then it is a working day', () => {
    const transferred: RegionCalendar = { ...minsk, workingWeekendDays: new Set(['2026-02-07']) }
    expect(isWorkingDay({ year: 2026, month: 2, day: 7 }, transferred)).toBe(true)
  })
})

describe('requestDeadlines', () => {
  it('when a request arrives, then both the accept and the fix deadlines are computed', () => {
    const received = at('2026-02-06T14:00:00Z') // Friday 17:00 local
    expect(requestDeadlines(received, { accept: workingDays(1), fix: workingDays(5) }, minsk)).toEqual({
      acceptDueAt: at('2026-02-09T21:00:00Z'), // end of Monday
      fixDueAt: at('2026-02-13T21:00:00Z'), // Mon 9, Tue 10, Wed 11, Thu 12, Fri 13 → end of Friday
    })
  })

  it('when an emergency arrives, then the accept target in minutes and fix in hours run round the clock', () => {
    const received = at('2026-02-07T09:00:00Z') // Saturday
    expect(
      requestDeadlines(received, { accept: { amount: 30, unit: 'minutes' }, fix: { amount: 2, unit: 'hours' } }, minsk),
    ).toEqual({ acceptDueAt: at('2026-02-07T09:30:00Z'), fixDueAt: at('2026-02-07T11:00:00Z') })
  })
})

describe('zoned time', () => {
  describe('Europe/Minsk (UTC+3, no daylight saving)', () => {
    it('when an instant is read in Minsk, then the clock is three hours ahead of UTC', () => {
      expect(toLocal(at('2026-01-01T00:00:00Z'), 'Europe/Minsk')).toEqual(local(2026, 1, 1, 3))
      expect(toLocal(at('2026-07-15T12:34:56Z'), 'Europe/Minsk')).toEqual(local(2026, 7, 15, 15, 34, 56))
    })

    it('when local midnight is read, then the hour is 0 (not 24) on the new date', () => {
      expect(toLocal(at('2025-12-31T21:00:00Z'), 'Europe/Minsk')).toEqual(local(2026, 1, 1, 0))
    })

    it('when a local time is converted to an instant, then three hours are subtracted', () => {
      expect(iso(fromLocal(local(2026, 1, 1, 0), 'Europe/Minsk'))).toBe('2025-12-31T21:00:00.000Z')
      expect(iso(fromLocal(local(2026, 7, 15, 15, 34, 56), 'Europe/Minsk'))).toBe('2026-07-15T12:34:56.000Z')
    })

    it('when instants across a year are read and converted back, then they round-trip', () => {
      const start = at('2025-12-30T00:00:00Z').getTime()
      for (let i = 0; i < 400; i++) {
        const instant = new Date(start + i * 23 * 3_600_000 + i * 61_000)
        expect(fromLocal(toLocal(instant, 'Europe/Minsk'), 'Europe/Minsk')).toEqual(instant)
      }
    })
  })

  describe('Europe/Warsaw around the 2026 spring-forward (29 March, 02:00 CET → 03:00 CEST)', () => {
    it('when the clock jumps, then 00:59:59Z reads 01:59:59 and 01:00Z reads 03:00', () => {
      expect(toLocal(at('2026-03-29T00:59:59Z'), 'Europe/Warsaw')).toEqual(local(2026, 3, 29, 1, 59, 59))
      expect(toLocal(at('2026-03-29T01:00:00Z'), 'Europe/Warsaw')).toEqual(local(2026, 3, 29, 3, 0, 0))
    })

    it('when local times before and after the jump are converted, then they use UTC+1 and UTC+2', () => {
      expect(iso(fromLocal(local(2026, 3, 29, 1, 30), 'Europe/Warsaw'))).toBe('2026-03-29T00:30:00.000Z')
      expect(iso(fromLocal(local(2026, 3, 29, 3, 30), 'Europe/Warsaw'))).toBe('2026-03-29T01:30:00.000Z')
      expect(iso(fromLocal(local(2026, 3, 29, 0, 0), 'Europe/Warsaw'))).toBe('2026-03-28T23:00:00.000Z')
      expect(iso(fromLocal(local(2026, 3, 30, 0, 0), 'Europe/Warsaw'))).toBe('2026-03-29T22:00:00.000Z')
    })

    it('when a local time inside the skipped hour is converted, then it moves forward past the gap', () => {
      const instant = fromLocal(local(2026, 3, 29, 2, 30), 'Europe/Warsaw')
      expect(iso(instant)).toBe('2026-03-29T01:30:00.000Z')
      expect(toLocal(instant, 'Europe/Warsaw')).toEqual(local(2026, 3, 29, 3, 30))
    })

    it('when instants every 10 minutes around the jump are read and converted back, then they round-trip', () => {
      const start = at('2026-03-28T22:00:00Z').getTime()
      for (let i = 0; i <= 36; i++) {
        const instant = new Date(start + i * 600_000)
        expect(fromLocal(toLocal(instant, 'Europe/Warsaw'), 'Europe/Warsaw')).toEqual(instant)
      }
    })
  })

  describe('Europe/Warsaw around the 2026 fall-back (25 October, 03:00 CEST → 02:00 CET)', () => {
    it('when the clock goes back, then 02:xx is read twice', () => {
      expect(toLocal(at('2026-10-25T00:30:00Z'), 'Europe/Warsaw')).toEqual(local(2026, 10, 25, 2, 30))
      expect(toLocal(at('2026-10-25T00:59:59Z'), 'Europe/Warsaw')).toEqual(local(2026, 10, 25, 2, 59, 59))
      expect(toLocal(at('2026-10-25T01:00:00Z'), 'Europe/Warsaw')).toEqual(local(2026, 10, 25, 2, 0))
      expect(toLocal(at('2026-10-25T01:30:00Z'), 'Europe/Warsaw')).toEqual(local(2026, 10, 25, 2, 30))
    })

    it('when a local time in the repeated hour is converted, then the later instant is chosen', () => {
      expect(iso(fromLocal(local(2026, 10, 25, 2, 30), 'Europe/Warsaw'))).toBe('2026-10-25T01:30:00.000Z')
      expect(iso(fromLocal(local(2026, 10, 25, 2, 0), 'Europe/Warsaw'))).toBe('2026-10-25T01:00:00.000Z')
    })

    it('when local times outside the repeated hour are converted, then they use UTC+2 before and UTC+1 after', () => {
      expect(iso(fromLocal(local(2026, 10, 25, 1, 30), 'Europe/Warsaw'))).toBe('2026-10-24T23:30:00.000Z')
      expect(iso(fromLocal(local(2026, 10, 25, 3, 30), 'Europe/Warsaw'))).toBe('2026-10-25T02:30:00.000Z')
      expect(iso(fromLocal(local(2026, 10, 26, 0, 0), 'Europe/Warsaw'))).toBe('2026-10-25T23:00:00.000Z')
    })

    it('when instants every 10 minutes around the change are read and converted back, then they round-trip except the first 02:xx', () => {
      const start = at('2026-10-24T22:00:00Z').getTime()
      const overlapStart = at('2026-10-25T00:00:00Z').getTime()
      const overlapEnd = at('2026-10-25T01:00:00Z').getTime()
      for (let i = 0; i <= 36; i++) {
        const instant = start + i * 600_000
        const back = fromLocal(toLocal(new Date(instant), 'Europe/Warsaw'), 'Europe/Warsaw').getTime()
        const inEarlierOccurrence = instant >= overlapStart && instant < overlapEnd
        expect(back).toBe(inEarlierOccurrence ? instant + 3_600_000 : instant)
      }
    })
  })

  describe('calendar helpers', () => {
    it('when days are added across a month, a year end and a leap day, then the calendar date is right', () => {
      expect(addDays({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 1 })
      expect(addDays({ year: 2025, month: 12, day: 31 }, 1)).toEqual({ year: 2026, month: 1, day: 1 })
      expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 })
      expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 })
    })

    it('when a date is formatted, then it is zero-padded YYYY-MM-DD', () => {
      expect(isoDate({ year: 2026, month: 1, day: 7 })).toBe('2026-01-07')
      expect(isoDate({ year: 2026, month: 12, day: 25 })).toBe('2026-12-25')
    })

    it('when a time zone is unknown, then assertTimeZone throws a RangeError', () => {
      expect(() => {
        assertTimeZone('Mars/Olympus_Mons')
      }).toThrow(RangeError)
      expect(() => {
        assertTimeZone('Europe/Minsk')
      }).not.toThrow()
    })
  })
})

describe('fromLocal west of UTC (America/New_York, 2026)', () => {
  const zone = 'America/New_York'
  const at = (month: number, day: number, hour: number, minute: number) =>
    fromLocal({ year: 2026, month, day, hour, minute, second: 0 }, zone).toISOString()

  it('when the local time is shown twice (clocks go back on 1 November), then the later instant (EST) is chosen', () => {
    expect(at(11, 1, 1, 30)).toBe('2026-11-01T06:30:00.000Z')
  })

  it('when the local time falls in the spring gap (8 March, 02:30), then it moves forward to 03:30 EDT', () => {
    expect(at(3, 8, 2, 30)).toBe('2026-03-08T07:30:00.000Z')
  })

  it('when the local time is ordinary, then it round-trips', () => {
    expect(at(7, 1, 12, 0)).toBe('2026-07-01T16:00:00.000Z')
  })
})
