import { text } from '../i18n/text.js'
import { parseRequestNumber } from '../requests/request-number.js'
import { cleanText } from '../shared/characters.js'
import { findCategory, findDistrict } from './catalogue.js'
import type { CommandResult } from './commands.js'
import type { InboundEvent } from './messages.js'
import { choices, say } from './messages.js'
import { reportPrompt } from './report-prompts.js'
import { handleReport, openReport, startReport } from './report-flow.js'
import { handleResult } from './results.js'
import { handleSettings, openSettings, askLanguage } from './settings-flow.js'
import type { DialogueState } from './state.js'
import type { StepContext, StepInput, StepOutput } from './step-kit.js'
import { ask, BACK, menu, reply } from './step-kit.js'
import { showPhones, askPhonesDistrict } from './phones.js'

export type { StepContext, StepInput, StepOutput } from './step-kit.js'

export const MY_PAGE_SIZE = 5

/** Deep links: /start c_<category> (a category poster) or d_<district> (a QR code on a building). */
function fromPayload(payload: string, ctx: StepContext): { categoryCode?: string; districtCode?: string } | null {
  const [kind, rest = ''] = payload.split(/_(.*)/s)
  const code = rest.replace(/_/g, '.') // codes have dots; start payloads allow only [A-Za-z0-9_-]
  if (kind === 'c' && findCategory(ctx.catalogue, code)) return { categoryCode: code }
  if (kind === 'd' && findDistrict(ctx.catalogue, rest)) return { districtCode: rest }
  return null
}

function askStatusNumber(state: DialogueState): StepOutput {
  return ask(state, 'status.number', say(text('status.ask-number'), choices([BACK])))
}

function lookUp(state: DialogueState, ctx: StepContext, input: string): StepOutput {
  const number = parseRequestNumber(input, ctx.catalogue.requestNumberPrefix)
  if (number === null)
    return ask(
      state,
      'status.number',
      say(
        [
          text('status.bad-number', { example: `${ctx.catalogue.requestNumberPrefix}-26-004217` }),
          text('status.ask-number'),
        ],
        choices([BACK]),
      ),
    )
  return reply({ ...state, step: 'idle', expected: [] }, [], [{ type: 'show-request', by: { number } }])
}

function listRequests(state: DialogueState, page: number): StepOutput {
  return reply(
    { ...state, page: Math.max(0, page) },
    [],
    [{ type: 'list-requests', page: Math.max(0, page), pageSize: MY_PAGE_SIZE }],
  )
}

function onMenu(state: DialogueState, ctx: StepContext, item: string): StepOutput {
  switch (item) {
    case 'report':
      return openReport(state, ctx)
    case 'my':
      return listRequests(state, 0)
    case 'status':
      return askStatusNumber(state)
    case 'notices':
      return reply(state, [], [{ type: 'list-notices' }])
    case 'phones':
      return ctx.profile.homeDistrictCode === null
        ? askPhonesDistrict(state, ctx)
        : showPhones(state, ctx, ctx.profile.homeDistrictCode)
    case 'phones-other':
      return askPhonesDistrict(state, ctx)
    case 'settings':
      return openSettings(state, ctx)
    default:
      return menu(state)
  }
}

function onCommand(state: DialogueState, ctx: StepContext, name: string, args: string): StepOutput {
  switch (name) {
    case 'cancel':
      return menu({ ...state, draft: null }, [say(text('common.cancelled'))])
    case 'menu':
      return menu(state)
    case 'help':
      return menu(state, [say(text('common.help'))])
    case 'report':
    case 'new':
      return openReport(state, ctx)
    case 'my':
      return listRequests(state, 0)
    case 'status':
      return args.trim() === '' ? askStatusNumber(state) : lookUp(state, ctx, args)
    case 'lang':
      return askLanguage(state)
    case 'phones':
    case 'notices':
    case 'settings':
      return onMenu(state, ctx, name)
    default:
      return menu(state, [say(text('common.unknown-command', { command: `/${name}` }))])
  }
}

function onStep(state: DialogueState, event: InboundEvent, ctx: StepContext): StepOutput {
  if (state.step.startsWith('report.')) return handleReport(state, event, ctx)
  if (state.step.startsWith('settings.')) return handleSettings(state, event, ctx)
  const value = event.type === 'choice' ? event.value : null
  switch (state.step) {
    case 'status.number':
      if (value === 'back') return menu(state)
      if (event.type === 'text') return lookUp(state, ctx, event.text)
      break
    case 'my.list':
      if (value === 'page:next') return listRequests(state, state.page + 1)
      if (value === 'page:prev') return listRequests(state, state.page - 1)
      if (value === 'page:same') return listRequests(state, state.page)
      if (value?.startsWith('req:') === true)
        return reply(state, [], [{ type: 'show-request', by: { id: Number(value.slice(4)) } }])
      if (value === 'back') return menu(state)
      break
    case 'phones.district':
      if (value?.startsWith('dist:') === true) return showPhones(state, ctx, value.slice(5))
      if (value === 'back') return menu(state)
      break
    default:
      break
  }
  // A text at rest is most often a request number someone wants to check.
  if (
    state.step === 'idle' &&
    event.type === 'text' &&
    parseRequestNumber(event.text, ctx.catalogue.requestNumberPrefix) !== null
  )
    return lookUp(state, ctx, event.text)
  return menu(state, [say(text(event.type === 'text' ? 'common.use-menu' : 'common.use-buttons'))])
}

function staleButton(state: DialogueState, ctx: StepContext): StepOutput {
  const stale = say(text('common.stale-button'))
  if (state.step.startsWith('report.') && state.draft)
    return ask(state, state.step, reportPrompt(state.step, state.draft, ctx.catalogue), [stale])
  if (state.step.startsWith('settings.')) {
    const settings = openSettings(state, ctx)
    return { ...settings, messages: [stale, ...settings.messages] }
  }
  return menu(state, [stale])
}

/** What a person typed, made storable and sendable before any step looks at it (see `cleanText`). */
function cleanInput(input: StepInput): StepInput {
  switch (input.type) {
    case 'text':
      return { ...input, text: cleanText(input.text) }
    case 'command':
      return { ...input, args: cleanText(input.args) }
    case 'start':
      return input.payload === null ? input : { ...input, payload: cleanText(input.payload) }
    case 'contact':
      return { ...input, phone: cleanText(input.phone) }
    default:
      return input
  }
}

/**
 * The resident dialogue: one pure step from (state, event) to the new state, the messages
 * to send and the commands to run. Channels render the messages; the handler runs the
 * commands and feeds their results back in as `result` events.
 */
export function step(state: DialogueState, typed: StepInput, ctx: StepContext): StepOutput {
  const input = cleanInput(typed)
  if (input.type === 'result') return handleResult(state, input.result satisfies CommandResult, ctx)
  if (input.type === 'start') {
    const preset = input.payload === null ? null : fromPayload(input.payload, ctx)
    if (preset) return startReport(state, ctx, preset)
    return menu({ ...state, draft: state.draft }, [say(text('menu.welcome'))])
  }
  if (input.type === 'command') return onCommand(state, ctx, input.name, input.args)
  if (input.type === 'choice') {
    if (input.value.startsWith('menu:')) return onMenu(state, ctx, input.value.slice(5))
    // A button from an older message, or data nobody sent: say so, change nothing.
    if (!state.expected.includes(input.value)) return staleButton(state, ctx)
  }
  return onStep(state, input, ctx)
}
