import { describe, expect, it } from 'vitest'
import { loadDictionaries } from '../../../../src/app/locales.js'
import { createViberSender } from '../../../../src/bot/viber/sender.js'
import type { ViberMessage } from '../../../../src/bot/viber/client.js'
import type { Language } from '../../../../src/core/i18n/text.js'
import { createTranslator } from '../../../../src/core/i18n/translate.js'
import type { NoticeView } from '../../../../src/core/notices/notice-message.js'
import { areaWordsFrom, noticeMessage } from '../../../../src/core/notices/notice-message.js'
import { render } from '../../../../src/workers/render-message.js'

const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })

const lida = { ru: 'Лидский район', be: 'Лідскі раён', en: 'Lida district' }
const lidaTown = { ru: 'Лида', be: 'Ліда', en: 'Lida' }

/** 5 December 2026, 10:00–16:00 in Minsk (UTC+3). */
const outage: NoticeView = {
  kind: 'planned_outage',
  service: 'water',
  where: {
    scope: 'settlement',
    settlement: lidaTown,
    streets: [
      { street: 'Советская', houses: '1-15' },
      { street: 'Ленина', houses: null },
    ],
  },
  startsAt: '2026-12-05T07:00:00.000Z',
  endsAt: '2026-12-05T13:00:00.000Z',
  body: 'Замена задвижки <на вводе>',
  photo: null,
}

/** What a Telegram resident reads (HTML) and what a Viber resident reads (plain text). */
async function onBothChannels(language: Language, view: NoticeView): Promise<{ telegram: string; viber: string }> {
  const rendered = render(translate, language, noticeMessage(view))
  const sent: ViberMessage[] = []
  const viber = createViberSender({
    client: {
      sendMessage: (_to, message) => {
        sent.push(message)
        return Promise.resolve({ kind: 'sent' })
      },
    },
    photoUrl: () => null,
  })
  await viber.send('viber-user', rendered)
  const first = sent[0]
  return { telegram: rendered.html, viber: first?.type === 'text' ? first.text : '' }
}

describe('an outage notice as residents read it', () => {
  it('when the outage fits one day, then Russian names the kind, service, streets with houses, the window and the text', async () => {
    const { telegram, viber } = await onBothChannels('ru', outage)
    expect(telegram).toBe(
      [
        '🔧 <b>Плановое отключение</b>',
        'Услуга: Холодная вода',
        'Где: Лида: Советская, д. 1-15; Ленина',
        'Когда: 5 декабря с 10:00 до 16:00',
        'Замена задвижки &lt;на вводе&gt;',
      ].join('\n'),
    )
    expect(viber).toBe(
      [
        '🔧 Плановое отключение',
        'Услуга: Холодная вода',
        'Где: Лида: Советская, д. 1-15; Ленина',
        'Когда: 5 декабря с 10:00 до 16:00',
        'Замена задвижки <на вводе>',
      ].join('\n'),
    )
  })

  it('when the notice is read in Belarusian or English, then every part is in that language on both channels', async () => {
    const be = await onBothChannels('be', outage)
    expect(be.viber).toContain('Ліда: Советская, д. 1-15; Ленина')
    expect(be.viber).toContain('Калі: 5 снежня з 10:00 да 16:00')
    expect(be.telegram).toContain('Калі: 5 снежня з 10:00 да 16:00')
    const en = await onBothChannels('en', outage)
    expect(en.viber).toContain('Where: Lida: Советская, Nos. 1-15; Ленина')
    expect(en.viber).toContain('When: 5 December, 10:00 to 16:00')
    expect(en.telegram).toContain('Service: ')
    expect(en.viber).not.toMatch(/<\/?b>/)
  })

  it('when the end is not known, then the window reads "from 10:00 until confirmed" in every language', async () => {
    const open = { ...outage, endsAt: null }
    expect((await onBothChannels('ru', open)).viber).toContain('Когда: 5 декабря с 10:00 до уточнения')
    expect((await onBothChannels('be', open)).viber).toContain('Калі: 5 снежня з 10:00 да ўдакладнення')
    expect((await onBothChannels('en', open)).telegram).toContain(
      'When: 5 December from 10:00, end time to be confirmed',
    )
  })

  it('when the outage spans days and whole districts, then both ends are named in full and the districts by name', async () => {
    const view: NoticeView = {
      ...outage,
      where: { scope: 'districts', districts: [lida, { ru: 'г. Гродно', be: 'г. Гродна', en: 'Grodno (city)' }] },
      endsAt: '2026-12-06T15:00:00.000Z',
    }
    const { telegram } = await onBothChannels('ru', view)
    expect(telegram).toContain('Где: Лидский район, г. Гродно')
    expect(telegram).toContain('Когда: с 5 декабря в 10:00 до 6 декабря в 18:00')
  })

  it('when a correction follows, then the corrected text comes under the correction heading with the same facts', async () => {
    const { viber } = await onBothChannels('ru', { ...outage, followUp: 'correction', body: 'Новый текст' })
    expect(viber.split('\n')[0]).toContain('Уточнение к объявлению')
    expect(viber).toContain('Услуга: Холодная вода')
    expect(viber).toContain('Когда: 5 декабря с 10:00 до 16:00')
    expect(viber).toContain('Новый текст')
  })

  it('when the outage ends, then residents get the restored service and the area, not the outage text', async () => {
    const restored = { ...outage, followUp: 'ended' as const, endsAt: '2026-12-05T12:00:00.000Z', photo: 'photo-1' }
    const message = noticeMessage(restored)
    expect(message.photo).toBeNull()
    for (const language of ['ru', 'be', 'en'] as const) {
      const { telegram, viber } = await onBothChannels(language, restored)
      expect(telegram).not.toContain('задвижки')
      expect(viber).toContain(language === 'en' ? 'Lida' : language === 'be' ? 'Ліда' : 'Лида')
    }
    expect((await onBothChannels('ru', restored)).viber).toContain('Холодная вода')
  })

  it('when a place of the area is not known any more, then the area line is left out rather than guessed', async () => {
    const { telegram } = await onBothChannels('ru', { ...outage, where: null })
    expect(telegram).not.toContain('Где:')
    expect(telegram).toContain('Когда:')
  })
})

describe('areaWordsFrom', () => {
  const districts = [
    { id: 1, name: lida },
    { id: 2, name: lidaTown },
  ]

  it('when districts were picked, then their names come in the order picked', () => {
    expect(areaWordsFrom({ scope: 'districts', districtIds: [2, 1] }, districts, [])).toEqual({
      scope: 'districts',
      districts: [lidaTown, lida],
    })
  })

  it('when a picked place is not among those offered, then there are no words for the area', () => {
    expect(areaWordsFrom({ scope: 'districts', districtIds: [1, 9] }, districts, [])).toBeNull()
    expect(areaWordsFrom({ scope: 'settlement', settlementId: 9, streets: [] }, districts, [])).toBeNull()
  })

  it('when a settlement was picked, then its name and the streets are kept', () => {
    const streets = [{ street: 'Советская', houses: '1-15' }]
    expect(areaWordsFrom({ scope: 'settlement', settlementId: 7, streets }, [], [{ id: 7, name: lidaTown }])).toEqual({
      scope: 'settlement',
      settlement: lidaTown,
      streets,
    })
  })
})
