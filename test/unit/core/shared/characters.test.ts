import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { characters, cleanText, visibleCharacters } from '../../../../src/core/shared/characters.js'
import { freeText, freeTexts, TEXT_LIMITS } from '../../../../src/core/shared/free-text.js'

const RUNS = { seed: 20261204, numRuns: 300 }

describe('cleaning typed text', () => {
  it('when a text holds NUL and other controls, then they are removed and line breaks and tabs stay', () => {
    expect(cleanText('кв.\u0000 17\u0007\u001B\u007F\u0085\r\nвторая\rтретья\tконец')).toBe(
      'кв. 17\nвторая\nтретья\tконец',
    )
  })

  it('when a surrogate is alone, then it is removed and a whole emoji stays', () => {
    expect(cleanText('a\uD800b\uDC00c😀')).toBe('abc😀')
  })

  it('when any string is cleaned, then nothing PostgreSQL or Telegram refuses is left and cleaning again changes nothing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 50 }),
        (a, b) => {
          const clean = cleanText(a + b)
          // eslint-disable-next-line no-control-regex
          expect(clean).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/)
          expect(Buffer.from(clean, 'utf8').toString('utf8')).toBe(clean)
          expect(cleanText(clean)).toBe(clean)
        },
      ),
      RUNS,
    )
  })
})

describe('counting visible characters', () => {
  it('when a text is only zero-width, direction marks, whitespace or lone accents, then it counts 0', () => {
    expect(visibleCharacters('\u200B\u200C\u200D\u2060\uFEFF\u200E\u200F\u202E \u00A0\u3000\n\t\u0301\u0301')).toBe(0)
  })

  it('when a text has letters, emoji and accents, then letters and emoji count once each', () => {
    expect(visibleCharacters('Течёт кран 😀')).toBe(characters('Течёткран😀'))
    expect(visibleCharacters('и\u0306')).toBe(1)
  })
})

describe('a free text within its limit', () => {
  it('when a text is over the limit, then it is refused with the limit and its length', () => {
    expect(freeText('я'.repeat(TEXT_LIMITS.message + 1), TEXT_LIMITS.message)).toEqual({
      ok: false,
      error: 'text-too-long',
      max: TEXT_LIMITS.message,
      length: TEXT_LIMITS.message + 1,
    })
  })

  it('when a text is only controls and spaces, then it is empty', () => {
    expect(freeText(' \u0000 \u0007 ', 10)).toEqual({ ok: false, error: 'text-empty' })
  })

  it('when several texts are checked, then absent ones stay absent, blank ones become empty, NUL goes', () => {
    expect(freeTexts({ a: ' x\u0000y ', b: undefined, c: '  ' }, { a: 5, b: 5, c: 5 })).toEqual({
      ok: true,
      values: { a: 'xy', c: '' },
    })
  })
})
