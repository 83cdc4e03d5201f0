import type { Language } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { Catalogue } from './catalogue.js'
import type { CommandResult, DialogueCommand } from './commands.js'
import type { Choice, InboundEvent, OutboundMessage } from './messages.js'
import { choices, say } from './messages.js'
import type { DialogueState, Step } from './state.js'

/** What a resident's profile says, as far as the dialogue needs it. */
export interface Profile {
  language: Language
  consentGiven: boolean
  homeDistrictCode: string | null
  notificationsEnabled: boolean
}

export interface StepContext {
  catalogue: Catalogue
  profile: Profile
  /** A fresh id, used only if this turn starts a new draft (the machine itself makes no randomness). */
  newDraftId: string
}

export type StepInput = InboundEvent | { type: 'result'; result: CommandResult }

export interface StepOutput {
  state: DialogueState
  messages: OutboundMessage[]
  commands: DialogueCommand[]
}

/** Moves to `step`, remembering which button values its prompt offers. */
export function ask(
  state: DialogueState,
  step: Step,
  message: OutboundMessage,
  before: OutboundMessage[] = [],
): StepOutput {
  const expected = message.prompt.kind === 'none' ? [] : message.prompt.choices.map((c) => c.value)
  return { state: { ...state, step, expected }, messages: [...before, message], commands: [] }
}

export const reply = (
  state: DialogueState,
  messages: OutboundMessage[],
  commands: DialogueCommand[] = [],
): StepOutput => ({
  state,
  messages,
  commands,
})

export const button = (value: string, key: string, params?: Record<string, string | number>): Choice => ({
  value,
  label: text(key, params),
})

export const CANCEL = button('cancel', 'common.button.cancel')
export const BACK = button('back', 'common.button.back')
export const SKIP = button('skip', 'common.button.skip')
export const YES = button('yes', 'common.button.yes')
export const NO = button('no', 'common.button.no')

export const MAIN_MENU: Choice[] = [
  button('menu:report', 'menu.report'),
  button('menu:my', 'menu.my'),
  button('menu:status', 'menu.status'),
  button('menu:notices', 'menu.notices'),
  button('menu:phones', 'menu.phones'),
  button('menu:settings', 'menu.settings'),
]

export function menu(state: DialogueState, before: OutboundMessage[] = [], key = 'menu.title'): StepOutput {
  return ask({ ...state, draft: state.draft }, 'idle', say(text(key), choices(MAIN_MENU, 2)), before)
}

/** What a step expects, said when something else arrives; no state changes. */
export function expectedKind(event: StepInput): string | null {
  switch (event.type) {
    case 'photo':
      return 'common.unexpected.photo'
    case 'location':
      return 'common.unexpected.location'
    case 'contact':
      return 'common.unexpected.contact'
    case 'unsupported':
      return `common.unexpected.${event.kind}`
    default:
      return null
  }
}
