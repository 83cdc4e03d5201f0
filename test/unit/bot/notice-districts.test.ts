import { describe, expect, it } from 'vitest'
import { addressedTo, districtPicker, joinedNames, toggled } from '../../../src/bot/telegram/staff/notices/districts.js'
import type { TextParam } from '../../../src/core/i18n/text.js'
import { text } from '../../../src/core/i18n/text.js'
import { createTranslator } from '../../../src/core/i18n/translate.js'
import { decodeCallback } from '../../../src/core/shared/callback-data.js'

const place = (id: number, ru: string) => ({ id, name: { ru, be: `${ru} (be)`, en: `${ru} (en)` } })
const LIDA = place(1, 'Лидский')
const SLONIM = place(2, 'Слонимский')
const MOSTY = place(3, 'Мостовский')
const offered = [LIDA, SLONIM, MOSTY]

const translate = createTranslator({
  dictionaries: {
    ru: {
      'common.name': '{name}',
      'admin.notice.district-chosen': '✅ {name}',
      'admin.notice.button.districts-done': 'Готово',
      'admin.notice.addressed-to': 'Кому: {area}',
      'admin.notice.area.region': 'Вся область',
    },
    be: {},
    en: {},
  },
  timeZone: 'Europe/Minsk',
})
const t = (key: string, params?: Record<string, TextParam>) => translate('ru', text(key, params))

describe('choosing the districts of a notice', () => {
  it('when districts are pressed, then they are chosen in the order offered, and a second press takes one away', () => {
    const two = toggled(toggled([], MOSTY.id, offered), LIDA.id, offered)
    expect(two).toEqual([LIDA.id, MOSTY.id])
    expect(toggled(two, MOSTY.id, offered)).toEqual([LIDA.id])
  })

  it('when a district that was not offered is pressed (an old or forged button), then the choice stays as it was', () => {
    expect(toggled([LIDA.id], 42, offered)).toEqual([LIDA.id])
  })

  it('when the picker is drawn, then the chosen districts are ticked, two to a row, with "done" below', () => {
    const rows = districtPicker(offered, [SLONIM.id], t).inline_keyboard
    expect(rows.map((row) => row.map((b) => b.text))).toEqual([
      ['Лидский', '✅ Слонимский'],
      ['Мостовский'],
      ['Готово'],
    ])
    expect(rows.flat().map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual([
      'nt:dt:1',
      'nt:dt:2',
      'nt:dt:3',
      'nt:dt:done',
    ])
  })

  it('when a button of the picker comes back, then it reads as a district id or "done" and nothing else', () => {
    expect(decodeCallback('nt:dt:17')).toEqual({ kind: 'notice.district-toggle', districtId: 17 })
    expect(decodeCallback('nt:dt:done')).toEqual({ kind: 'notice.districts-done' })
    expect(decodeCallback('nt:d:17').kind).toBe('notice.district')
    expect(decodeCallback('nt:dt:1;drop').kind).toBe('outdated')
  })
})

describe('whom a notice is for, as the admin sees it', () => {
  it('when the notice is for two districts, then both are named, in each language', () => {
    const line = addressedTo({ scope: 'districts', districtIds: [MOSTY.id, LIDA.id] }, offered)
    expect(line && translate('ru', line)).toBe('Кому: Лидский, Мостовский')
    expect(joinedNames([LIDA, MOSTY]).en).toBe('Лидский (en), Мостовский (en)')
  })

  it('when the notice is for the region, then it says so; for a settlement there is no line', () => {
    const region = addressedTo({ scope: 'region' }, offered)
    expect(region && translate('ru', region)).toBe('Кому: Вся область')
    expect(addressedTo({ scope: 'settlement', settlementId: 5, streets: [] }, offered)).toBeNull()
  })
})
