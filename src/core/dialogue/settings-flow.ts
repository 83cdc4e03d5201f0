import { LANGUAGES, text } from '../i18n/text.js'
import type { Language } from '../i18n/text.js'
import { findDistrict } from './catalogue.js'
import { STREET } from './report-flow.js'
import type { InboundEvent } from './messages.js'
import { choices, say } from './messages.js'
import type { DialogueState } from './state.js'
import type { StepContext, StepOutput } from './step-kit.js'
import { ask, BACK, button, menu, NO, reply, SKIP, YES } from './step-kit.js'

export function openSettings(state: DialogueState, ctx: StepContext): StepOutput {
  const home =
    ctx.profile.homeDistrictCode === null ? undefined : findDistrict(ctx.catalogue, ctx.profile.homeDistrictCode)
  return ask(
    state,
    'settings.menu',
    say(
      [
        text('settings.title'),
        home ? text('settings.home-is', { district: { localized: home.name } }) : text('settings.home-unset'),
        text(ctx.profile.notificationsEnabled ? 'settings.notifications-are-on' : 'settings.notifications-are-off'),
      ],
      choices([
        button('set:language', 'settings.button.language'),
        button('set:home', 'settings.button.home'),
        button(
          'set:notifications',
          ctx.profile.notificationsEnabled ? 'settings.button.notifications-off' : 'settings.button.notifications-on',
        ),
        button('set:forget', 'settings.button.forget'),
        BACK,
      ]),
    ),
  )
}

export function askLanguage(state: DialogueState): StepOutput {
  return ask(
    state,
    'settings.language',
    say(text('settings.ask-language'), choices(LANGUAGES.map((l) => button(`lang:${l}`, `language.${l}`)))),
  )
}

function askHomeDistrict(state: DialogueState, ctx: StepContext): StepOutput {
  const districts = ctx.catalogue.districts.map((d) => ({
    value: `dist:${d.code}`,
    label: text('common.name', { name: { localized: d.name } }),
  }))
  return ask(
    { ...state, home: { districtCode: null, settlementCode: null } },
    'settings.home-district',
    say(text('settings.ask-home-district'), choices([...districts, BACK], 2)),
  )
}

function askHomeStreet(state: DialogueState): StepOutput {
  return ask(state, 'settings.home-street', say(text('settings.ask-home-street'), choices([SKIP, BACK])))
}

function saveHome(state: DialogueState, street: string | null): StepOutput {
  const { districtCode, settlementCode } = state.home
  if (districtCode === null) return menu(state)
  return {
    ...menu(state, [say(text('settings.home-saved'))]),
    commands: [{ type: 'save-profile', patch: { home: { districtCode, settlementCode, street } } }],
  }
}

export function handleSettings(state: DialogueState, event: InboundEvent, ctx: StepContext): StepOutput {
  const value = event.type === 'choice' ? event.value : null
  if (value === 'back') return state.step === 'settings.menu' ? menu(state) : openSettings(state, ctx)
  switch (state.step) {
    case 'settings.menu':
      if (value === 'set:language') return askLanguage(state)
      if (value === 'set:home') return askHomeDistrict(state, ctx)
      if (value === 'set:forget')
        return ask(state, 'settings.forget', say(text('settings.ask-forget'), choices([YES, NO])))
      if (value === 'set:notifications') {
        const enabled = !ctx.profile.notificationsEnabled
        return {
          ...menu(state, [say(text(enabled ? 'settings.notifications-on' : 'settings.notifications-off'))]),
          commands: [{ type: 'save-profile', patch: { notificationsEnabled: enabled } }],
        }
      }
      break
    case 'settings.language': {
      const language = value?.startsWith('lang:') === true ? (value.slice(5) as Language) : null
      if (language !== null && LANGUAGES.includes(language)) {
        const next = { ...state, language }
        return {
          ...menu(next, [say(text('settings.language-saved'))]),
          commands: [{ type: 'save-profile', patch: { language } }],
        }
      }
      break
    }
    case 'settings.home-district': {
      const district = value?.startsWith('dist:') === true ? findDistrict(ctx.catalogue, value.slice(5)) : undefined
      if (!district) break
      const home = { districtCode: district.code, settlementCode: null }
      const only = district.settlements.length === 1 ? district.settlements[0] : undefined
      if (only) return askHomeStreet({ ...state, home: { ...home, settlementCode: only.code } })
      const settlements = district.settlements.map((s) => ({
        value: `stl:${s.code}`,
        label: text('common.name', { name: { localized: s.name } }),
      }))
      return ask(
        { ...state, home },
        'settings.home-settlement',
        say(text('settings.ask-home-settlement'), choices([...settlements, BACK], 2)),
      )
    }
    case 'settings.home-settlement':
      if (value?.startsWith('stl:') === true)
        return askHomeStreet({ ...state, home: { ...state.home, settlementCode: value.slice(4) } })
      break
    case 'settings.home-street':
      if (value === 'skip') return saveHome(state, null)
      if (event.type === 'text') {
        const street = event.text.trim()
        if (STREET.test(street)) return saveHome(state, street)
        return ask(state, state.step, say(text('settings.ask-home-street'), choices([SKIP, BACK])), [
          say(text('report.bad-street')),
        ])
      }
      break
    case 'settings.forget':
      if (value === 'yes')
        return reply({ ...state, step: 'idle', expected: [], draft: null }, [], [{ type: 'forget-me' }])
      if (value === 'no') return openSettings(state, ctx)
      return ask(state, 'settings.forget', say(text('settings.ask-forget'), choices([YES, NO])), [
        say(text('common.use-buttons')),
      ])
    default:
      break
  }
  // Wrong input inside settings: say so and stay in settings.
  const again = openSettings(state, ctx)
  return {
    ...again,
    messages: [say(text(value === null ? 'common.use-buttons' : 'common.stale-button')), ...again.messages],
  }
}
