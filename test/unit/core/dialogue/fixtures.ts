import { loadDictionarySync } from '../../../../src/app/locales.js'
import type { Catalogue } from '../../../../src/core/dialogue/catalogue.js'
import type {
  CommandResult,
  DialogueCommand,
  NoticeSummary,
  RequestCard,
  RequestSummary,
} from '../../../../src/core/dialogue/commands.js'
import { step } from '../../../../src/core/dialogue/machine.js'
import type { StepContext, StepInput } from '../../../../src/core/dialogue/machine.js'
import type { InboundEvent, InboundPhoto, OutboundMessage } from '../../../../src/core/dialogue/messages.js'
import type { DialogueState, Step } from '../../../../src/core/dialogue/state.js'
import { initialState } from '../../../../src/core/dialogue/state.js'
import type { Profile } from '../../../../src/core/dialogue/step-kit.js'
import type { LocalizedText, Text } from '../../../../src/core/i18n/text.js'

// ---------------------------------------------------------------------------------------------
// The catalogue: small, hand-made, and only what the dialogue reads.
// ---------------------------------------------------------------------------------------------

const named = (ru: string, be: string, en: string): LocalizedText => ({ ru, be, en })

/** Centres of the districts, also used to share a location "near" them. */
export const GRODNO_CENTRE = { lat: 53.6778, lon: 23.8294 }
export const LIDA_CENTRE = { lat: 53.8885, lon: 25.2846 }
export const SHCHUCHIN_CENTRE = { lat: 53.6014, lon: 24.7465 }

export const catalogue: Catalogue = {
  requestNumberPrefix: 'GR',
  districts: [
    {
      // a city: one settlement, so the settlement step is skipped
      id: 1,
      code: 'grodno',
      name: named('Гродно', 'Гродна', 'Grodno'),
      centre: GRODNO_CENTRE,
      settlements: [{ id: 11, code: 'grodno.grodno', name: named('Гродно', 'Гродна', 'Grodno') }],
    },
    {
      id: 2,
      code: 'lida',
      name: named('Лидский район', 'Лідскі раён', 'Lida district'),
      centre: LIDA_CENTRE,
      settlements: [
        { id: 21, code: 'lida.lida', name: named('Лида', 'Ліда', 'Lida') },
        { id: 22, code: 'lida.berezovka', name: named('Берёзовка', 'Бярозаўка', 'Biarozauka') },
      ],
    },
    {
      id: 3,
      code: 'shchuchin',
      name: named('Щучинский район', 'Шчучынскі раён', 'Shchuchyn district'),
      centre: SHCHUCHIN_CENTRE,
      settlements: [
        { id: 31, code: 'shchuchin.shchuchin', name: named('Щучин', 'Шчучын', 'Shchuchyn') },
        { id: 32, code: 'shchuchin.rozhanka', name: named('Рожанка', 'Ражанка', 'Razhanka') },
      ],
    },
  ],
  topCategories: [
    {
      id: 100,
      code: 'heating',
      name: named('Отопление', 'Ацяпленне', 'Heating'),
      children: [
        {
          id: 101,
          code: 'heating.no-heat',
          name: named('Холодные батареи', 'Халодныя батарэі', 'No heat'),
          emergency: false,
          hardStop: null,
          notOurCompetence: null,
          photoRequired: false,
        },
      ],
    },
    {
      id: 200,
      code: 'water',
      name: named('Вода', 'Вада', 'Water'),
      children: [
        {
          id: 201,
          code: 'water.burst-pipe',
          name: named('Прорыв трубы', 'Прарыў трубы', 'Burst pipe'),
          emergency: true,
          hardStop: null,
          notOurCompetence: null,
          photoRequired: false,
        },
      ],
    },
    {
      id: 300,
      code: 'roads',
      name: named('Дороги', 'Дарогі', 'Roads'),
      children: [
        {
          id: 301,
          code: 'roads.pothole',
          name: named('Яма на дороге', 'Яма на дарозе', 'Pothole'),
          emergency: false,
          hardStop: null,
          notOurCompetence: null,
          photoRequired: true,
        },
      ],
    },
    {
      id: 400,
      code: 'gas',
      name: named('Газ', 'Газ', 'Gas'),
      children: [
        {
          id: 401,
          code: 'gas.smell',
          name: named('Запах газа', 'Пах газу', 'Gas smell'),
          emergency: true,
          hardStop: {
            phone: '104',
            message: named('Выйдите из помещения.', 'Выйдзіце з памяшкання.', 'Leave the premises.'),
          },
          notOurCompetence: null,
          photoRequired: false,
        },
      ],
    },
    {
      id: 500,
      code: 'other',
      name: named('Другое', 'Іншае', 'Other'),
      children: [
        {
          id: 501,
          code: 'other.noise',
          name: named('Шум', 'Шум', 'Noise'),
          emergency: false,
          hardStop: null,
          notOurCompetence: {
            phone: '102',
            guidance: named('Обратитесь в милицию.', 'Звярніцеся ў міліцыю.', 'Call the police.'),
          },
          photoRequired: false,
        },
        {
          id: 502,
          code: 'other.stray-animals',
          name: named('Бездомные животные', 'Бяздомныя жывёлы', 'Stray animals'),
          emergency: false,
          hardStop: null,
          notOurCompetence: {
            phone: null,
            guidance: named('Обратитесь в райисполком.', 'Звярніцеся ў райвыканкам.', 'Ask the district council.'),
          },
          photoRequired: false,
        },
      ],
    },
  ],
  emergencyNumbers: [
    { code: 'rescue', phone: '101', name: named('МЧС', 'МНС', 'Rescue') },
    { code: 'police', phone: '102', name: named('Милиция', 'Міліцыя', 'Police') },
    { code: 'gas', phone: '104', name: named('Газовая служба', 'Газавая служба', 'Gas service') },
  ],
  organisations: [
    {
      id: 1,
      code: 'grodno.zhes',
      type: 'housing',
      districtId: 1,
      name: named('ЖЭС Гродно', 'ЖЭС Гродна', 'Grodno housing'),
      phones: [{ number: '+375 152 00-00-00', placeholder: true }],
      workingHours: null,
    },
    {
      id: 2,
      code: 'lida.zhkh',
      type: 'housing',
      districtId: 2,
      name: named('Лидское ЖКХ', 'Лідская ЖКГ', 'Lida housing'),
      phones: [
        { number: '+375 154 52-31-00', placeholder: false },
        { number: '+375 154 00-00-00', placeholder: true },
      ],
      workingHours: 'пн–пт 8:00–17:00',
    },
    {
      id: 3,
      code: 'region.gas',
      type: 'gas',
      districtId: null,
      name: named('Гроднооблгаз', 'Гродна-аблгаз', 'Grodno regional gas'),
      phones: [{ number: '104', placeholder: false }],
      workingHours: 'круглосуточно',
    },
  ],
}

// ---------------------------------------------------------------------------------------------
// The context of a step.
// ---------------------------------------------------------------------------------------------

export interface ContextOverrides {
  profile?: Partial<Profile>
  newDraftId?: string
  catalogue?: Catalogue
}

export function ctx(overrides: ContextOverrides = {}): StepContext {
  return {
    catalogue: overrides.catalogue ?? catalogue,
    profile: {
      language: 'ru',
      consentGiven: false,
      homeDistrictCode: null,
      notificationsEnabled: true,
      ...overrides.profile,
    },
    newDraftId: overrides.newDraftId ?? 'draft-1',
  }
}

// ---------------------------------------------------------------------------------------------
// Events, as a channel would send them.
// ---------------------------------------------------------------------------------------------

export const start = (payload: string | null = null): InboundEvent => ({ type: 'start', payload })
export const command = (name: string, args = ''): InboundEvent => ({ type: 'command', name, args })
export const typed = (text: string): InboundEvent => ({ type: 'text', text })
export const press = (value: string): InboundEvent => ({ type: 'choice', value })
export const location = (point: { lat: number; lon: number }): InboundEvent => ({ type: 'location', ...point })
export const contact = (phone: string, own = true, verified = own): InboundEvent => ({
  type: 'contact',
  phone,
  own,
  verified,
})
export const unsupported = (kind: Extract<InboundEvent, { type: 'unsupported' }>['kind']): InboundEvent => ({
  type: 'unsupported',
  kind,
})
export const result = (value: CommandResult): StepInput => ({ type: 'result', result: value })

export const aPhoto = (fileId: string, overrides: Partial<Omit<InboundPhoto, 'ref'>> = {}): InboundPhoto => ({
  ref: { telegramFileId: fileId },
  mimeType: 'image/jpeg',
  sizeBytes: 200_000,
  ...overrides,
})
export const photo = (fileId: string, overrides: Partial<Omit<InboundPhoto, 'ref'>> = {}): InboundEvent => ({
  type: 'photo',
  photo: aPhoto(fileId, overrides),
})

// ---------------------------------------------------------------------------------------------
// Data the application would return.
// ---------------------------------------------------------------------------------------------

export const aSummary = (overrides: Partial<RequestSummary> = {}): RequestSummary => ({
  id: 41,
  number: 'GR-26-004217',
  status: 'in_progress',
  categoryName: named('Холодные батареи', 'Халодныя батарэі', 'No heat'),
  addressText: 'Лида, ул. Советская, 5',
  createdAt: '2026-01-12T08:30:00.000Z',
  ...overrides,
})

export const aCard = (overrides: Partial<RequestCard> = {}): RequestCard => ({
  ...aSummary(),
  organisationName: named('Лидское ЖКХ', 'Лідская ЖКГ', 'Lida housing'),
  fixDueAt: '2026-01-15T08:30:00.000Z',
  description: 'Батареи холодные третий день',
  history: [
    { at: '2026-01-12T08:30:00.000Z', status: 'new', note: null },
    { at: '2026-01-12T09:00:00.000Z', status: null, note: 'позвонили' },
  ],
  answers: [{ at: '2026-01-12T10:00:00.000Z', kind: 'question', body: 'Какой подъезд?' }],
  photos: [],
  own: true,
  ...overrides,
})

export const aNotice = (overrides: Partial<NoticeSummary> = {}): NoticeSummary => ({
  id: 7,
  kind: 'planned_outage',
  service: 'heating',
  body: 'Отключение отопления на ул. Советской',
  startsAt: '2026-01-12T06:00:00.000Z',
  endsAt: '2026-01-13T18:00:00.000Z',
  ...overrides,
})

export const SENT_OK: Extract<CommandResult, { type: 'submitted' }> = {
  type: 'submitted',
  outcome: {
    ok: true,
    number: 'GR-26-004217',
    organisationName: named('Лидское ЖКХ', 'Лідская ЖКГ', 'Lida housing'),
    fixDueAt: '2026-01-15T08:30:00.000Z',
    created: true,
  },
}

export const submitError = (error: string, phone?: string | null): CommandResult => ({
  type: 'submitted',
  outcome: phone === undefined ? { ok: false, error } : { ok: false, error, phone },
})

// ---------------------------------------------------------------------------------------------
// The driver: feeds events in order and answers the commands, as the real handler does.
// ---------------------------------------------------------------------------------------------

/** How each command is answered; a missing entry uses the default below. */
export type Answers = {
  [K in DialogueCommand['type']]?: (command: Extract<DialogueCommand, { type: K }>) => CommandResult | null
}

function answer(answers: Answers, c: DialogueCommand): CommandResult | null {
  switch (c.type) {
    case 'check-before-send':
      return answers['check-before-send']
        ? answers['check-before-send'](c)
        : { type: 'checked', duplicates: [], notices: [] }
    case 'submit':
      return answers.submit ? answers.submit(c) : SENT_OK
    case 'list-requests':
      return answers['list-requests']
        ? answers['list-requests'](c)
        : { type: 'request-list', items: [], hasMore: false }
    case 'show-request':
      return answers['show-request'] ? answers['show-request'](c) : { type: 'request-card', card: aCard() }
    case 'follow':
      return answers.follow ? answers.follow(c) : { type: 'followed', number: 'GR-26-004217' }
    case 'list-notices':
      return answers['list-notices'] ? answers['list-notices'](c) : { type: 'notices', items: [] }
    case 'save-profile':
      return answers['save-profile'] ? answers['save-profile'](c) : null
    case 'forget-me':
      return answers['forget-me'] ? answers['forget-me'](c) : { type: 'forgotten' }
  }
}

/** What one event led to, with the results of its commands fed back in (as the real handler does). */
export interface Turn {
  input: StepInput
  state: DialogueState
  /** Every message of the turn, the ones after command results included. */
  messages: OutboundMessage[]
  /** Every command of the turn, in order. */
  commands: DialogueCommand[]
  /** The results fed back in. */
  results: CommandResult[]
}

export interface RunOptions {
  state?: DialogueState
  context?: StepContext
  answers?: Answers
  /** false: commands are not answered; the test feeds results itself. */
  auto?: boolean
}

export interface Run {
  state: DialogueState
  outputs: Turn[]
  /** The last turn. */
  last: Turn
}

const MAX_ROUNDS = 4

export function run(inputs: StepInput[], options: RunOptions = {}): Run {
  const context = options.context ?? ctx()
  const answers = options.answers ?? {}
  let state = options.state ?? initialState('ru')
  const outputs: Turn[] = []
  for (const input of inputs) {
    let out = step(state, input, context)
    assertKnownKeys(out.messages)
    const turn: Turn = {
      input,
      state: out.state,
      messages: [...out.messages],
      commands: [...out.commands],
      results: [],
    }
    for (let round = 0; options.auto !== false && round < MAX_ROUNDS && out.commands.length > 0; round++) {
      const results = out.commands.map((c) => answer(answers, c)).filter((r): r is CommandResult => r !== null)
      let next = out.state
      const commands: DialogueCommand[] = []
      for (const r of results) {
        const after = step(next, { type: 'result', result: r }, context)
        assertKnownKeys(after.messages)
        turn.messages.push(...after.messages)
        commands.push(...after.commands)
        turn.results.push(r)
        next = after.state
      }
      turn.commands.push(...commands)
      out = { state: next, messages: [], commands }
    }
    turn.state = out.state
    state = out.state
    outputs.push(turn)
  }
  const last = outputs.at(-1)
  if (!last) throw new Error('run() needs at least one input')
  return { state, outputs, last }
}

// ---------------------------------------------------------------------------------------------
// Reading the output.
// ---------------------------------------------------------------------------------------------

/** The i-th turn of a run (negative: from the end). */
export function nth(r: Run, i: number): Turn {
  const found = r.outputs.at(i)
  if (!found) throw new Error(`no turn ${i} in a run of ${r.outputs.length}`)
  return found
}

interface HasMessages {
  messages: OutboundMessage[]
}

/** The keys of the text lines of all messages, in order. */
export const keys = (output: HasMessages): string[] => output.messages.flatMap((m) => m.text.map((t) => t.key))

/** The last message: the prompt a step asks. */
export function prompt(output: HasMessages): OutboundMessage {
  const message = output.messages.at(-1)
  if (!message) throw new Error('no messages')
  return message
}

/** The button values of the last message. */
export function values(output: HasMessages): string[] {
  const p = output.messages.at(-1)?.prompt ?? { kind: 'none' }
  return p.kind === 'none' ? [] : p.choices.map((c) => c.value)
}

/** Commands of a given type, narrowed. */
export function commandsOf<K extends DialogueCommand['type']>(
  output: { commands: DialogueCommand[] },
  type: K,
): Extract<DialogueCommand, { type: K }>[] {
  return output.commands.filter((c): c is Extract<DialogueCommand, { type: K }> => c.type === type)
}

/** The one command of a given type; throws unless there is exactly one. */
export function theCommand<K extends DialogueCommand['type']>(
  output: { commands: DialogueCommand[] },
  type: K,
): Extract<DialogueCommand, { type: K }> {
  const found = commandsOf(output, type)
  const [first] = found
  if (found.length !== 1 || first === undefined) throw new Error(`expected one ${type} command, got ${found.length}`)
  return first
}

/** The first text line with a key, for looking at its params. */
export function line(output: HasMessages, key: string): Text {
  const found = output.messages.flatMap((m) => m.text).find((t) => t.key === key)
  if (!found) throw new Error(`no line ${key} in ${keys(output).join(', ')}`)
  return found
}

// ---------------------------------------------------------------------------------------------
// Text keys: every key the machine emits must be in locales/ru.
// ---------------------------------------------------------------------------------------------

export const LOCALE_KEYS: ReadonlySet<string> = new Set(Object.keys(loadDictionarySync('ru')))

function textKeys(t: Text): string[] {
  const nested = Object.values(t.params ?? {}).flatMap((p) =>
    typeof p === 'object' && 'text' in p ? textKeys(p.text) : [],
  )
  return [t.key, ...nested]
}

/** Every key in the messages: lines, button labels and `{ text }` params, recursively. */
export function allKeys(messages: OutboundMessage[]): string[] {
  return messages.flatMap((m) => [
    ...m.text.flatMap(textKeys),
    ...(m.prompt.kind === 'none' ? [] : m.prompt.choices.flatMap((c) => textKeys(c.label))),
  ])
}

/** Every key emitted by any run() in the test file, for the locale check. */
export const EMITTED_KEYS = new Set<string>()

function assertKnownKeys(messages: OutboundMessage[]): void {
  const found = allKeys(messages)
  for (const key of found) EMITTED_KEYS.add(key)
  const unknown = found.filter((key) => !LOCALE_KEYS.has(key))
  if (unknown.length > 0) throw new Error(`text keys missing in locales/ru: ${unknown.join(', ')}`)
}

// ---------------------------------------------------------------------------------------------
// Routes: the events that bring a fresh conversation to a report step (heating, Lida, no phone).
// ---------------------------------------------------------------------------------------------

export const STREET = 'ул. Советская'
export const HOUSE = '5'
export const FLAT = 'кв. 17'
export const DESCRIPTION = 'Батареи холодные третий день'

export type RoutableStep = Exclude<Extract<Step, `report.${string}`>, 'report.duplicate'>

const toTop = [press('menu:report')]
const toCategory = [...toTop, press('top:heating')]
const toDistrict = [...toCategory, press('cat:heating.no-heat')]
const toSettlement = [...toDistrict, press('dist:lida')]
const toStreet = [...toSettlement, press('stl:lida.lida')]
const toHouse = [...toStreet, typed(STREET)]
const toFlat = [...toHouse, typed(HOUSE)]
const toConfirmAddress = [...toFlat, typed(FLAT)]
const toDescription = [...toConfirmAddress, press('yes')]
const toPhotos = [...toDescription, typed(DESCRIPTION)]
const toPhoneOffer = [...toPhotos, press('skip')]
const toConsent = [...toPhoneOffer, press('share')]
const toPhone = [...toConsent, press('agree')]
const toSummary = [...toPhoneOffer, press('skip')]
const toEdit = [...toSummary, press('edit')]
// "report" again once a category is chosen: the kept draft is offered first
const toResume = [...toDistrict, press('menu:report')]

const ROUTES: Record<RoutableStep, StepInput[]> = {
  'report.top-category': toTop,
  'report.category': toCategory,
  'report.district': toDistrict,
  'report.confirm-district': [...toDistrict, location(LIDA_CENTRE)],
  'report.settlement': toSettlement,
  'report.street': toStreet,
  'report.house': toHouse,
  'report.flat': toFlat,
  'report.confirm-address': toConfirmAddress,
  'report.description': toDescription,
  'report.photos': toPhotos,
  'report.phone-offer': toPhoneOffer,
  'report.consent': toConsent,
  'report.phone': toPhone,
  'report.summary': toSummary,
  'report.edit': toEdit,
  'report.resume': toResume,
}

export const REPORT_STEPS = Object.keys(ROUTES) as RoutableStep[]

/** The events that bring a fresh conversation to `target`. */
export const routeTo = (target: RoutableStep): StepInput[] => [...ROUTES[target]]

/** A conversation brought to `target`, for going on from there with `run(..., { state })`. */
export function at(target: RoutableStep, options: RunOptions = {}): Run {
  const reached = run(routeTo(target), options)
  if (reached.state.step !== target) throw new Error(`route to ${target} ended at ${reached.state.step}`)
  return reached
}

/** The main menu's buttons. */
export const MENU_VALUES = ['menu:report', 'menu:my', 'menu:status', 'menu:notices', 'menu:phones', 'menu:settings']
