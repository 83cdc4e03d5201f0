import { describe, expect, it } from 'vitest'
import type { RoutableStep } from './fixtures.js'
import {
  DESCRIPTION,
  FLAT,
  HOUSE,
  MENU_VALUES,
  REPORT_STEPS,
  STREET,
  aPhoto,
  at,
  command,
  contact,
  ctx,
  keys,
  line,
  nth,
  photo,
  press,
  prompt,
  routeTo,
  run,
  theCommand,
  typed,
  values,
} from './fixtures.js'

describe.each(REPORT_STEPS)('at %s', (target) => {
  const reached = at(target)

  it.each(['nonsense', 'dist:nowhere', 'cat:gas.smell', 'follow:1', 'lang:be'])(
    'when a button %j that this step did not offer is pressed, then it is called stale and the same question is asked',
    (value) => {
      const after = run([press(value)], { state: reached.state })

      expect(keys(after.last)[0]).toBe('common.stale-button')
      expect(after.last.messages.slice(1)).toEqual([prompt(reached.last)])
      expect(after.state).toEqual(reached.state)
      expect(after.last.commands).toEqual([])
    },
  )

  it('when /cancel is sent, then the draft is dropped and the menu is shown', () => {
    const { state, last } = run([command('cancel')], { state: reached.state })

    expect(keys(last)).toEqual(['common.cancelled', 'menu.title'])
    expect(values(last)).toEqual(MENU_VALUES)
    expect(state.step).toBe('idle')
    expect(state.draft).toBeNull()
    expect(last.commands).toEqual([])
  })

  it('when "menu:my" is pressed, then the requests are listed whatever the step', () => {
    const { last } = run([press('menu:my')], { state: reached.state, auto: false })
    expect(last.commands).toEqual([{ type: 'list-requests', page: 0, pageSize: 5 }])
  })

  it('when "menu:status" is pressed, then the request number is asked whatever the step', () => {
    const { state, last } = run([press('menu:status')], { state: reached.state })
    expect(state.step).toBe('status.number')
    expect(keys(last)).toEqual(['status.ask-number'])
  })

  it('when "menu:report" is pressed, then a new report starts from the top with a new draft', () => {
    const { state } = run([press('menu:report')], {
      state: reached.state,
      context: ctx({ newDraftId: 'draft-2' }),
    })
    expect(state.step).toBe('report.top-category')
    expect(state.draft).toMatchObject({ id: 'draft-2', categoryCode: null, districtCode: null })
  })

  it('when an unknown "menu:" value is pressed, then the menu is shown', () => {
    const { state, last } = run([press('menu:whatever')], { state: reached.state })
    expect(state.step).toBe('idle')
    expect(keys(last)).toEqual(['menu.title'])
  })
})

describe('back buttons', () => {
  const BACK: [RoutableStep, RoutableStep, string][] = [
    ['report.category', 'report.top-category', 'report.ask-category'],
    ['report.settlement', 'report.district', 'report.ask-district'],
    ['report.street', 'report.settlement', 'report.ask-settlement'],
    ['report.house', 'report.street', 'report.ask-street'],
    ['report.flat', 'report.house', 'report.ask-house'],
    ['report.description', 'report.confirm-address', 'report.confirm-address'],
    ['report.photos', 'report.description', 'report.ask-description'],
    ['report.edit', 'report.summary', 'report.summary.title'],
  ]

  it.each(BACK)('when "back" is pressed at %s, then %s is asked again and the draft is kept', (from, to, key) => {
    const reached = at(from)
    expect(values(reached.last)).toContain('back')

    const { state, last } = run([press('back')], { state: reached.state })

    expect(state.step).toBe(to)
    expect(keys(last)[0]).toBe(key)
    expect(state.draft).toEqual(reached.state.draft)
  })

  it('when "back" is pressed at the street of a one-settlement city, then the district is asked', () => {
    const { state } = run([...routeTo('report.district'), press('dist:grodno'), press('back')])
    expect(state.step).toBe('report.district')
  })

  it('when "back" is pressed after a photo, then the description is asked and the photo stays in the draft', () => {
    const { state } = run([...routeTo('report.photos'), photo('p1'), press('back')])
    expect(state.step).toBe('report.description')
    expect(state.draft?.photos).toEqual([aPhoto('p1')])
  })

  it.each([
    'report.top-category',
    'report.district',
    'report.confirm-address',
    'report.phone-offer',
    'report.summary',
  ] as const)('when the step %s is shown, then it offers no back button', (target) => {
    expect(values(at(target).last)).not.toContain('back')
  })
})

describe('editing from the summary', () => {
  const summary = at('report.summary')

  it('when "edit" is pressed, then the fields are offered', () => {
    const { state, last } = run([press('edit')], { state: summary.state })

    expect(state.step).toBe('report.edit')
    expect(keys(last)).toEqual(['report.ask-edit'])
    expect(values(last)).toEqual([
      'edit:category',
      'edit:address',
      'edit:description',
      'edit:photos',
      'edit:phone',
      'back',
    ])
  })

  it('when the category is edited, then the new one is chosen and the summary comes back at once', () => {
    const r = run([press('edit'), press('edit:category'), press('top:water'), press('cat:water.burst-pipe')], {
      state: summary.state,
    })

    expect(r.outputs.map((t) => t.state.step)).toEqual([
      'report.edit',
      'report.top-category',
      'report.category',
      'report.summary',
    ])
    expect(r.state.draft).toMatchObject({
      topCategoryCode: 'water',
      categoryCode: 'water.burst-pipe',
      districtCode: 'lida',
      street: STREET,
      editing: false,
    })
    expect(line(r.last, 'report.summary.category').params).toMatchObject({
      category: { localized: { ru: 'Прорыв трубы' } },
    })
  })

  it('when the category is edited and "back" is pressed on the leaves, then the top categories are shown again', () => {
    const { state } = run([press('edit'), press('edit:category'), press('top:water'), press('back')], {
      state: summary.state,
    })
    expect(state.step).toBe('report.top-category')
  })

  it('when the address is edited, then district, street, house, flat and confirmation are asked and the summary comes back', () => {
    const r = run(
      [
        press('edit'),
        press('edit:address'),
        press('dist:grodno'),
        typed('ул. Ожешко'),
        typed('22'),
        press('skip'),
        press('yes'),
      ],
      { state: summary.state },
    )

    expect(r.outputs.map((t) => t.state.step)).toEqual([
      'report.edit',
      'report.district',
      'report.street',
      'report.house',
      'report.flat',
      'report.confirm-address',
      'report.summary',
    ])
    expect(r.state.draft).toMatchObject({
      districtCode: 'grodno',
      settlementCode: 'grodno.grodno',
      street: 'ул. Ожешко',
      house: '22',
      flat: null,
      description: DESCRIPTION,
      editing: false,
    })
    expect(line(r.last, 'report.summary.address').params).toEqual({ address: 'Гродно, ул. Ожешко, 22' })
  })

  it('when the address is edited in a district with settlements, then the settlement is asked too', () => {
    const r = run(
      [
        press('edit'),
        press('edit:address'),
        press('dist:shchuchin'),
        press('stl:shchuchin.rozhanka'),
        typed('ул. Мира'),
        typed('3'),
        typed('кв. 1'),
        press('yes'),
      ],
      { state: summary.state },
    )

    expect(r.state.step).toBe('report.summary')
    expect(line(r.last, 'report.summary.address').params).toEqual({ address: 'Рожанка, ул. Мира, 3, кв. 1' })
  })

  it('when the description is edited, then the new one is asked and the summary comes back', () => {
    const r = run([press('edit'), press('edit:description'), typed('Батареи холодные уже неделю')], {
      state: summary.state,
    })

    expect(nth(r, 1).state.step).toBe('report.description')
    expect(r.state.step).toBe('report.summary')
    expect(r.state.draft).toMatchObject({ description: 'Батареи холодные уже неделю', editing: false })
  })

  it('when the photos are edited, then they start over and "done" leads back to the summary', () => {
    const withPhoto = run([...routeTo('report.photos'), photo('old'), press('done'), press('skip')])
    const r = run([press('edit'), press('edit:photos'), photo('new'), press('done')], { state: withPhoto.state })

    expect(nth(r, 1).state.step).toBe('report.photos')
    expect(keys(nth(r, 1))).toEqual(['report.ask-photos'])
    expect(r.state.step).toBe('report.summary')
    expect(r.state.draft?.photos).toEqual([aPhoto('new')])
    expect(r.state.draft?.editing).toBe(false)
  })

  it('when the photos are edited and "skip" is pressed, then the summary comes back without photos', () => {
    const r = run([press('edit'), press('edit:photos'), press('skip')], { state: summary.state })
    expect(r.state.step).toBe('report.summary')
    expect(r.state.draft?.photos).toEqual([])
  })

  it('when the photos are edited and the third photo arrives, then the summary comes back at once', () => {
    const r = run([press('edit'), press('edit:photos'), photo('a'), photo('b'), photo('c')], { state: summary.state })
    expect(r.state.step).toBe('report.summary')
    expect(line(r.last, 'report.summary.photos').params).toEqual({ count: 3 })
  })

  it('when the phone is edited, then the offer, consent and contact are asked and the summary shows the phone', () => {
    const r = run([press('edit'), press('edit:phone'), press('share'), press('agree'), contact('+375291234567')], {
      state: summary.state,
    })

    expect(r.outputs.map((t) => t.state.step)).toEqual([
      'report.edit',
      'report.phone-offer',
      'report.consent',
      'report.phone',
      'report.summary',
    ])
    expect(line(r.last, 'report.summary.phone').params).toEqual({ phone: '+375291234567' })
  })

  it('when an edited report is sent, then the submitted draft has the edits', () => {
    const r = run([press('edit'), press('edit:description'), typed('Батареи холодные уже неделю'), press('send')], {
      state: summary.state,
    })
    expect(theCommand(r.last, 'submit').draft).toMatchObject({
      id: 'draft-1',
      description: 'Батареи холодные уже неделю',
      street: STREET,
      house: HOUSE,
      flat: FLAT,
      duplicatesSeen: false,
    })
  })
})

describe('the cancel button', () => {
  // Every report prompt offers a "cancel" button (value 'cancel'), but report-flow.ts onChoice has no case
  // for it: the value falls through to whatever the step does with a button.
  it.todo(
    'BUG: when "cancel" is pressed at report.summary, then the draft is dropped and the menu shown — actually the report is SENT (check-before-send + submit)',
  )
  it.todo(
    'BUG: when "cancel" is pressed at report.duplicate, then the draft is dropped — actually it is submitted with duplicatesSeen true ("file anyway")',
  )
  it.todo(
    'BUG: when "cancel" is pressed at report.top-category, then the menu is shown — actually report.category with topCategoryCode "" and no categories',
  )
  it.todo(
    'BUG: when "cancel" is pressed at report.district, then the menu is shown — actually report.settlement with districtCode "" and no settlements',
  )
  it.todo(
    'BUG: when "cancel" is pressed at report.settlement, then the menu is shown — actually report.street with settlementCode ""',
  )
  it.todo('BUG: when "cancel" is pressed at report.flat, then the menu is shown — actually it skips the flat')
  it.todo('BUG: when "cancel" is pressed at report.photos, then the menu is shown — actually it skips/finishes photos')
  it.todo(
    'BUG: when "cancel" is pressed at report.category, report.street, report.house or report.description, then the menu is shown — actually "common.stale-button" and the same question',
  )
})

describe('questionable edits', () => {
  it.todo(
    'QUESTIONABLE: summary → edit → edit:photos → back → (description typed again) → summary: the photos the draft had are gone, though the resident backed out of editing them (edit:photos clears them on entry)',
  )
  it.todo(
    'QUESTIONABLE: summary → edit → edit:phone → skip (or → share → decline) leaves draft.editing true at the summary (goTo, not next), and the submitted draft carries editing: true',
  )
})
