import { describe, expect, it } from 'vitest'
import type { Answers } from './fixtures.js'
import { aCard, aSummary, command, keys, line, press, prompt, result, run, typed, values } from './fixtures.js'

const FIRST_PAGE = [
  aSummary({ id: 41, number: 'GR-26-004217' }),
  aSummary({ id: 42, number: 'GR-26-004218', status: 'done' }),
]
const SECOND_PAGE = [aSummary({ id: 12, number: 'GR-25-000012', status: 'closed' })]

const TWO_PAGES: Answers = {
  'list-requests': (c) =>
    c.page === 0
      ? { type: 'request-list', items: FIRST_PAGE, hasMore: true }
      : { type: 'request-list', items: SECOND_PAGE, hasMore: false },
}

describe('my requests', () => {
  it('when "my requests" is pressed, then the first page is asked for', () => {
    const { state, last } = run([press('menu:my')], { auto: false })

    expect(last.commands).toEqual([{ type: 'list-requests', page: 0, pageSize: 5 }])
    expect(last.messages).toEqual([])
    expect(state.page).toBe(0)
  })

  it('when a page with more after it comes back, then each request is a button and "next" is offered', () => {
    const { state, last } = run([press('menu:my')], { answers: TWO_PAGES })

    expect(state.step).toBe('my.list')
    expect(keys(last)).toEqual(['my.title'])
    expect(line(last, 'my.title').params).toEqual({ page: 1 })
    expect(values(last)).toEqual(['req:41', 'req:42', 'page:next', 'back'])
    const p = prompt(last).prompt
    expect(p.kind === 'choices' ? p.choices[1]?.label : null).toEqual({
      key: 'my.item',
      params: { number: 'GR-26-004218', status: { text: { key: 'status.done' } } },
    })
  })

  it('when "next" is pressed, then page 1 is asked for and shown with "previous"', () => {
    const { state, last } = run([press('menu:my'), press('page:next')], { answers: TWO_PAGES })

    expect(last.commands[0]).toEqual({ type: 'list-requests', page: 1, pageSize: 5 })
    expect(state.page).toBe(1)
    expect(line(last, 'my.title').params).toEqual({ page: 2 })
    expect(values(last)).toEqual(['req:12', 'page:prev', 'back'])
  })

  it('when "previous" is pressed on page 1, then page 0 is asked for', () => {
    const { state, last } = run([press('menu:my'), press('page:next'), press('page:prev')], { answers: TWO_PAGES })

    expect(last.commands[0]).toEqual({ type: 'list-requests', page: 0, pageSize: 5 })
    expect(state.page).toBe(0)
  })

  it('when the resident has no requests, then they are told so and shown the menu', () => {
    const { state, last } = run([press('menu:my')])

    expect(keys(last)).toEqual(['my.empty', 'menu.title'])
    expect(state.step).toBe('idle')
  })

  it('when a request is pressed, then its card is asked for by id and shown with list and back buttons', () => {
    const { state, last } = run([press('menu:my'), press('req:42')], {
      answers: { ...TWO_PAGES, 'show-request': () => ({ type: 'request-card', card: aCard() }) },
    })

    expect(last.commands[0]).toEqual({ type: 'show-request', by: { id: 42 } })
    expect(keys(last)).toEqual([
      'card.title',
      'card.category',
      'card.address',
      'card.organisation',
      'card.created',
      'card.deadline',
      'card.description',
      'card.history',
      'card.event-status',
      'card.event',
      'card.answer.question',
      'card.more',
    ])
    expect(line(last, 'card.title').params).toEqual({
      number: 'GR-26-004217',
      status: { text: { key: 'status.in_progress' } },
    })
    expect(last.messages[0]?.photos).toBeUndefined()
    expect(values(last)).toEqual(['page:same', 'back'])
    expect(state.step).toBe('my.list')
  })

  it('when the card has photos and no organisation, then the photos go with it and triage is said', () => {
    const { last } = run([press('menu:my'), press('req:41')], {
      answers: {
        ...TWO_PAGES,
        'show-request': () => ({
          type: 'request-card',
          card: aCard({
            photos: [{ telegramFileId: 'f1' }, { telegramFileId: 'f2' }],
            organisationName: null,
            history: [],
            answers: [],
          }),
        }),
      },
    })

    expect(last.messages[0]?.photos).toEqual([{ telegramFileId: 'f1' }, { telegramFileId: 'f2' }])
    expect(keys(last)).toContain('card.triage')
    expect(keys(last)).not.toContain('card.history')
  })

  it("when a follower opens a neighbour's card, then the description, photos and questions to the author stay hidden", () => {
    const { last } = run([press('menu:my'), press('req:41')], {
      answers: {
        ...TWO_PAGES,
        'show-request': () => ({
          type: 'request-card',
          card: aCard({
            own: false,
            photos: [{ telegramFileId: 'f1' }],
            answers: [
              { at: '2026-01-12T10:00:00.000Z', kind: 'question', body: 'Какой подъезд?' },
              { at: '2026-01-12T11:00:00.000Z', kind: 'official_answer', body: 'Починим завтра' },
            ],
          }),
        }),
      },
    })

    expect(keys(last)).not.toContain('card.description')
    expect(keys(last)).not.toContain('card.answer.question')
    expect(keys(last)).toContain('card.answer.official_answer')
    expect(keys(last)).toContain('card.event-status')
    expect(last.messages[0]?.photos).toBeUndefined()
  })

  it('when "to the list" is pressed on a card, then the same page is asked for again', () => {
    const { last } = run([press('menu:my'), press('page:next'), press('req:12'), press('page:same')], {
      answers: TWO_PAGES,
    })
    expect(last.commands[0]).toEqual({ type: 'list-requests', page: 1, pageSize: 5 })
  })

  it('when "back" is pressed on the list, then the menu is shown', () => {
    const { state, last } = run([press('menu:my'), press('back')], { answers: TWO_PAGES })
    expect(state.step).toBe('idle')
    expect(keys(last)).toEqual(['menu.title'])
  })

  it('when the card cannot be found, then "not found" is said', () => {
    const { state, last } = run([press('menu:my'), press('req:41')], {
      answers: { ...TWO_PAGES, 'show-request': () => ({ type: 'request-card', card: null }) },
    })
    expect(keys(last)).toEqual(['status.not-found', 'menu.title'])
    expect(state.step).toBe('idle')
  })

  it('when a request button from an older list is pressed, then it is stale', () => {
    const { last } = run([press('menu:my'), press('req:999')], { answers: TWO_PAGES })
    expect(keys(last)).toEqual(['common.stale-button', 'menu.title'])
    expect(last.commands).toEqual([])
  })

  it('when a later page comes back empty, then the list says so through its title and offers "previous"', () => {
    const { state, last } = run(
      [press('menu:my'), press('page:next'), result({ type: 'request-list', items: [], hasMore: false })],
      { answers: TWO_PAGES },
    )
    expect(state.step).toBe('my.list')
    expect(values(last)).toEqual(['page:prev', 'back'])
  })
})

describe('status by number', () => {
  it('when /status is sent with a number, then that request is looked up and its card shown', () => {
    const { state, last } = run([command('status', 'GR-26-004217')])

    expect(last.commands[0]).toEqual({ type: 'show-request', by: { number: 'GR-26-004217' } })
    expect(keys(last)[0]).toBe('card.title')
    expect(state.step).toBe('my.list')
  })

  it('when /status is sent with a sloppy number, then it is read in its canonical form', () => {
    const { last } = run([command('status', 'гр 26 4217')], { auto: false })
    expect(last.commands).toEqual([{ type: 'show-request', by: { number: 'GR-26-004217' } }])
  })

  it('when /status is sent alone, then the number is asked', () => {
    const { state, last } = run([command('status')])

    expect(state.step).toBe('status.number')
    expect(keys(last)).toEqual(['status.ask-number'])
    expect(values(last)).toEqual(['back'])
    expect(last.commands).toEqual([])
  })

  it('when the number is then typed, then that request is looked up', () => {
    const { last } = run([command('status'), typed('GR-26-000042')], { auto: false })
    expect(last.commands).toEqual([{ type: 'show-request', by: { number: 'GR-26-000042' } }])
  })

  it('when a bad number is typed, then an example is given and the number asked again', () => {
    const { state, last } = run([command('status'), typed('abc')])

    expect(keys(last)).toEqual(['status.bad-number', 'status.ask-number'])
    expect(line(last, 'status.bad-number').params).toEqual({ example: 'GR-26-004217' })
    expect(values(last)).toEqual(['back'])
    expect(state.step).toBe('status.number')
    expect(last.commands).toEqual([])
  })

  it('when /status is sent with a bad number, then the example is given', () => {
    const { state, last } = run([command('status', '12')])

    expect(keys(last)).toEqual(['status.bad-number', 'status.ask-number'])
    expect(state.step).toBe('status.number')
  })

  it('when "back" is pressed at the number question, then the menu is shown', () => {
    const { state, last } = run([command('status'), press('back')])
    expect(state.step).toBe('idle')
    expect(keys(last)).toEqual(['menu.title'])
  })

  it('when the number is not among the resident\'s requests, then "not found" is said', () => {
    const { last } = run([command('status', 'GR-26-999999')], {
      answers: { 'show-request': () => ({ type: 'request-card', card: null }) },
    })
    expect(keys(last)).toEqual(['status.not-found', 'menu.title'])
  })

  it('when a number is typed at rest, then it is looked up', () => {
    const { last } = run([command('menu'), typed('GR-26-004217')], { auto: false })
    expect(last.commands).toEqual([{ type: 'show-request', by: { number: 'GR-26-004217' } }])
  })
})
