import { describe, expect, it } from 'vitest'
import { keyboard, keyboardRows } from '../../../src/bot/telegram/staff/shared/keyboard.js'
import { text } from '../../../src/core/i18n/text.js'
import { createTranslator } from '../../../src/core/i18n/translate.js'

describe('staff buttons', () => {
  const translate = createTranslator({
    dictionaries: { ru: { 'common.name': '{name}' }, be: {}, en: {} },
    timeZone: 'Europe/Minsk',
  })

  it('when a label carries a name with "&" or "<", then the button shows it as typed, not as HTML entities', () => {
    const label = translate('ru', text('common.name', { name: 'ЖЭС «A & B» <2>' }))
    expect(label).toBe('ЖЭС «A &amp; B» &lt;2&gt;')
    expect(keyboard([{ label, data: 'st:r:1' }]).inline_keyboard).toEqual([
      [{ text: 'ЖЭС «A & B» <2>', callback_data: 'st:r:1' }],
    ])
  })

  it('when buttons are laid out, then each row holds the given number and the rows keep their order', () => {
    const b = (n: number) => ({ label: `<b>${n}</b>`, data: `x:${n}` })
    expect(keyboard([b(1), b(2), b(3)], 2).inline_keyboard.map((row) => row.map((x) => x.text))).toEqual([
      ['1', '2'],
      ['3'],
    ])
    expect(keyboardRows([[b(4)], [b(5)]]).inline_keyboard).toEqual([
      [{ text: '4', callback_data: 'x:4' }],
      [{ text: '5', callback_data: 'x:5' }],
    ])
  })
})
