import { describe, expect, it } from 'vitest'
import { deadlineWording } from '../../../../src/core/i18n/deadline.js'
import { createTranslator } from '../../../../src/core/i18n/translate.js'
import { text } from '../../../../src/core/i18n/text.js'

const dictionaries = {
  ru: { 'deadline.through-day': '{date} включительно', due: 'до {due}' },
  be: { 'deadline.through-day': '{date} уключна', due: 'да {due}' },
  en: { 'deadline.through-day': '{date}, end of day', due: 'by {due}' },
}
const minsk = createTranslator({ dictionaries, timeZone: 'Europe/Minsk' })
const due = (iso: string) => text('due', { due: { deadline: iso } })

// Minsk is UTC+3 all year: 21:00Z is the next day's midnight there.
const MIDNIGHT_12_DEC_MINSK = '2026-12-11T21:00:00.000Z'
const AFTERNOON_12_DEC_MINSK = '2026-12-12T13:00:00.000Z'

describe('deadlineWording', () => {
  it('when a deadline falls at local midnight, then it closes the day before', () => {
    expect(deadlineWording(MIDNIGHT_12_DEC_MINSK, 'Europe/Minsk')).toEqual({
      kind: 'through-day',
      day: { year: 2026, month: 12, day: 11 },
    })
  })

  it('when a deadline falls at any other minute, then its time is kept', () => {
    expect(deadlineWording(AFTERNOON_12_DEC_MINSK, 'Europe/Minsk')).toEqual({
      kind: 'moment',
      at: AFTERNOON_12_DEC_MINSK,
    })
    expect(deadlineWording('2026-12-11T21:01:00.000Z', 'Europe/Minsk').kind).toBe('moment')
    expect(deadlineWording('2026-12-11T20:59:59.000Z', 'Europe/Minsk').kind).toBe('moment')
  })

  it('when the same instant is read in another time zone, then midnight is that zone’s midnight', () => {
    expect(deadlineWording(MIDNIGHT_12_DEC_MINSK, 'UTC').kind).toBe('moment')
    expect(deadlineWording('2026-12-12T00:00:00.000Z', 'UTC')).toEqual({
      kind: 'through-day',
      day: { year: 2026, month: 12, day: 11 },
    })
    // Warsaw is UTC+1 in winter.
    expect(deadlineWording('2026-12-11T23:00:00.000Z', 'Europe/Warsaw')).toEqual({
      kind: 'through-day',
      day: { year: 2026, month: 12, day: 11 },
    })
  })

  it('when midnight opens a month or a year, then the day closed is the last of the one before', () => {
    expect(deadlineWording('2026-12-31T21:00:00.000Z', 'Europe/Minsk')).toEqual({
      kind: 'through-day',
      day: { year: 2026, month: 12, day: 31 },
    })
    expect(deadlineWording('2027-02-28T21:00:00.000Z', 'Europe/Minsk')).toEqual({
      kind: 'through-day',
      day: { year: 2027, month: 2, day: 28 },
    })
  })
})

describe('a deadline in a text', () => {
  it('when the deadline is at midnight, then each language says the day “inclusive”', () => {
    expect(minsk('ru', due(MIDNIGHT_12_DEC_MINSK))).toBe('до 11 декабря включительно')
    expect(minsk('be', due(MIDNIGHT_12_DEC_MINSK))).toBe('да 11 снежня уключна')
    expect(minsk('en', due(MIDNIGHT_12_DEC_MINSK))).toBe('by 11 December, end of day')
  })

  it('when the deadline is not at midnight, then each language names the day and the time', () => {
    expect(minsk('ru', due(AFTERNOON_12_DEC_MINSK))).toBe('до 12 декабря в 16:00')
    expect(minsk('be', due(AFTERNOON_12_DEC_MINSK))).toMatch(/^да 12 снежня.*16:00$/)
    expect(minsk('en', due(AFTERNOON_12_DEC_MINSK))).toBe('by 12 December at 16:00')
  })

  it('when the region’s clock differs, then the same instant is said by that clock', () => {
    const utc = createTranslator({ dictionaries, timeZone: 'UTC' })
    expect(utc('ru', due(MIDNIGHT_12_DEC_MINSK))).toBe('до 11 декабря в 21:00')
  })
})
