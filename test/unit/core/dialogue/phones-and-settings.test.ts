import { describe, expect, it } from 'vitest'
import {
  LIDA_CENTRE,
  MENU_VALUES,
  at,
  command,
  ctx,
  keys,
  line,
  location,
  nth,
  photo,
  press,
  run,
  typed,
  unsupported,
  values,
} from './fixtures.js'

describe('useful phones', () => {
  it('when the home district is set, then its phones, the region-wide ones and the emergency numbers are shown at once', () => {
    const { state, last: turn } = run([press('menu:phones')], {
      context: ctx({ profile: { homeDistrictCode: 'lida' } }),
    })

    expect(keys(turn)).toEqual([
      'phones.title',
      'phones.organisation',
      'phones.organisation-unverified',
      'phones.organisation',
      'phones.emergency-title',
      'phones.emergency',
      'phones.emergency',
      'phones.emergency',
      'phones.faq',
      'menu.title',
    ])
    expect(line(turn, 'phones.title').params).toEqual({
      district: { localized: { ru: 'Лидский район', be: 'Лідскі раён', en: 'Lida district' } },
    })
    const lines = turn.messages[0]?.text ?? []
    expect(lines[1]?.params).toMatchObject({ phone: '+375 154 52-31-00', hours: 'пн–пт 8:00–17:00' })
    expect(lines[2]?.params).toMatchObject({ phone: '+375 154 00-00-00' })
    expect(lines[3]?.params).toMatchObject({ phone: '104', name: { localized: { ru: 'Гроднооблгаз' } } })
    expect(values({ messages: turn.messages.slice(0, 1) })).toEqual(['menu:phones-other'])
    expect(values(turn)).toEqual(MENU_VALUES)
    expect(state.step).toBe('idle')
  })

  it('when a placeholder number is shown, then it is marked unverified and never as a real one', () => {
    const { last } = run([press('menu:phones')], { context: ctx({ profile: { homeDistrictCode: 'grodno' } }) })

    expect(line(last, 'phones.organisation-unverified').params).toEqual({
      name: { localized: { ru: 'ЖЭС Гродно', be: 'ЖЭС Гродна', en: 'Grodno housing' } },
      phone: '+375 152 00-00-00',
      hours: '',
    })
    const real = last.messages.flatMap((m) => m.text).filter((t) => t.key === 'phones.organisation')
    expect(real.map((t) => t.params?.phone)).toEqual(['104'])
  })

  it('when no home district is set, then the district is asked', () => {
    const { state, last } = run([command('phones')])

    expect(state.step).toBe('phones.district')
    expect(keys(last)).toEqual(['phones.ask-district'])
    expect(values(last)).toEqual(['dist:grodno', 'dist:lida', 'dist:shchuchin', 'back'])
  })

  it('when a district is then chosen, then its phones are shown', () => {
    const { state, last } = run([command('phones'), press('dist:shchuchin')])

    expect(line(last, 'phones.title').params).toEqual({
      district: { localized: { ru: 'Щучинский район', be: 'Шчучынскі раён', en: 'Shchuchyn district' } },
    })
    expect(keys(last).filter((k) => k.startsWith('phones.organisation'))).toHaveLength(1)
    expect(state.step).toBe('idle')
  })

  it('when "another district" is pressed after the home phones, then the district is asked', () => {
    const { state } = run([press('menu:phones'), press('menu:phones-other')], {
      context: ctx({ profile: { homeDistrictCode: 'lida' } }),
    })
    expect(state.step).toBe('phones.district')
  })

  it('when "back" is pressed at the district question, then the menu is shown', () => {
    const { state, last } = run([command('phones'), press('back')])
    expect(state.step).toBe('idle')
    expect(keys(last)).toEqual(['menu.title'])
  })

  it('when the home district is no longer in the catalogue, then the district is asked', () => {
    const { state } = run([press('menu:phones')], { context: ctx({ profile: { homeDistrictCode: 'closed' } }) })
    expect(state.step).toBe('phones.district')
  })
})

describe('settings', () => {
  it('when settings are opened without a home address, then it says so and offers the settings', () => {
    const { state, last } = run([press('menu:settings')])

    expect(state.step).toBe('settings.menu')
    expect(keys(last)).toEqual(['settings.title', 'settings.home-unset', 'settings.notifications-are-on'])
    expect(values(last)).toEqual(['set:language', 'set:home', 'set:notifications', 'set:forget', 'back'])
  })

  it('when settings are opened with a home district and notifications off, then both are shown', () => {
    const { last } = run([command('settings')], {
      context: ctx({ profile: { homeDistrictCode: 'grodno', notificationsEnabled: false } }),
    })

    expect(keys(last)).toEqual(['settings.title', 'settings.home-is', 'settings.notifications-are-off'])
    expect(line(last, 'settings.home-is').params).toEqual({
      district: { localized: { ru: 'Гродно', be: 'Гродна', en: 'Grodno' } },
    })
  })

  it('when the language is changed from settings, then it is saved', () => {
    const { state, last } = run([press('menu:settings'), press('set:language'), press('lang:en')])

    expect(state.language).toBe('en')
    expect(last.commands).toEqual([{ type: 'save-profile', patch: { language: 'en' } }])
  })

  it('when the home district is a one-settlement city, then the street is asked straight away and saved', () => {
    const r = run([press('menu:settings'), press('set:home'), press('dist:grodno'), typed('  ул. Ожешко ')])

    expect(r.outputs.map((t) => t.state.step)).toEqual([
      'settings.menu',
      'settings.home-district',
      'settings.home-street',
      'idle',
    ])
    expect(keys(nth(r, 1))).toEqual(['settings.ask-home-district'])
    expect(values(nth(r, 1))).toEqual(['dist:grodno', 'dist:lida', 'dist:shchuchin', 'back'])
    expect(values(nth(r, 2))).toEqual(['skip', 'back'])
    expect(r.last.commands).toEqual([
      {
        type: 'save-profile',
        patch: { home: { districtCode: 'grodno', settlementCode: 'grodno.grodno', street: 'ул. Ожешко' } },
      },
    ])
    expect(keys(r.last)).toEqual(['settings.home-saved', 'menu.title'])
  })

  it('when the home district has settlements, then the settlement is asked and the street may be skipped', () => {
    const r = run([
      press('menu:settings'),
      press('set:home'),
      press('dist:lida'),
      press('stl:lida.berezovka'),
      press('skip'),
    ])

    expect(r.outputs.map((t) => t.state.step)).toEqual([
      'settings.menu',
      'settings.home-district',
      'settings.home-settlement',
      'settings.home-street',
      'idle',
    ])
    expect(values(nth(r, 2))).toEqual(['stl:lida.lida', 'stl:lida.berezovka', 'back'])
    expect(r.last.commands).toEqual([
      {
        type: 'save-profile',
        patch: { home: { districtCode: 'lida', settlementCode: 'lida.berezovka', street: null } },
      },
    ])
  })

  it('when the home street has no letters, then it is refused and asked again', () => {
    const { state, last } = run([press('menu:settings'), press('set:home'), press('dist:grodno'), typed('12')])

    expect(state.step).toBe('settings.home-street')
    expect(keys(last)).toEqual(['report.bad-street', 'settings.ask-home-street'])
    expect(values(last)).toEqual(['skip', 'back'])
    expect(last.commands).toEqual([])
  })

  it('when "back" is pressed while setting the home address, then the settings are shown again', () => {
    const { state } = run([press('menu:settings'), press('set:home'), press('dist:lida'), press('back')])
    expect(state.step).toBe('settings.menu')
  })

  it('when "back" is pressed in the settings menu, then the main menu is shown', () => {
    const { state, last } = run([press('menu:settings'), press('back')])
    expect(state.step).toBe('idle')
    expect(keys(last)).toEqual(['menu.title'])
  })

  it('when notifications are on and the toggle is pressed, then they are turned off and saved', () => {
    const { state, last } = run([press('menu:settings'), press('set:notifications')])

    expect(last.commands).toEqual([{ type: 'save-profile', patch: { notificationsEnabled: false } }])
    expect(keys(last)).toEqual(['settings.notifications-off', 'menu.title'])
    expect(state.step).toBe('idle')
  })

  it('when notifications are off, then the button offers to turn them on, and pressing it does', () => {
    const context = ctx({ profile: { notificationsEnabled: false } })
    const opened = run([press('menu:settings')], { context })
    const p = opened.last.messages.at(-1)?.prompt
    expect(p?.kind === 'choices' ? p.choices[2]?.label.key : null).toBe('settings.button.notifications-on')

    const { last } = run([press('set:notifications')], { state: opened.state, context })
    expect(last.commands).toEqual([{ type: 'save-profile', patch: { notificationsEnabled: true } }])
    expect(keys(last)).toEqual(['settings.notifications-on', 'menu.title'])
  })

  it('when "forget me" is confirmed, then the data are forgotten and the resident told', () => {
    const asked = run([press('menu:settings'), press('set:forget')])
    expect(asked.state.step).toBe('settings.forget')
    expect(keys(asked.last)).toEqual(['settings.ask-forget'])
    expect(values(asked.last)).toEqual(['yes', 'no'])

    const { state, last } = run([press('yes')], { state: asked.state })
    expect(last.commands).toEqual([{ type: 'forget-me' }])
    expect(keys(last)).toEqual(['settings.forgotten', 'menu.title'])
    expect(state.step).toBe('idle')
    expect(state.draft).toBeNull()
  })

  it('when "forget me" is declined, then nothing is forgotten and the settings are shown again', () => {
    const { state, last } = run([press('menu:settings'), press('set:forget'), press('no')])

    expect(last.commands).toEqual([])
    expect(keys(last)[0]).toBe('settings.title')
    expect(state.step).toBe('settings.menu')
  })

  it('when a forget is confirmed, then nothing is said until the result comes back', () => {
    const { last } = run([press('menu:settings'), press('set:forget'), press('yes')], { auto: false })
    expect(last.messages).toEqual([])
    expect(last.commands).toEqual([{ type: 'forget-me' }])
  })
})

describe('wrong input inside settings', () => {
  const SETTINGS_KEYS = ['settings.title', 'settings.home-unset', 'settings.notifications-are-on']
  const SETTINGS_VALUES = ['set:language', 'set:home', 'set:notifications', 'set:forget', 'back']

  it.each([
    ['text at the settings menu', [press('menu:settings'), typed('язык')]],
    ['a photo at the settings menu', [press('menu:settings'), photo('p1')]],
    ['text at the home district', [press('menu:settings'), press('set:home'), typed('Лида')]],
    ['a location at the home district', [press('menu:settings'), press('set:home'), location(LIDA_CENTRE)]],
    [
      'a sticker at the home settlement',
      [press('menu:settings'), press('set:home'), press('dist:lida'), unsupported('sticker')],
    ],
    ['a photo at the home street', [press('menu:settings'), press('set:home'), press('dist:grodno'), photo('p1')]],
    ['text at the language question', [press('menu:settings'), press('set:language'), typed('English')]],
  ])('when %s arrives, then the buttons are recommended and the settings menu is shown again', (_label, inputs) => {
    const { state, last } = run(inputs)

    expect(keys(last)).toEqual(['common.use-buttons', ...SETTINGS_KEYS])
    expect(values(last)).toEqual(SETTINGS_VALUES)
    expect(state.step).toBe('settings.menu')
    expect(last.commands).toEqual([])
  })

  it('when /lang was sent and text arrives, then the settings menu is shown with the hint', () => {
    const { state, last } = run([command('lang'), typed('English')])

    expect(keys(last)).toEqual(['common.use-buttons', ...SETTINGS_KEYS])
    expect(state.step).toBe('settings.menu')
    expect(state.language).toBe('ru')
  })

  it('when wrong input arrives while the home address is being set, then nothing is saved and the address can be set again', () => {
    const r = run([
      press('menu:settings'),
      press('set:home'),
      press('dist:lida'),
      typed('Лида'),
      press('set:home'),
      press('dist:grodno'),
      press('skip'),
    ])

    expect(nth(r, 3).state.step).toBe('settings.menu')
    expect(r.outputs.flatMap((t) => t.commands)).toEqual([
      {
        type: 'save-profile',
        patch: { home: { districtCode: 'grodno', settlementCode: 'grodno.grodno', street: null } },
      },
    ])
  })

  it('when wrong input arrives in settings in the middle of a report, then the draft is left alone', () => {
    const reached = run([press('menu:report'), press('top:heating'), press('cat:heating.no-heat')])
    const { state } = run([press('menu:settings'), typed('?')], { state: reached.state })

    expect(state.step).toBe('settings.menu')
    expect(state.draft).toEqual(reached.state.draft)
  })

  it('when text arrives at the forget question, even a "yes", then nothing is forgotten', () => {
    const reached = at('report.street')
    const { state, last } = run([press('menu:settings'), press('set:forget'), typed('да')], { state: reached.state })

    expect(last.commands).toEqual([])
    expect(state.draft).toEqual(reached.state.draft)
  })

  it('when text arrives at the forget question, then it asks again and forgets nothing', () => {
    const { state, last } = run([press('menu:settings'), press('set:forget'), typed('да')])
    expect(keys(last)[0]).toBe('common.use-buttons')
    expect(state.step).toBe('settings.forget')
    expect(last.commands).toEqual([])
  })

  it.each([[[press('menu:settings'), press('nonsense')]], [[command('lang'), press('lang:de')]]])(
    'when a button settings did not offer is pressed, then it says so and stays in settings',
    (inputs) => {
      const { state, last } = run(inputs)
      expect(keys(last)[0]).toBe('common.stale-button')
      expect(state.step).toBe('settings.menu')
    },
  )
})
