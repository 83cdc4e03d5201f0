import { describe, expect, it } from 'vitest'
import { loadDictionaries } from '../../src/app/locales.js'
import { createTranslator } from '../../src/core/i18n/translate.js'
import { text } from '../../src/core/i18n/text.js'

const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort()
const tags = (template: string): string[] => [...template.matchAll(/<\/?[a-z-]+/g)].map((m) => m[0]).sort()

describe('locales', () => {
  it('when Belarusian and English are compared with Russian, then every key, placeholder and tag is there', async () => {
    const { ru, be, en } = await loadDictionaries()
    for (const other of [be, en]) {
      expect(Object.keys(other).sort()).toEqual(Object.keys(ru).sort())
      for (const [key, template] of Object.entries(ru)) {
        expect({ key, placeholders: placeholders(other[key] ?? '') }).toEqual({
          key,
          placeholders: placeholders(template),
        })
        expect({ key, tags: tags(other[key] ?? '') }).toEqual({ key, tags: tags(template) })
      }
    }
  })

  it('when user text is put into a template, then it is escaped for Telegram HTML', async () => {
    const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })
    const html = translate('ru', text('report.summary.description', { description: '<b>x</b> & <script>' }))
    expect(html).toBe('Описание: &lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;')
  })

  it('when a date is put into a template, then it reads in the region time zone and the reader language', async () => {
    const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })
    const at = { datetime: '2026-12-07T21:00:00.000Z' }
    expect(translate('ru', text('card.deadline', { at }))).toContain('8 декабря')
    expect(translate('en', text('card.deadline', { at }))).toContain('8 December')
    expect(translate('be', text('card.deadline', { at }))).toMatch(/8 снежня/)
  })

  it('when a deadline at midnight goes into the receipt, then it names the last day "inclusive" in every language', async () => {
    const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })
    const at = { deadline: '2026-12-11T21:00:00.000Z' }
    expect(translate('ru', text('card.deadline', { at }))).toBe('Срок: до 11 декабря включительно')
    expect(translate('be', text('card.deadline', { at }))).toBe('Тэрмін: да 11 снежня уключна')
    expect(translate('en', text('card.deadline', { at }))).toBe('Due by: 11 December, end of day')
  })

  it('when a key is missing, then the key itself shows (never a crash)', async () => {
    const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })
    expect(translate('en', text('no.such.key'))).toBe('no.such.key')
  })
})
