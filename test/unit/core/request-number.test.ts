import { describe, expect, it } from 'vitest'
import { formatRequestNumber, parseRequestNumber } from '../../../src/core/requests/request-number.js'

describe('formatRequestNumber', () => {
  it('when the sequence is short, then it is zero-padded to six digits', () => {
    expect(formatRequestNumber({ prefix: 'GR', year: 26, sequence: 4217 })).toBe('GR-26-004217')
    expect(formatRequestNumber({ prefix: 'GR', year: 26, sequence: 1 })).toBe('GR-26-000001')
    expect(formatRequestNumber({ prefix: 'GR', year: 26, sequence: 999_999 })).toBe('GR-26-999999')
  })

  it('when a full year is given, then only its last two digits are shown', () => {
    expect(formatRequestNumber({ prefix: 'GR', year: 2026, sequence: 1 })).toBe('GR-26-000001')
    expect(formatRequestNumber({ prefix: 'GR', year: 2105, sequence: 1 })).toBe('GR-05-000001')
    expect(formatRequestNumber({ prefix: 'GR', year: 2100, sequence: 1 })).toBe('GR-00-000001')
  })

  it('when the year has one digit, then it is zero-padded', () => {
    expect(formatRequestNumber({ prefix: 'GR', year: 7, sequence: 12 })).toBe('GR-07-000012')
  })

  it('when the sequence has more than six digits, then it is kept whole', () => {
    expect(formatRequestNumber({ prefix: 'GR', year: 26, sequence: 1_234_567 })).toBe('GR-26-1234567')
  })

  it('when another prefix is given, then it is used as is', () => {
    expect(formatRequestNumber({ prefix: 'BR', year: 27, sequence: 5 })).toBe('BR-27-000005')
  })

  it.each([0, -1, -4217, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'when the sequence is %s, then a RangeError is thrown',
    (sequence) => {
      expect(() => formatRequestNumber({ prefix: 'GR', year: 26, sequence })).toThrow(RangeError)
    },
  )
})

describe('parseRequestNumber', () => {
  it.each([
    ['GR-26-004217', 'GR-26-004217'],
    ['gr 26 4217', 'GR-26-004217'],
    ['Gr-26-4217', 'GR-26-004217'],
    ['GR26004217', 'GR-26-004217'],
    ['  GR-26-004217  ', 'GR-26-004217'],
    ['GR 26/4217', 'GR-26-004217'],
    ['GR#26-4217', 'GR-26-004217'],
    ['№ GR-26-4217', 'GR-26-004217'],
    ['№GR-26-4217', 'GR-26-004217'],
    ['GR-26-1', 'GR-26-000001'],
    ['BR-27-000005', 'BR-27-000005'],
    ['ГР-26-004217', 'GR-26-004217'], // the prefix typed in Cyrillic by sound
    ['гр 26 4217', 'GR-26-004217'],
    ['ГР26004217', 'GR-26-004217'],
  ])('when the input is %j, then it reads as %s', (input, expected) => {
    expect(parseRequestNumber(input, 'GR')).toBe(expected)
  })

  it('when a Cyrillic prefix matches the default by shape, then it reads as the default (РС → PC)', () => {
    expect(parseRequestNumber('РС-26-000015', 'PC')).toBe('PC-26-000015')
  })

  it('when the sequence has more than six digits, then it still parses (the format keeps it whole)', () => {
    expect(parseRequestNumber('GR-26-1234567', 'GR')).toBe('GR-26-1234567')
  })

  it.each(['4217', '264217', '26004217'])(
    'when %j has neither prefix nor separator, then it is too ambiguous (null)',
    (input) => {
      expect(parseRequestNumber(input, 'GR')).toBeNull()
    },
  )

  it.each([
    ['26-4217', 'GR-26-004217'],
    ['26 4217', 'GR-26-004217'],
    ['26/004217', 'GR-26-004217'],
    ['№ 26-4217', 'GR-26-004217'],
  ])('when the input %j has no prefix, then the default prefix is used', (input, expected) => {
    expect(parseRequestNumber(input, 'GR')).toBe(expected)
  })

  it('when the input has no prefix, then whichever default prefix is given is used', () => {
    expect(parseRequestNumber('26-4217', 'BR')).toBe('BR-26-004217')
  })

  it.each([
    '',
    '   ',
    'hello',
    'where is my request?',
    'GR',
    'GR-26',
    'GR-26-',
    'GR-2-4217',
    'GR-26-ABC',
    'GR-26-4217x',
    'GRXX-26-4217',
    'G-26-4217',
  ])('when the input is %j, then it is not a request number', (input) => {
    expect(parseRequestNumber(input, 'GR')).toBeNull()
  })

  it.each(['GR-26-000000', '26-0', 'GR 26 0'])(
    'when the sequence in %j is zero, then it is not a request number',
    (input) => {
      expect(parseRequestNumber(input, 'GR')).toBeNull()
    },
  )

  it('when a formatted number is parsed, then the same number comes back', () => {
    for (const sequence of [1, 42, 4217, 999_999]) {
      const number = formatRequestNumber({ prefix: 'GR', year: 26, sequence })
      expect(parseRequestNumber(number, 'XX')).toBe(number)
    }
  })
})
