import { describe, expect, it } from 'vitest'
import { loadDictionaries } from '../../../src/app/locales.js'
import { outcomeOf } from '../../../src/bot/telegram/staff/dispatch/outcomes.js'
import { createTranslator } from '../../../src/core/i18n/translate.js'

describe('what staff are told after typing', () => {
  it('when their text was over the limit, then they are told the limit and their length in their language', async () => {
    const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })
    const outcome = outcomeOf('ask', 7, { ok: false, error: 'text-too-long', max: 3000, length: 4100 })
    expect(outcome.buttons).toEqual([])
    for (const language of ['ru', 'be', 'en'] as const) {
      const said = translate(language, outcome.text)
      expect(said).toContain('3000')
      expect(said).toContain('4100')
    }
  })
})
