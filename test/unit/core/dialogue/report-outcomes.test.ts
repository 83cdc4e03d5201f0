import { describe, expect, it } from 'vitest'
import type { Answers } from './fixtures.js'
import {
  LIDA_CENTRE,
  MENU_VALUES,
  SENT_OK,
  aNotice,
  aPhoto,
  aSummary,
  at,
  command,
  ctx,
  keys,
  line,
  location,
  nth,
  photo,
  press,
  prompt,
  run,
  submitError,
  theCommand,
  typed,
  unsupported,
  values,
} from './fixtures.js'

const DUPLICATES: Answers = {
  'check-before-send': () => ({
    type: 'checked',
    duplicates: [
      // The neighbours' flats: a neighbour must never be shown them.
      aSummary({ id: 41, number: 'GR-26-004217', addressText: 'Лида, ул. Советская, 5, кв. 99' }),
      aSummary({ id: 42, number: 'GR-26-004218', status: 'new', addressText: 'Лида, ул. Советская, 5, кв. 3' }),
    ],
    notices: [],
  }),
}

describe('an open request at the same address', () => {
  const summary = at('report.summary')
  const found = run([press('send')], { state: summary.state, answers: DUPLICATES })

  it('when the check finds open requests, then they are listed with a follow button each and nothing is submitted', () => {
    expect(found.state.step).toBe('report.duplicate')
    expect(keys(found.last)).toEqual(['report.duplicate-found', 'report.duplicate-item', 'report.duplicate-item'])
    expect(line(found.last, 'report.duplicate-item').params).toEqual({
      number: 'GR-26-004217',
      status: { text: { key: 'status.in_progress' } },
      address: 'Лида, ул. Советская, 5',
      category: { localized: { ru: 'Холодные батареи', be: 'Халодныя батарэі', en: 'No heat' } },
      created: { datetime: '2026-01-12T08:30:00.000Z' },
    })
    expect(values(found.last)).toEqual(['follow:41', 'follow:42', 'file-anyway', 'cancel'])
    expect(found.last.commands.map((c) => c.type)).toEqual(['check-before-send'])
    expect(found.state.draft?.id).toBe('draft-1')
  })

  it('when the check finds open requests, then the offered ones are kept in the draft to ask again', () => {
    expect(found.state.draft).toEqual({
      ...summary.state.draft,
      offered: [
        { id: 41, number: 'GR-26-004217', status: 'in_progress', createdAt: '2026-01-12T08:30:00.000Z' },
        { id: 42, number: 'GR-26-004218', status: 'new', createdAt: '2026-01-12T08:30:00.000Z' },
      ],
      noticeShown: false,
    })
  })

  it('when a neighbour is offered the open requests, then neither their flats nor their own flat show, only the house', () => {
    const shown = JSON.stringify(found.last.messages)
    expect(shown).not.toContain('кв. 99')
    expect(shown).not.toContain('кв. 3')
    expect(shown).not.toContain('кв. 17')
  })

  it('when "file anyway" is pressed, then the draft is submitted marked as having seen the duplicates', () => {
    const { state, last } = run([press('file-anyway')], { state: found.state })

    expect(theCommand(last, 'submit').draft).toEqual({ ...found.state.draft, duplicatesSeen: true })
    expect(keys(last)).toEqual(['report.sent', 'report.sent-how-to-check', 'menu.title'])
    expect(state.draft).toBeNull()
  })

  it('when a draft that has seen the duplicates is checked again and they are still there, then it is submitted without asking', () => {
    const draft = summary.state.draft
    if (!draft) throw new Error('the summary holds a draft')
    const { state, last } = run([press('send')], {
      state: { ...summary.state, draft: { ...draft, duplicatesSeen: true } },
      answers: DUPLICATES,
    })

    expect(last.commands.map((c) => c.type)).toEqual(['check-before-send', 'submit'])
    expect(keys(last)).not.toContain('report.duplicate-found')
    expect(state.step).not.toBe('report.duplicate')
  })

  it('when "follow" is pressed, then that request is followed, the draft dropped and the resident told', () => {
    const { state, last } = run([press('follow:42')], {
      state: found.state,
      answers: { follow: (c) => ({ type: 'followed', number: c.requestId === 42 ? 'GR-26-004218' : null }) },
    })

    expect(last.commands).toEqual([{ type: 'follow', requestId: 42 }])
    expect(keys(last)).toEqual(['report.followed', 'menu.title'])
    expect(line(last, 'report.followed').params).toEqual({ number: 'GR-26-004218' })
    expect(state.draft).toBeNull()
    expect(state.step).toBe('idle')
  })

  it('when "follow" comes with an id that was not offered (a forged button), then nothing is followed and the draft stays', () => {
    const { state, last } = run([press('follow:99')], { state: found.state })

    expect(last.commands).toEqual([])
    expect(keys(last)).toContain('common.stale-button')
    expect(state.draft).toEqual(found.state.draft)
    expect(state.step).toBe('report.duplicate')
  })

  it('when the followed request is gone, then "not found" is said', () => {
    const { last } = run([press('follow:41')], {
      state: found.state,
      answers: { follow: () => ({ type: 'followed', number: null }) },
    })
    expect(keys(last)).toEqual(['status.not-found', 'menu.title'])
  })

  it('when /cancel is sent, then the draft is dropped and nothing is submitted', () => {
    const { state, last } = run([{ type: 'command', name: 'cancel', args: '' }], { state: found.state })

    expect(keys(last)).toEqual(['common.cancelled', 'menu.title'])
    expect(last.commands).toEqual([])
    expect(state.draft).toBeNull()
  })

  it('when a follow button not offered is pressed, then it is stale and nothing is followed', () => {
    const { last } = run([press('follow:99')], { state: found.state })
    expect(keys(last)[0]).toBe('common.stale-button')
    expect(last.commands).toEqual([])
  })

  it.each([
    ['a button that was not offered', press('follow:99'), 'common.stale-button'],
    ['text', typed('да'), 'common.use-buttons'],
    ['a sticker', unsupported('sticker'), 'common.unexpected.sticker'],
    ['a photo', photo('p1'), 'common.unexpected.photo'],
    ['a location', location(LIDA_CENTRE), 'common.unexpected.location'],
  ])(
    'when %s arrives at the duplicate question, then it is explained and the question asked again',
    (_label, input, explanation) => {
      const { state, last } = run([input], { state: found.state })

      expect(keys(last)).toEqual([
        explanation,
        'report.duplicate-found',
        'report.duplicate-item',
        'report.duplicate-item',
      ])
      expect(prompt(last)).toEqual(prompt(found.last))
      expect(values(last)).toEqual(['follow:41', 'follow:42', 'file-anyway', 'cancel'])
      expect(state).toEqual(found.state)
      expect(last.commands).toEqual([])
    },
  )

  it('when the duplicate question was asked again, then its buttons still work', () => {
    const { state, last } = run([typed('что?'), press('follow:41')], { state: found.state })

    expect(last.commands).toEqual([{ type: 'follow', requestId: 41 }])
    expect(keys(last)).toEqual(['report.followed', 'menu.title'])
    expect(state.draft).toBeNull()
  })

  it('when "cancel" is pressed at the duplicate question, then the draft is dropped and nothing is submitted', () => {
    const { state, last } = run([press('cancel')], { state: found.state })

    expect(keys(last)).toEqual(['common.cancelled', 'menu.title'])
    expect(values(last)).toEqual(MENU_VALUES)
    expect(last.commands).toEqual([])
    expect(state.draft).toBeNull()
    expect(state.step).toBe('idle')
  })

  it('when more than three duplicates are found, then only the first three are listed and offered', () => {
    const many = run([press('send')], {
      state: summary.state,
      answers: {
        'check-before-send': () => ({
          type: 'checked',
          duplicates: [1, 2, 3, 4].map((id) => aSummary({ id, number: `GR-26-00000${id}` })),
          notices: [],
        }),
      },
    })
    expect(values(many.last)).toEqual(['follow:1', 'follow:2', 'follow:3', 'file-anyway', 'cancel'])
    expect(keys(many.last).filter((k) => k === 'report.duplicate-item')).toHaveLength(3)
  })

  it('when only an outage notice covers the address, then the notice is shown and the resident asked whether to file', () => {
    const { state, last } = run([press('send')], {
      state: summary.state,
      answers: { 'check-before-send': () => ({ type: 'checked', duplicates: [], notices: [aNotice()] }) },
    })

    expect(state.step).toBe('report.duplicate')
    expect(keys(last)).toEqual(['notice.kind.planned_outage', 'notice.body', 'notice.until', 'report.notice-covers'])
    expect(line(last, 'notice.until').params).toEqual({ until: { datetime: '2026-01-13T18:00:00.000Z' } })
    expect(values(last)).toEqual(['file-anyway', 'cancel'])
    expect(state.draft).toMatchObject({ offered: [], noticeShown: true })
  })

  it('when wrong input arrives at the notice question, then the question (without the notice) is asked again', () => {
    const asked = run([press('send')], {
      state: summary.state,
      answers: { 'check-before-send': () => ({ type: 'checked', duplicates: [], notices: [aNotice()] }) },
    })
    const { state, last } = run([typed('и что?')], { state: asked.state })

    expect(keys(last)).toEqual(['common.use-buttons', 'report.notice-covers'])
    expect(values(last)).toEqual(['file-anyway', 'cancel'])
    expect(state).toEqual(asked.state)
  })

  it('when both a notice and open requests are found, then the notice comes first and the requests are offered', () => {
    const { state, last } = run([press('send')], {
      state: summary.state,
      answers: {
        'check-before-send': () => ({ type: 'checked', duplicates: [aSummary()], notices: [aNotice()] }),
      },
    })

    expect(keys(last)).toEqual([
      'notice.kind.planned_outage',
      'notice.body',
      'notice.until',
      'report.duplicate-found',
      'report.duplicate-item',
    ])
    expect(values(last)).toEqual(['follow:41', 'file-anyway', 'cancel'])
    expect(state.draft).toMatchObject({ noticeShown: true, offered: [{ id: 41 }] })
  })

  it('when the notice has no end, then it says the end is not known', () => {
    const { last } = run([press('send')], {
      state: summary.state,
      answers: {
        'check-before-send': () => ({
          type: 'checked',
          duplicates: [],
          notices: [aNotice({ kind: 'emergency_outage', endsAt: null })],
        }),
      },
    })
    expect(keys(last).slice(0, 3)).toEqual(['notice.kind.emergency_outage', 'notice.body', 'notice.until-unknown'])
  })
})

describe('categories that are not filed here', () => {
  it('when a gas smell is chosen, then the resident is told to call 104 at once and no draft is kept', () => {
    const { state, last } = run([press('menu:report'), press('top:gas'), press('cat:gas.smell')])

    expect(keys(last)).toEqual(['report.hard-stop', 'menu.title'])
    expect(line(last, 'report.hard-stop').params).toEqual({
      message: { localized: { ru: 'Выйдите из помещения.', be: 'Выйдзіце з памяшкання.', en: 'Leave the premises.' } },
      phone: '104',
    })
    expect(values(last)).toEqual(MENU_VALUES)
    expect(state.draft).toBeNull()
    expect(state.step).toBe('idle')
    expect(last.commands).toEqual([])
  })

  it('when noise is chosen, then it is not ours and the police number is given', () => {
    const { state, last } = run([press('menu:report'), press('top:other'), press('cat:other.noise')])

    expect(keys(last)).toEqual(['report.not-our-competence-phone', 'menu.title'])
    expect(line(last, 'report.not-our-competence-phone').params).toEqual({
      guidance: { localized: { ru: 'Обратитесь в милицию.', be: 'Звярніцеся ў міліцыю.', en: 'Call the police.' } },
      phone: '102',
    })
    expect(state.draft).toBeNull()
    expect(last.commands).toEqual([])
  })

  it('when stray animals are chosen, then it is not ours and only the guidance is given', () => {
    const { state, last } = run([press('menu:report'), press('top:other'), press('cat:other.stray-animals')])

    expect(keys(last)).toEqual(['report.not-our-competence', 'menu.title'])
    expect(line(last, 'report.not-our-competence').params).toEqual({
      guidance: {
        localized: {
          ru: 'Обратитесь в райисполком.',
          be: 'Звярніцеся ў райвыканкам.',
          en: 'Ask the district council.',
        },
      },
    })
    expect(state.draft).toBeNull()
  })

  it('when the category is edited to a hard-stop one, then the draft is dropped', () => {
    const summary = at('report.summary')
    const { state, last } = run([press('edit'), press('edit:category'), press('top:gas'), press('cat:gas.smell')], {
      state: summary.state,
    })
    expect(keys(last)[0]).toBe('report.hard-stop')
    expect(state.draft).toBeNull()
  })
})

describe('a refused submission', () => {
  const summary = at('report.summary')

  it('when the resident sent too many requests this hour, then they are told and the draft is kept', () => {
    const { state, last } = run([press('send')], {
      state: summary.state,
      answers: { submit: () => submitError('rate-limited') },
    })

    expect(keys(last)).toEqual(['report.error.rate-limited', 'menu.title'])
    expect(state.step).toBe('idle')
    expect(state.draft).toEqual(summary.state.draft)
  })

  it('when a photo is required, then the photos step is asked with the reason and takes a photo', () => {
    const refused = run([press('send')], {
      state: summary.state,
      answers: { submit: () => submitError('photo-required') },
    })

    expect(refused.state.step).toBe('report.photos')
    expect(keys(refused.last)).toEqual(['report.error.photo-required', 'report.ask-photos'])
    expect(refused.state.draft?.id).toBe('draft-1')

    const fixed = run([photo('p1')], { state: refused.state })
    expect(fixed.state.step).toBe('report.photos')
    expect(fixed.state.draft?.photos).toHaveLength(1)
  })

  it.each(['description-too-short', 'description-too-long'])(
    'when the service says %s, then the description is asked again',
    (error) => {
      const { state, last } = run([press('send')], {
        state: summary.state,
        answers: { submit: () => submitError(error) },
      })

      expect(state.step).toBe('report.description')
      expect(keys(last)).toEqual([`report.error.${error}`, 'report.ask-description'])
    },
  )

  it.each([
    ['unknown-category', 'report.top-category'],
    ['unknown-district', 'report.district'],
    ['address-required', 'report.district'],
    ['too-many-photos', 'report.photos'],
  ])('when the service says %s, then %s is asked', (error, target) => {
    const { state } = run([press('send')], { state: summary.state, answers: { submit: () => submitError(error) } })
    expect(state.step).toBe(target)
  })

  it('when the service says the category is a hard stop, then the number is given and the draft dropped', () => {
    const { state, last } = run([press('send')], {
      state: summary.state,
      answers: { submit: () => submitError('hard-stop', '104') },
    })

    expect(keys(last)).toEqual(['report.error.hard-stop', 'menu.title'])
    expect(line(last, 'report.error.hard-stop').params).toEqual({ phone: '104' })
    expect(state.draft).toBeNull()
  })

  it('when a check result arrives with no draft (cancelled meanwhile), then only the menu is shown', () => {
    const { last } = run([{ type: 'result', result: { type: 'checked', duplicates: [], notices: [] } }])
    expect(keys(last)).toEqual(['menu.title'])
    expect(last.commands).toEqual([])
  })

  it.each([
    ['photo-required', 'report.photos'],
    ['too-many-photos', 'report.photos'],
    ['photo-too-large', 'report.photos'],
    ['description-too-short', 'report.description'],
    ['description-too-long', 'report.description'],
    ['unknown-category', 'report.top-category'],
    ['category-is-a-group', 'report.top-category'],
    ['unknown-district', 'report.district'],
    ['address-required', 'report.district'],
  ])('when the service says %s, then the draft is marked as being edited at %s', (error, target) => {
    const { state } = run([press('send')], { state: summary.state, answers: { submit: () => submitError(error) } })

    expect(state.step).toBe(target)
    expect(state.draft).toEqual({ ...summary.state.draft, editing: true })
  })

  it('when a required photo is sent after the refusal, then "done" returns straight to the summary', () => {
    const r = run([press('send'), photo('p1'), press('done')], {
      state: summary.state,
      answers: { submit: () => submitError('photo-required') },
    })

    expect(r.outputs.map((t) => t.state.step)).toEqual(['report.photos', 'report.photos', 'report.summary'])
    expect(r.state.draft).toMatchObject({ photos: [aPhoto('p1')], editing: false })
    expect(line(r.last, 'report.summary.photos').params).toEqual({ count: 1 })
  })

  it('when the description is typed again after the refusal, then the summary comes back at once and sends it', () => {
    let refusals = 1
    const r = run([press('send'), typed('Батареи холодные уже неделю, весь подъезд'), press('send')], {
      state: summary.state,
      answers: {
        submit: () => {
          if (refusals === 0) return SENT_OK
          refusals -= 1
          return submitError('description-too-short')
        },
      },
    })

    expect(nth(r, 1).state.step).toBe('report.summary')
    expect(nth(r, 1).state.draft).toMatchObject({
      description: 'Батареи холодные уже неделю, весь подъезд',
      editing: false,
    })
    expect(theCommand(r.last, 'submit').draft).toMatchObject({
      description: 'Батареи холодные уже неделю, весь подъезд',
      editing: false,
    })
    expect(keys(r.last)).toEqual(['report.sent', 'report.sent-how-to-check', 'menu.title'])
  })

  it('when the category is chosen again after the refusal, then the summary comes back at once', () => {
    const r = run([press('send'), press('top:water'), press('cat:water.burst-pipe')], {
      state: summary.state,
      answers: { submit: () => submitError('unknown-category') },
    })

    expect(r.state.step).toBe('report.summary')
    expect(r.state.draft).toMatchObject({ categoryCode: 'water.burst-pipe', districtCode: 'lida', editing: false })
  })

  it('when the address is given again after the refusal, then the summary comes back after its confirmation', () => {
    const r = run(
      [press('send'), press('dist:grodno'), typed('ул. Ожешко'), typed('22'), press('skip'), press('yes')],
      { state: summary.state, answers: { submit: () => submitError('address-required') } },
    )

    expect(r.outputs.map((t) => t.state.step)).toEqual([
      'report.district',
      'report.street',
      'report.house',
      'report.flat',
      'report.confirm-address',
      'report.summary',
    ])
    expect(line(r.last, 'report.summary.address').params).toEqual({ address: 'Гродно, ул. Ожешко, 22' })
  })

  it('when "back" is pressed at the step of the refusal, then the summary comes back with the draft unchanged', () => {
    const { state } = run([press('send'), press('back')], {
      state: summary.state,
      answers: { submit: () => submitError('description-too-short') },
    })

    expect(state.step).toBe('report.summary')
    expect(state.draft).toEqual(summary.state.draft)
  })
})

describe('a draft kept after the hourly limit', () => {
  const summary = at('report.summary')
  const limited = run([press('send')], { state: summary.state, answers: { submit: () => submitError('rate-limited') } })

  it.each([
    ['"report" is pressed', press('menu:report')],
    ['/report is sent', command('report')],
  ])('when %s, then resuming the kept draft is offered', (_label, input) => {
    const { state, last } = run([input], { state: limited.state, context: ctx({ newDraftId: 'draft-2' }) })

    expect(state.step).toBe('report.resume')
    expect(keys(last)).toEqual(['report.ask-resume'])
    expect(values(last)).toEqual(['resume', 'new'])
    expect(state.draft).toEqual(summary.state.draft)
  })

  it('when it is resumed and sent later, then the same draft (same id) is submitted', () => {
    const { state, last } = run([press('menu:report'), press('resume'), press('send')], {
      state: limited.state,
      context: ctx({ newDraftId: 'draft-2' }),
    })

    expect(theCommand(last, 'submit').draft).toEqual(summary.state.draft)
    expect(keys(last)).toEqual(['report.sent', 'report.sent-how-to-check', 'menu.title'])
    expect(state.draft).toBeNull()
  })

  it('when a new report is chosen instead, then the kept draft is replaced by a fresh one', () => {
    const { state } = run([press('menu:report'), press('new')], {
      state: limited.state,
      context: ctx({ newDraftId: 'draft-2' }),
    })

    expect(state.step).toBe('report.top-category')
    expect(state.draft).toMatchObject({ id: 'draft-2', categoryCode: null, description: null })
  })
})
