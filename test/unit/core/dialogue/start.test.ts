import { describe, expect, it } from 'vitest'
import { initialState } from '../../../../src/core/dialogue/state.js'
import { MENU_VALUES, keys, press, prompt, run, start, typed, values } from './fixtures.js'

describe('/start', () => {
  it('when a new person sends /start, then they are welcomed and shown the menu', () => {
    const { state, last } = run([start()])

    expect(keys(last)).toEqual(['menu.welcome', 'menu.title'])
    expect(values(last)).toEqual(MENU_VALUES)
    expect(prompt(last).prompt).toMatchObject({ kind: 'choices', columns: 2 })
    expect(state.step).toBe('idle')
    expect(state.expected).toEqual(MENU_VALUES)
    expect(state.draft).toBeNull()
    expect(last.commands).toEqual([])
  })

  it('when /start arrives in the middle of a report, then the menu is shown and the draft is left alone', () => {
    const before = run([press('menu:report'), press('top:heating')])
    const { state, last } = run([start()], { state: before.state })

    expect(keys(last)).toEqual(['menu.welcome', 'menu.title'])
    expect(state.step).toBe('idle')
    expect(state.draft).toEqual(before.state.draft)
  })

  it('when a category poster link c_heating_no-heat is opened, then the report starts with that category and asks the district', () => {
    const { state, last } = run([start('c_heating_no-heat')])

    expect(state.step).toBe('report.district')
    expect(keys(last)).toEqual(['report.ask-district'])
    expect(state.draft).toMatchObject({
      id: 'draft-1',
      topCategoryCode: 'heating',
      categoryCode: 'heating.no-heat',
      districtCode: null,
    })
  })

  it('when a category link for a hard-stop category is opened, then the emergency number is given at once and no draft is kept', () => {
    const { state, last } = run([start('c_gas_smell')])

    expect(keys(last)).toEqual(['report.hard-stop', 'menu.title'])
    expect(state.draft).toBeNull()
    expect(state.step).toBe('idle')
  })

  it('when a district link d_lida is opened, then the category is asked and the district step is skipped after it', () => {
    const opened = run([start('d_lida')])
    expect(opened.state.step).toBe('report.top-category')
    expect(opened.state.draft).toMatchObject({ districtCode: 'lida', categoryCode: null })

    const { state, last } = run([press('top:heating'), press('cat:heating.no-heat')], { state: opened.state })
    expect(state.step).toBe('report.settlement')
    expect(values(last)).toEqual(['stl:lida.lida', 'stl:lida.berezovka', 'back', 'cancel'])
  })

  it('when a district link of a one-settlement city d_grodno is opened, then after the category the street is asked', () => {
    const { state } = run([start('d_grodno'), press('top:heating'), press('cat:heating.no-heat')])

    expect(state.step).toBe('report.street')
    expect(state.draft).toMatchObject({ districtCode: 'grodno', settlementCode: 'grodno.grodno' })
  })

  it.each(['x_y', 'c_unknown_thing', 'c_heating', 'c_', 'd_nowhere', 'd_', 'hello', ''])(
    'when the link payload %j is unknown, then the plain welcome is shown',
    (payload) => {
      const { state, last } = run([start(payload)])

      expect(keys(last)).toEqual(['menu.welcome', 'menu.title'])
      expect(state.step).toBe('idle')
      expect(state.draft).toBeNull()
    },
  )

  it('when the state is in another language, then the machine keeps that language', () => {
    const { state } = run([start()], { state: initialState('be') })
    expect(state.language).toBe('be')
  })

  it('when text that is not a request number arrives at rest, then the menu is shown with a hint', () => {
    const { state, last } = run([start(), typed('здравствуйте')])

    expect(keys(last)).toEqual(['common.use-menu', 'menu.title'])
    expect(state.step).toBe('idle')
  })
})
