import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { htmlToPlain } from '../../../../src/core/i18n/translate.js'
import { splitAtLines, splitHtml } from '../../../../src/core/shared/split-at-lines.js'

// Fixed seed and bounded runs: a failure prints the seed and the shrunk counterexample, and replays.
const RUNS = { seed: 20261204, numRuns: 300 }

const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Tags balance in every chunk: each one closed in the order opened, nothing left open. */
function balanced(html: string): boolean {
  const open: string[] = []
  for (const m of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    if (m[1] === '') open.push(m[2] ?? '')
    else if (open.pop() !== m[2]) return false
  }
  return open.length === 0
}

/** No entity cut in two: every "&" starts a whole entity. */
const wholeEntities = (html: string): boolean => /^(?:[^&]|&(?:amp|lt|gt|quot);)*$/.test(html)

const texts = fc.string({ unit: 'binary', maxLength: 900 })
const lines = fc
  .array(fc.oneof(texts, fc.constantFrom('\n', ' ', '&', '<b>', '😀')), { maxLength: 30 })
  .map((a) => a.join(''))
// Above the markup of the nested tags around one character (a real limit is 4000).
const limits = fc.integer({ min: 40, max: 300 })

describe('splitting a long message', () => {
  it('when any plain text is split, then every chunk is within the limit and together they are the text', () => {
    fc.assert(
      fc.property(fc.oneof(texts, lines), limits, (text, limit) => {
        const chunks = splitAtLines(text, limit)
        expect(chunks.join('')).toBe(text)
        for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(limit)
      }),
      RUNS,
    )
  })

  it('when any text is escaped into a template and split, then each chunk is valid HTML within the limit and none is lost', () => {
    fc.assert(
      fc.property(fc.oneof(texts, lines), limits, (text, limit) => {
        const html = `<b>Описание:</b> <i>${escape(text)}</i>\n<code>${escape(text.slice(0, 40))}</code>`
        const chunks = splitHtml(html, limit)
        expect(chunks.map(htmlToPlain).join('')).toBe(htmlToPlain(html))
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(limit)
          expect(balanced(chunk)).toBe(true)
          expect(wholeEntities(chunk.replace(/<[^>]+>/g, ''))).toBe(true)
        }
      }),
      RUNS,
    )
  })

  it('when a line of ampersands is longer than the limit, then no chunk ends inside "&amp;" and nothing vanishes', () => {
    const html = escape('&'.repeat(5000))
    const chunks = splitHtml(html, 4000)
    expect(chunks.every((c) => /^(?:&amp;)+$/.test(c))).toBe(true)
    expect(chunks.map(htmlToPlain).join('')).toBe('&'.repeat(5000))
  })

  it('when a text has line breaks, then it is cut after a line break, not inside a line', () => {
    const text = `${'а'.repeat(60)}\n${'б'.repeat(60)}\n${'в'.repeat(60)}`
    expect(splitAtLines(text, 130)).toEqual([`${'а'.repeat(60)}\n${'б'.repeat(60)}\n`, 'в'.repeat(60)])
  })

  it('when an emoji straddles the limit, then it is not cut in two', () => {
    const chunks = splitAtLines(`${'x'.repeat(9)}😀`, 10)
    expect(chunks).toEqual(['x'.repeat(9), '😀'])
  })

  it('when a text fits, then it is one chunk as it is', () => {
    expect(splitHtml('<b>ok</b>', 4000)).toEqual(['<b>ok</b>'])
    expect(splitAtLines('', 4000)).toEqual([''])
  })
})
