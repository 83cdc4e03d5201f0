import { describe, expect, it } from 'vitest'
import { distanceKm } from '../../../../src/core/dialogue/catalogue.js'
import type { Draft } from '../../../../src/core/dialogue/state.js'
import {
  DESCRIPTION,
  FLAT,
  GRODNO_CENTRE,
  HOUSE,
  LIDA_CENTRE,
  MENU_VALUES,
  SENT_OK,
  STREET,
  aPhoto,
  at,
  contact,
  ctx,
  keys,
  line,
  location,
  nth,
  photo,
  press,
  prompt,
  result,
  routeTo,
  run,
  theCommand,
  typed,
  values,
} from './fixtures.js'

/** The draft the route of fixtures.ts builds: heating, Lida, no photos, no phone. */
const ROUTE_DRAFT: Draft = {
  id: 'draft-1',
  topCategoryCode: 'heating',
  categoryCode: 'heating.no-heat',
  districtCode: 'lida',
  suggestedDistrictCode: null,
  settlementCode: 'lida.lida',
  street: STREET,
  house: HOUSE,
  flat: FLAT,
  location: null,
  description: DESCRIPTION,
  photos: [],
  phone: null,
  duplicatesSeen: false,
  offered: [],
  noticeShown: false,
  editing: false,
  backup: null,
}

describe('the report, step by step', () => {
  it('when the resident goes through every step, then each step asks its question with its buttons', () => {
    const r = run([
      press('menu:report'),
      press('top:heating'),
      press('cat:heating.no-heat'),
      press('dist:lida'),
      press('stl:lida.lida'),
      typed(STREET),
      typed(HOUSE),
      typed(FLAT),
      press('yes'),
      typed(DESCRIPTION),
      press('skip'),
      press('skip'),
    ])
    const asked = r.outputs.map((t) => ({ step: t.state.step, keys: keys(t), values: values(t) }))

    expect(asked).toEqual([
      {
        step: 'report.top-category',
        keys: ['report.ask-category'],
        values: ['top:heating', 'top:water', 'top:roads', 'top:gas', 'top:other', 'cancel'],
      },
      { step: 'report.category', keys: ['report.ask-subcategory'], values: ['cat:heating.no-heat', 'back', 'cancel'] },
      {
        step: 'report.district',
        keys: ['report.ask-district'],
        values: ['dist:grodno', 'dist:lida', 'dist:shchuchin', 'cancel'],
      },
      {
        step: 'report.settlement',
        keys: ['report.ask-settlement'],
        values: ['stl:lida.lida', 'stl:lida.berezovka', 'back', 'cancel'],
      },
      { step: 'report.street', keys: ['report.ask-street'], values: ['back', 'cancel'] },
      { step: 'report.house', keys: ['report.ask-house'], values: ['back', 'cancel'] },
      { step: 'report.flat', keys: ['report.ask-flat'], values: ['skip', 'back', 'cancel'] },
      { step: 'report.confirm-address', keys: ['report.confirm-address'], values: ['yes', 'no'] },
      { step: 'report.description', keys: ['report.ask-description'], values: ['back', 'cancel'] },
      { step: 'report.photos', keys: ['report.ask-photos'], values: ['skip', 'back', 'cancel'] },
      { step: 'report.phone-offer', keys: ['report.ask-phone-offer'], values: ['share', 'skip'] },
      {
        step: 'report.summary',
        keys: [
          'report.summary.title',
          'report.summary.category',
          'report.summary.address',
          'report.summary.description',
          'report.summary.photos',
          'report.summary.no-phone',
        ],
        values: ['send', 'edit', 'cancel'],
      },
    ])
    expect(r.state.draft).toEqual(ROUTE_DRAFT)
    expect(r.outputs.flatMap((t) => t.commands)).toEqual([])
  })

  it('when the report starts, then the draft takes its id from the context', () => {
    const { state } = run([press('menu:report')], { context: ctx({ newDraftId: 'draft-xyz' }) })
    expect(state.draft?.id).toBe('draft-xyz')
  })

  it('when the district step is shown, then the resident may share a location instead of pressing a button', () => {
    const { last } = at('report.district')
    expect(prompt(last).prompt.kind).toBe('location')
  })

  it('when the category is chosen, then its question names the top category', () => {
    const { last } = at('report.category')
    expect(line(last, 'report.ask-subcategory').params).toEqual({
      category: { localized: { ru: 'Отопление', be: 'Ацяпленне', en: 'Heating' } },
    })
  })

  it('when the address is complete, then it is confirmed in the words people use', () => {
    const { last } = at('report.confirm-address')
    expect(line(last, 'report.confirm-address').params).toEqual({ address: 'Лида, ул. Советская, 5, кв. 17' })
  })

  it('when the flat is skipped, then the address is confirmed without it', () => {
    const { state, last } = run([...routeTo('report.flat'), press('skip')])

    expect(state.step).toBe('report.confirm-address')
    expect(state.draft?.flat).toBeNull()
    expect(line(last, 'report.confirm-address').params).toEqual({ address: 'Лида, ул. Советская, 5' })
  })

  it('when the district is a one-settlement city, then the settlement step is skipped', () => {
    const { state, last } = run([...routeTo('report.district'), press('dist:grodno')])

    expect(state.step).toBe('report.street')
    expect(keys(last)).toEqual(['report.ask-street'])
    expect(state.draft).toMatchObject({ districtCode: 'grodno', settlementCode: 'grodno.grodno' })
  })

  it('when house and street have extra spaces, then they are kept trimmed and the house spaces squeezed', () => {
    const { state } = run([...routeTo('report.street'), typed('  ул. Советская  '), typed(' 5   к2 ')])
    expect(state.draft).toMatchObject({ street: 'ул. Советская', house: '5 к2' })
  })

  it('when the description has spaces around it, then it is stored trimmed', () => {
    const { state } = run([...routeTo('report.description'), typed(`   ${DESCRIPTION}\n`)])
    expect(state.draft?.description).toBe(DESCRIPTION)
  })

  it('when the summary is shown, then it lists the category, address, description, photo count and phone', () => {
    const { last } = at('report.summary')

    expect(line(last, 'report.summary.category').params).toEqual({
      top: { localized: { ru: 'Отопление', be: 'Ацяпленне', en: 'Heating' } },
      category: { localized: { ru: 'Холодные батареи', be: 'Халодныя батарэі', en: 'No heat' } },
    })
    expect(line(last, 'report.summary.address').params).toEqual({ address: 'Лида, ул. Советская, 5, кв. 17' })
    expect(line(last, 'report.summary.description').params).toEqual({ description: DESCRIPTION })
    expect(line(last, 'report.summary.photos').params).toEqual({ count: 0 })
  })
})

describe('sending', () => {
  it('when "send" is pressed, then the draft is checked, submitted as it is, and the resident gets the number, organisation and deadline', () => {
    const summary = at('report.summary')
    const sent = run([press('send')], { state: summary.state })
    const { last, state } = sent

    expect(last.commands).toEqual([
      { type: 'check-before-send', draft: ROUTE_DRAFT },
      { type: 'submit', draft: ROUTE_DRAFT },
    ])
    expect(theCommand(last, 'submit').draft).toMatchObject({ id: 'draft-1', duplicatesSeen: false })
    expect(keys(last)).toEqual(['report.sent', 'report.sent-how-to-check', 'menu.title'])
    expect(line(last, 'report.sent').params).toEqual({
      number: 'GR-26-004217',
      organisation: { localized: { ru: 'Лидское ЖКХ', be: 'Лідская ЖКГ', en: 'Lida housing' } },
      deadline: { deadline: '2026-01-15T08:30:00.000Z' },
    })
    expect(line(last, 'report.sent-how-to-check').params).toEqual({ number: 'GR-26-004217' })
    expect(values(last)).toEqual(MENU_VALUES)
    expect(state.step).toBe('idle')
    expect(state.draft).toBeNull()
  })

  it('when "send" is pressed, then nothing is said until the check comes back, and a clean check submits', () => {
    const summary = at('report.summary')
    const pressed = run([press('send')], { state: summary.state, auto: false })

    expect(pressed.last.messages).toEqual([])
    expect(pressed.last.commands).toEqual([{ type: 'check-before-send', draft: ROUTE_DRAFT }])
    expect(pressed.state.step).toBe('report.summary')

    const checked = run([result({ type: 'checked', duplicates: [], notices: [] })], {
      state: pressed.state,
      auto: false,
    })
    expect(checked.last.messages).toEqual([])
    expect(checked.last.commands).toEqual([{ type: 'submit', draft: ROUTE_DRAFT }])

    const done = run([result(SENT_OK)], { state: checked.state, auto: false })
    expect(keys(done.last)).toEqual(['report.sent', 'report.sent-how-to-check', 'menu.title'])
    expect(done.state.draft).toBeNull()
  })

  it('when no organisation is known yet (triage), then the resident is told a dispatcher will choose one', () => {
    const summary = at('report.summary')
    const { last } = run([press('send')], {
      state: summary.state,
      answers: {
        submit: () => ({
          type: 'submitted',
          outcome: {
            ok: true,
            number: 'GR-26-000001',
            organisationName: null,
            fixDueAt: '2026-01-20T12:00:00.000Z',
            created: true,
          },
        }),
      },
    })

    expect(keys(last)).toEqual(['report.sent-triage', 'report.sent-how-to-check', 'menu.title'])
    expect(line(last, 'report.sent-triage').params).toEqual({
      number: 'GR-26-000001',
      deadline: { deadline: '2026-01-20T12:00:00.000Z' },
    })
  })
})

describe('photos', () => {
  it('when no photo is sent and "skip" is pressed, then the phone is offered with no photos in the draft', () => {
    const { state } = run([...routeTo('report.photos'), press('skip')])

    expect(state.step).toBe('report.phone-offer')
    expect(state.draft?.photos).toEqual([])
  })

  it('when one photo is sent, then it is counted and "done" and "clear" replace "skip"', () => {
    const { state, last } = run([...routeTo('report.photos'), photo('p1')])

    expect(state.step).toBe('report.photos')
    expect(keys(last)).toEqual(['report.photo-received'])
    expect(line(last, 'report.photo-received').params).toEqual({ count: 1, max: 3 })
    expect(prompt(last).prompt).toEqual({
      kind: 'choices',
      choices: [
        { value: 'done', label: { key: 'report.button.photos-done' } },
        { value: 'clear-photos', label: { key: 'report.button.photos-clear' } },
        { value: 'back', label: { key: 'common.button.back' } },
        { value: 'cancel', label: { key: 'common.button.cancel' } },
      ],
    })
    expect(state.draft?.photos).toEqual([aPhoto('p1')])
  })

  it('when "clear" is pressed after two photos, then they are dropped and the photos are asked again from none', () => {
    const { state, last } = run([...routeTo('report.photos'), photo('p1'), photo('p2'), press('clear-photos')])

    expect(state.step).toBe('report.photos')
    expect(keys(last)).toEqual(['report.ask-photos'])
    expect(values(last)).toEqual(['skip', 'back', 'cancel'])
    expect(state.draft?.photos).toEqual([])
    expect(last.commands).toEqual([])
  })

  it('when photos are cleared and others sent, then only the new ones go on, and three of them still finish the step', () => {
    const { state } = run([
      ...routeTo('report.photos'),
      photo('old'),
      press('clear-photos'),
      photo('a'),
      photo('b'),
      photo('c'),
    ])

    expect(state.step).toBe('report.phone-offer')
    expect(state.draft?.photos.map((p) => p.ref.telegramFileId)).toEqual(['a', 'b', 'c'])
  })

  it('when two photos are sent and "done" is pressed, then both are kept in order and the phone is offered', () => {
    const r = run([...routeTo('report.photos'), photo('p1'), photo('p2'), press('done')])
    const { state } = r

    expect(line(nth(r, -2), 'report.photo-received').params).toEqual({ count: 2, max: 3 })
    expect(state.step).toBe('report.phone-offer')
    expect(state.draft?.photos.map((p) => p.ref.telegramFileId)).toEqual(['p1', 'p2'])
  })

  it('when the third photo arrives, then the phone is offered at once', () => {
    const { state, last } = run([...routeTo('report.photos'), photo('p1'), photo('p2'), photo('p3')])

    expect(state.step).toBe('report.phone-offer')
    expect(keys(last)).toEqual(['report.ask-phone-offer'])
    expect(state.draft?.photos.map((p) => p.ref.telegramFileId)).toEqual(['p1', 'p2', 'p3'])
  })

  it('when an image sent as a file (png) of exactly 10 MB arrives, then it is accepted', () => {
    const { state } = run([
      ...routeTo('report.photos'),
      photo('p1', { mimeType: 'image/png', sizeBytes: 10 * 1024 * 1024 }),
    ])
    expect(state.draft?.photos).toHaveLength(1)
  })

  it('when photos were sent, then the summary counts them and the submitted draft carries them', () => {
    const r = run([...routeTo('report.photos'), photo('p1'), photo('p2'), press('done'), press('skip'), press('send')])

    expect(line(nth(r, -2), 'report.summary.photos').params).toEqual({ count: 2 })
    expect(theCommand(r.last, 'submit').draft.photos).toEqual([aPhoto('p1'), aPhoto('p2')])
  })
})

describe('the phone', () => {
  it('when the phone is offered and skipped, then the summary says there is no phone', () => {
    const { state, last } = run([...routeTo('report.phone-offer'), press('skip')])

    expect(state.step).toBe('report.summary')
    expect(keys(last)).toContain('report.summary.no-phone')
    expect(last.commands).toEqual([])
  })

  it('when "leave phone" is pressed without consent, then consent is asked first', () => {
    const { state, last } = run([...routeTo('report.phone-offer'), press('share')])

    expect(state.step).toBe('report.consent')
    expect(keys(last)).toEqual(['report.consent'])
    expect(values(last)).toEqual(['agree', 'decline'])
  })

  it('when consent is given, then it is saved to the profile and the contact button is shown', () => {
    const { state, last } = run([...routeTo('report.consent'), press('agree')])

    expect(last.commands).toEqual([{ type: 'save-profile', patch: { consentGiven: true } }])
    expect(state.step).toBe('report.phone')
    expect(keys(last)).toEqual(['report.ask-phone'])
    expect(prompt(last).prompt).toEqual({
      kind: 'contact',
      choices: [{ value: 'skip', label: { key: 'common.button.skip' } }],
    })
  })

  it('when consent is declined, then the summary follows without a phone and nothing is saved', () => {
    const { state, last } = run([...routeTo('report.consent'), press('decline')])

    expect(state.step).toBe('report.summary')
    expect(state.draft?.phone).toBeNull()
    expect(keys(last)).toContain('report.summary.no-phone')
    expect(last.commands).toEqual([])
  })

  it('when the own contact is shared, then the phone is normalised, saved to the profile and shown in the summary', () => {
    const { state, last } = run([...routeTo('report.phone'), contact('375 (29) 123-45-67')])

    expect(state.step).toBe('report.summary')
    expect(state.draft?.phone).toBe('+375291234567')
    expect(last.commands).toEqual([{ type: 'save-profile', patch: { phone: '+375291234567', phoneVerified: true } }])
    expect(line(last, 'report.summary.phone').params).toEqual({ phone: '+375291234567' })
  })

  it('when the channel cannot vouch for the shared number, then it is saved but marked unverified', () => {
    const { last } = run([...routeTo('report.phone'), contact('+375291234567', true, false)])

    expect(last.commands).toEqual([{ type: 'save-profile', patch: { phone: '+375291234567', phoneVerified: false } }])
  })

  it('when the contact already starts with +, then no second + is added', () => {
    const { state } = run([...routeTo('report.phone'), contact('+375291234567')])
    expect(state.draft?.phone).toBe('+375291234567')
  })

  it('when "skip" is pressed at the contact step, then the summary follows without a phone', () => {
    const { state } = run([...routeTo('report.phone'), press('skip')])

    expect(state.step).toBe('report.summary')
    expect(state.draft?.phone).toBeNull()
  })

  it('when consent was given before, then "leave phone" goes straight to the contact step', () => {
    const { state, last } = run([...routeTo('report.phone-offer'), press('share')], {
      context: ctx({ profile: { consentGiven: true } }),
    })

    expect(state.step).toBe('report.phone')
    expect(keys(last)).toEqual(['report.ask-phone'])
    expect(last.commands).toEqual([])
  })

  it('when the phone was shared, then the submitted draft carries it', () => {
    const { last } = run([...routeTo('report.phone'), contact('+375291234567'), press('send')])
    expect(theCommand(last, 'submit').draft.phone).toBe('+375291234567')
  })
})

describe('the district from a location', () => {
  it('when a location near Grodno is shared at the district step, then Grodno is suggested', () => {
    const { state, last } = run([...routeTo('report.district'), location({ lat: 53.69, lon: 23.84 })])

    expect(state.step).toBe('report.confirm-district')
    expect(keys(last)).toEqual(['report.confirm-district'])
    expect(line(last, 'report.confirm-district').params).toEqual({
      district: { localized: { ru: 'Гродно', be: 'Гродна', en: 'Grodno' } },
    })
    expect(values(last)).toEqual(['yes', 'no'])
    expect(state.draft).toMatchObject({
      suggestedDistrictCode: 'grodno',
      districtCode: null,
      location: { lat: 53.69, lon: 23.84 },
    })
  })

  it('when the suggested district is confirmed, then the report goes on in it (a city: to the street)', () => {
    const { state } = run([...routeTo('report.district'), location(GRODNO_CENTRE), press('yes')])

    expect(state.step).toBe('report.street')
    expect(state.draft).toMatchObject({
      districtCode: 'grodno',
      settlementCode: 'grodno.grodno',
      location: GRODNO_CENTRE,
    })
  })

  it('when the suggested district has several settlements and is confirmed, then the settlement is asked', () => {
    const { state } = run([...routeTo('report.district'), location(LIDA_CENTRE), press('yes')])

    expect(state.step).toBe('report.settlement')
    expect(state.draft?.districtCode).toBe('lida')
  })

  it('when the suggestion is refused, then the district list is shown again and the location is dropped', () => {
    const { state, last } = run([...routeTo('report.district'), location(GRODNO_CENTRE), press('no')])

    expect(state.step).toBe('report.district')
    expect(keys(last)).toEqual(['report.ask-district'])
    expect(state.draft).toMatchObject({ location: null, suggestedDistrictCode: null, districtCode: null })
  })

  it('when the report has a location, then the summary says so', () => {
    const { last } = run([
      ...routeTo('report.district'),
      location(GRODNO_CENTRE),
      press('yes'),
      typed(STREET),
      typed(HOUSE),
      press('skip'),
      press('yes'),
      typed(DESCRIPTION),
      press('skip'),
      press('skip'),
    ])

    expect(keys(last)).toContain('report.summary.location')
    expect(line(last, 'report.summary.address').params).toEqual({ address: 'Гродно, ул. Советская, 5' })
  })

  /** A point due west of Grodno (into Poland), `km` from its centre and further from the other centres. */
  const westOfGrodno = (km: number) => ({
    lat: GRODNO_CENTRE.lat,
    lon: GRODNO_CENTRE.lon - km / (111.195 * Math.cos((GRODNO_CENTRE.lat * Math.PI) / 180)),
  })

  it.each([
    ['Moscow', { lat: 55.75, lon: 37.61 }],
    ['81 km west of Grodno', westOfGrodno(81)],
  ])(
    'when a location outside the region (%s) is shared, then it is refused and the district asked again',
    (_label, point) => {
      const reached = at('report.district')
      const { state, last } = run([location(point)], { state: reached.state })

      expect(keys(last)).toEqual(['report.location-outside', 'report.ask-district'])
      expect(prompt(last)).toEqual(prompt(reached.last))
      expect(state).toEqual(reached.state)
      expect(state.draft).toMatchObject({ location: null, suggestedDistrictCode: null })
      expect(last.commands).toEqual([])
    },
  )

  it('when a location 79 km from the nearest centre is shared, then that district is still suggested', () => {
    const point = westOfGrodno(79)
    expect(distanceKm(point, GRODNO_CENTRE)).toBeCloseTo(79, 1)

    const { state } = run([...routeTo('report.district'), location(point)])

    expect(state.step).toBe('report.confirm-district')
    expect(state.draft).toMatchObject({ suggestedDistrictCode: 'grodno', location: point })
  })

  it('when a location outside the region is followed by a district button, then the report goes on', () => {
    const { state } = run([...routeTo('report.district'), location({ lat: 55.75, lon: 37.61 }), press('dist:lida')])

    expect(state.step).toBe('report.settlement')
    expect(state.draft).toMatchObject({ districtCode: 'lida', location: null })
  })
})
