import { describe, expect, it } from 'vitest'
import type { RoutableStep, Run } from './fixtures.js'
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

  if (reached.state.draft?.categoryCode == null)
    it('when "menu:report" is pressed before a category is chosen, then a new report starts from the top with a new draft', () => {
      const { state } = run([press('menu:report')], {
        state: reached.state,
        context: ctx({ newDraftId: 'draft-2' }),
      })
      expect(state.step).toBe('report.top-category')
      expect(state.draft).toMatchObject({ id: 'draft-2', categoryCode: null, districtCode: null })
    })
  else
    it('when "menu:report" is pressed once a category is chosen, then the kept draft is offered to resume or start anew', () => {
      const { state, last } = run([press('menu:report')], {
        state: reached.state,
        context: ctx({ newDraftId: 'draft-2' }),
      })
      expect(state.step).toBe('report.resume')
      expect(keys(last)).toEqual(['report.ask-resume'])
      expect(values(last)).toEqual(['resume', 'new'])
      expect(state.draft).toEqual(reached.state.draft)
      expect(last.commands).toEqual([])
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

  it('when the category is edited and "back" is pressed on the leaves, then the summary comes back with the category as it was', () => {
    const { state, last } = run([press('edit'), press('edit:category'), press('top:water'), press('back')], {
      state: summary.state,
    })
    expect(state.step).toBe('report.summary')
    expect(state.draft).toMatchObject({ categoryCode: 'heating.no-heat', editing: false })
    expect(line(last, 'report.summary.category').params).toMatchObject({
      category: { localized: { ru: 'Холодные батареи' } },
    })
  })

  it.each([
    ['the description', 'edit:description'],
    ['the photos', 'edit:photos'],
  ])(
    'when %s is being edited and "back" is pressed, then the summary comes back with the draft unchanged',
    (_label, field) => {
      const editing = run([press('edit'), press(field)], { state: summary.state })
      expect(editing.state.draft?.editing).toBe(true)

      const { state, last } = run([press('back')], { state: editing.state })

      expect(state.step).toBe('report.summary')
      expect(keys(last)[0]).toBe('report.summary.title')
      expect(state.draft).toEqual(summary.state.draft)
    },
  )

  it('when the address is being edited and "back" is pressed at the street, then the summary comes back (not the district)', () => {
    const { state } = run(
      [press('edit'), press('edit:address'), press('dist:lida'), press('stl:lida.lida'), press('back')],
      {
        state: summary.state,
      },
    )
    expect(state.step).toBe('report.summary')
    expect(state.draft).toEqual(summary.state.draft)
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

  describe('with a photo in the draft', () => {
    const withPhoto = run([...routeTo('report.photos'), photo('old'), press('done'), press('skip')])

    it('when the photos are edited, then the photos are kept, counted, and "done" and "clear" are offered', () => {
      const { state, last } = run([press('edit'), press('edit:photos')], { state: withPhoto.state })

      expect(state.step).toBe('report.photos')
      expect(keys(last)).toEqual(['report.photo-received'])
      expect(line(last, 'report.photo-received').params).toEqual({ count: 1, max: 3 })
      expect(values(last)).toEqual(['done', 'clear-photos', 'back', 'cancel'])
      expect(state.draft?.photos).toEqual([aPhoto('old')])
    })

    it('when the photos are edited and a photo is added, then "done" leads back to the summary with both', () => {
      const r = run([press('edit'), press('edit:photos'), photo('new'), press('done')], { state: withPhoto.state })

      expect(r.state.step).toBe('report.summary')
      expect(r.state.draft?.photos).toEqual([aPhoto('old'), aPhoto('new')])
      expect(r.state.draft?.editing).toBe(false)
      expect(line(r.last, 'report.summary.photos').params).toEqual({ count: 2 })
    })

    it('when "clear" is pressed, then the photos are dropped and asked again, and a new one replaces them', () => {
      const r = run([press('edit'), press('edit:photos'), press('clear-photos'), photo('new'), press('done')], {
        state: withPhoto.state,
      })

      expect(nth(r, 2).state.step).toBe('report.photos')
      expect(nth(r, 2).state.draft?.photos).toEqual([])
      expect(keys(nth(r, 2))).toEqual(['report.ask-photos'])
      expect(values(nth(r, 2))).toEqual(['skip', 'back', 'cancel'])
      expect(r.state.step).toBe('report.summary')
      expect(r.state.draft?.photos).toEqual([aPhoto('new')])
    })

    it('when "clear" and then "skip" are pressed, then the summary comes back without photos', () => {
      const r = run([press('edit'), press('edit:photos'), press('clear-photos'), press('skip')], {
        state: withPhoto.state,
      })

      expect(r.state.step).toBe('report.summary')
      expect(r.state.draft?.photos).toEqual([])
      expect(line(r.last, 'report.summary.photos').params).toEqual({ count: 0 })
    })

    it('when the photos are edited and "back" is pressed, then the summary comes back with the photos kept', () => {
      const r = run([press('edit'), press('edit:photos'), press('back')], { state: withPhoto.state })

      expect(r.state.step).toBe('report.summary')
      expect(r.state.draft).toEqual(withPhoto.state.draft)
      expect(line(r.last, 'report.summary.photos').params).toEqual({ count: 1 })
    })
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
    expect(r.state.draft?.editing).toBe(false)
  })

  it.each([
    ['"skip" is pressed at the offer', ['skip']],
    ['consent is declined', ['share', 'decline']],
    ['"skip" is pressed at the contact', ['share', 'agree', 'skip']],
  ])('when the phone is edited and %s, then the summary comes back no longer editing', (_label, presses) => {
    const r = run([press('edit'), press('edit:phone'), ...presses.map(press), press('send')], {
      state: summary.state,
    })

    expect(nth(r, -2).state.step).toBe('report.summary')
    expect(nth(r, -2).state.draft).toMatchObject({ phone: null, editing: false })
    expect(theCommand(r.last, 'submit').draft.editing).toBe(false)
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
  const OFFERING_CANCEL: RoutableStep[] = [
    'report.top-category',
    'report.category',
    'report.district',
    'report.settlement',
    'report.street',
    'report.house',
    'report.flat',
    'report.description',
    'report.photos',
    'report.summary',
  ]
  const WITHOUT_CANCEL = REPORT_STEPS.filter((s) => !OFFERING_CANCEL.includes(s))

  /** "cancel" pressed on `reached`: the draft dropped, the menu shown, nothing sent. */
  function expectCancelled(reached: Run): void {
    expect(values(reached.last)).toContain('cancel')

    const { state, last } = run([press('cancel')], { state: reached.state })

    expect(keys(last)).toEqual(['common.cancelled', 'menu.title'])
    expect(values(last)).toEqual(MENU_VALUES)
    expect(state.step).toBe('idle')
    expect(state.draft).toBeNull()
    expect(last.commands).toEqual([])
  }

  it.each(OFFERING_CANCEL)('when "cancel" is pressed at %s, then the draft is dropped and the menu shown', (target) => {
    expectCancelled(at(target))
  })

  it.each(WITHOUT_CANCEL)('when "cancel" is pressed at %s, which does not offer it, then it is stale', (target) => {
    const reached = at(target)
    expect(values(reached.last)).not.toContain('cancel')

    const after = run([press('cancel')], { state: reached.state })
    expect(keys(after.last)[0]).toBe('common.stale-button')
    expect(after.state).toEqual(reached.state)
  })

  it('when "cancel" is pressed at the photos after a photo, then the draft is dropped (the photos are not finished)', () => {
    expectCancelled(run([...routeTo('report.photos'), photo('p1')]))
  })

  it('when "cancel" is pressed while a field is edited from the summary, then the draft is dropped', () => {
    expectCancelled(run([...routeTo('report.summary'), press('edit'), press('edit:description')]))
  })

  it('when a report is cancelled and "report" is pressed again, then a new report starts without asking to resume', () => {
    const cancelled = run([...routeTo('report.summary'), press('cancel')])
    const { state, last } = run([press('menu:report')], {
      state: cancelled.state,
      context: ctx({ newDraftId: 'draft-2' }),
    })

    expect(state.step).toBe('report.top-category')
    expect(keys(last)).toEqual(['report.ask-category'])
    expect(state.draft).toMatchObject({ id: 'draft-2', categoryCode: null })
  })
})

describe('a kept draft', () => {
  const midway = at('report.street')
  const complete = at('report.summary')

  it.each([
    ['"report" is pressed', press('menu:report')],
    ['/report is sent', command('report')],
    ['/new is sent', command('new')],
  ])('when %s with a draft that has a category, then resuming it or starting anew is asked', (_label, input) => {
    const { state, last } = run([input], { state: complete.state })

    expect(state.step).toBe('report.resume')
    expect(keys(last)).toEqual(['report.ask-resume'])
    expect(prompt(last).prompt).toEqual({
      kind: 'choices',
      choices: [
        { value: 'resume', label: { key: 'report.button.resume' } },
        { value: 'new', label: { key: 'report.button.new-draft' } },
      ],
    })
    expect(state.draft).toEqual(complete.state.draft)
    expect(last.commands).toEqual([])
  })

  it('when "resume" is pressed and the draft has a description, then the summary is shown with the draft as it was', () => {
    const { state, last } = run([press('menu:report'), press('resume')], { state: complete.state })

    expect(state.step).toBe('report.summary')
    expect(keys(last)[0]).toBe('report.summary.title')
    expect(values(last)).toEqual(['send', 'edit', 'cancel'])
    expect(state.draft).toEqual(complete.state.draft)
  })

  it('when a resumed draft is sent, then it is submitted under its own id', () => {
    const { last } = run([press('menu:report'), press('resume'), press('send')], {
      state: complete.state,
      context: ctx({ newDraftId: 'draft-2' }),
    })
    expect(theCommand(last, 'submit').draft).toEqual(complete.state.draft)
  })

  it('when "resume" is pressed and the draft has no description yet, then the category is asked with the draft kept', () => {
    const { state, last } = run([press('menu:report'), press('resume')], { state: midway.state })

    expect(state.step).toBe('report.top-category')
    expect(keys(last)).toEqual(['report.ask-category'])
    expect(state.draft).toEqual(midway.state.draft)
  })

  it('when a draft without a description is resumed, then the answers given are kept on the way through', () => {
    const { state } = run([press('menu:report'), press('resume'), press('top:heating'), press('cat:heating.no-heat')], {
      state: midway.state,
    })

    // the district of the draft is kept: its settlement is asked, not the district
    expect(state.step).toBe('report.settlement')
    expect(state.draft).toMatchObject({ id: 'draft-1', districtCode: 'lida', categoryCode: 'heating.no-heat' })
  })

  it('when "new" is pressed, then a fresh draft with a new id starts from the top', () => {
    const { state, last } = run([press('menu:report'), press('new')], {
      state: complete.state,
      context: ctx({ newDraftId: 'draft-2' }),
    })

    expect(state.step).toBe('report.top-category')
    expect(keys(last)).toEqual(['report.ask-category'])
    expect(state.draft).toMatchObject({ id: 'draft-2', categoryCode: null, districtCode: null, description: null })
  })

  it('when "report" is pressed after a report was sent, then a new report starts without asking', () => {
    const sent = run([press('send')], { state: complete.state })
    expect(sent.state.draft).toBeNull()

    const { state } = run([press('menu:report')], { state: sent.state, context: ctx({ newDraftId: 'draft-2' }) })
    expect(state.step).toBe('report.top-category')
    expect(state.draft?.id).toBe('draft-2')
  })
})

describe('edits that go wrong half-way', () => {
  const summary = at('report.summary')
  const withThree = run([...routeTo('report.photos'), photo('a'), photo('b'), photo('c'), press('skip')])

  it('when a fourth photo arrives while editing three, then it is refused and the three are kept', () => {
    expect(withThree.state.step).toBe('report.summary')
    const r = run([press('edit'), press('edit:photos'), photo('d')], { state: withThree.state })
    expect(keys(r.last)).toContain('report.error.too-many-photos')
    expect(r.state.step).toBe('report.photos')
    expect(r.state.draft?.photos).toHaveLength(3)
  })

  it('when an address edit is abandoned with "back", then the summary shows the address as it was', () => {
    const r = run([press('edit'), press('edit:address'), press('dist:grodno'), press('back')], { state: summary.state })
    expect(r.state.step).toBe('report.summary')
    expect(r.state.draft).toMatchObject({
      districtCode: 'lida',
      settlementCode: 'lida.lida',
      street: STREET,
      editing: false,
      backup: null,
    })
  })

  it('when a category edit is abandoned with "back", then the category is as it was', () => {
    const r = run([press('edit'), press('edit:category'), press('top:water'), press('back')], { state: summary.state })
    expect(r.state.draft).toMatchObject({ topCategoryCode: 'heating', categoryCode: 'heating.no-heat' })
  })
})
