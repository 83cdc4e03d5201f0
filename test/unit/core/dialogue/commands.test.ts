import { describe, expect, it } from 'vitest'
import { MENU_VALUES, at, command, ctx, keys, line, press, run, typed, values } from './fixtures.js'

describe('commands', () => {
  it('when /help is sent, then the help text and the menu are shown', () => {
    const { state, last } = run([command('help')])

    expect(keys(last)).toEqual(['common.help', 'menu.title'])
    expect(values(last)).toEqual(MENU_VALUES)
    expect(state.step).toBe('idle')
  })

  it('when /menu is sent in the middle of a report, then the menu is shown', () => {
    const reached = at('report.house')
    const { state, last } = run([command('menu')], { state: reached.state })

    expect(keys(last)).toEqual(['menu.title'])
    expect(state.step).toBe('idle')
  })

  it('when an unknown command is sent, then it is named back and the menu is shown', () => {
    const { state, last } = run([command('foo', 'bar')])

    expect(keys(last)).toEqual(['common.unknown-command', 'menu.title'])
    expect(line(last, 'common.unknown-command').params).toEqual({ command: '/foo' })
    expect(state.step).toBe('idle')
  })

  it.each(['report', 'new'])('when /%s is sent, then a report starts', (name) => {
    const { state, last } = run([command(name)])

    expect(state.step).toBe('report.top-category')
    expect(keys(last)).toEqual(['report.ask-category'])
    expect(state.draft?.id).toBe('draft-1')
  })

  it('when /cancel is sent at rest, then it is confirmed and the menu is shown', () => {
    const { state, last } = run([command('cancel')])

    expect(keys(last)).toEqual(['common.cancelled', 'menu.title'])
    expect(state.draft).toBeNull()
  })

  it('when /my is sent, then the first page of requests is asked for', () => {
    const { last } = run([command('my')], { auto: false })
    expect(last.commands).toEqual([{ type: 'list-requests', page: 0, pageSize: 5 }])
  })

  it('when /notices is sent, then the notices are asked for and shown', () => {
    const none = run([command('notices')])
    expect(none.last.commands).toEqual([{ type: 'list-notices' }])
    expect(keys(none.last)).toEqual(['notices.none', 'menu.title'])

    const some = run([press('menu:notices')], {
      answers: {
        'list-notices': () => ({
          type: 'notices',
          items: [
            { id: 1, kind: 'information', service: 'water', body: 'Промывка сетей', startsAt: null, endsAt: null },
          ],
        }),
      },
    })
    expect(keys(some.last)).toEqual(['notice.kind.information', 'notice.body', 'notice.until-unknown', 'menu.title'])
    expect(line(some.last, 'notice.body').params).toEqual({ body: 'Промывка сетей' })
  })

  it('when a button arrives at rest that the menu did not offer, then it is stale and the menu is shown', () => {
    const { state, last } = run([command('menu'), press('yes')])
    expect(keys(last)).toEqual(['common.stale-button', 'menu.title'])
    expect(state.step).toBe('idle')
  })

  it('when a sticker arrives at rest, then the menu is shown and the buttons recommended', () => {
    const { last } = run([{ type: 'unsupported', kind: 'sticker' }])
    expect(keys(last)).toEqual(['common.use-buttons', 'menu.title'])
  })
})

describe('/lang', () => {
  it('when /lang is sent, then the three languages are offered', () => {
    const { state, last } = run([command('lang')])

    expect(state.step).toBe('settings.language')
    expect(keys(last)).toEqual(['settings.ask-language'])
    expect(values(last)).toEqual(['lang:ru', 'lang:be', 'lang:en'])
  })

  it('when Belarusian is chosen, then the state speaks it and the profile is saved', () => {
    const { state, last } = run([command('lang'), press('lang:be')])

    expect(state.language).toBe('be')
    expect(last.commands).toEqual([{ type: 'save-profile', patch: { language: 'be' } }])
    expect(keys(last)).toEqual(['settings.language-saved', 'menu.title'])
    expect(state.step).toBe('idle')
  })

  it('when a language that is not offered is pressed, then it is stale and nothing is saved', () => {
    const { state, last } = run([command('lang'), press('lang:de')])

    expect(state.language).toBe('ru')
    expect(last.commands).toEqual([])
    expect(keys(last)[0]).toBe('common.stale-button')
  })

  it('when /lang is sent in the middle of a report, then the draft survives the language change', () => {
    const reached = at('report.street')
    const { state } = run([command('lang'), press('lang:en')], {
      state: reached.state,
      context: ctx(),
    })

    expect(state.language).toBe('en')
    expect(state.draft).toEqual(reached.state.draft)
  })
})

describe('request numbers typed at rest', () => {
  it.each([
    ['GR-26-004217', 'GR-26-004217'],
    ['gr 26 4217', 'GR-26-004217'],
    ['ГР-26-004217', 'GR-26-004217'],
    ['№ 26-4217', 'GR-26-004217'],
  ])('when %j is typed at rest, then request %s is looked up', (input, number) => {
    const { last } = run([command('menu'), typed(input)], { auto: false })
    expect(last.commands).toEqual([{ type: 'show-request', by: { number } }])
  })

  it('when a number-like text without separators is typed at rest, then it is not taken for a number', () => {
    const { last } = run([typed('264217')])
    expect(keys(last)).toEqual(['common.use-menu', 'menu.title'])
    expect(last.commands).toEqual([])
  })
})
