import { describe, expect, it } from 'vitest'
import { outsideQuietHours, ratingRequestTime } from '../../../src/core/delivery/quiet-hours.js'

const MINSK = 'Europe/Minsk' // UTC+3 all year
const at = (iso: string) => new Date(iso)

describe('quiet hours (22:00–08:00 region time)', () => {
  it.each([
    ['2026-12-07T09:00:00Z', '2026-12-07T09:00:00.000Z'], // 12:00 Minsk: as it is
    ['2026-12-07T18:59:00Z', '2026-12-07T18:59:00.000Z'], // 21:59: still allowed
    ['2026-12-07T19:00:00Z', '2026-12-08T05:00:00.000Z'], // 22:00: next morning 08:00
    ['2026-12-07T22:30:00Z', '2026-12-08T05:00:00.000Z'], // 01:30 (after midnight): this morning 08:00
    ['2026-12-08T04:59:00Z', '2026-12-08T05:00:00.000Z'], // 07:59
    ['2026-12-08T05:00:00Z', '2026-12-08T05:00:00.000Z'], // 08:00: allowed
  ])('when it is %s, then the message may go at %s', (now, expected) => {
    expect(outsideQuietHours(at(now), MINSK).toISOString()).toBe(expected)
  })

  it('when work is done at 21:00, then the rating question waits for the morning instead of 23:00', () => {
    expect(ratingRequestTime(at('2026-12-07T18:00:00Z'), MINSK).toISOString()).toBe('2026-12-08T05:00:00.000Z')
  })

  it('when work is done at 10:00, then the question goes at 12:00', () => {
    expect(ratingRequestTime(at('2026-12-07T07:00:00Z'), MINSK).toISOString()).toBe('2026-12-07T09:00:00.000Z')
  })

  it('when the month ends at night, then the morning is the first of the next month', () => {
    expect(outsideQuietHours(at('2026-12-31T20:00:00Z'), MINSK).toISOString()).toBe('2027-01-01T05:00:00.000Z')
  })
})
