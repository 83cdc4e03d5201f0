import type { Language } from '../i18n/text.js'
import { languageFrom } from '../i18n/text.js'
import type { RequestSource } from '../requests/request.js'
import { createKeyedQueue } from '../shared/keyed-queue.js'
import type { Catalogue } from './catalogue.js'
import type {
  CommandResult,
  DialogueCommand,
  NoticeSummary,
  ProfilePatch,
  RequestCard,
  RequestSummary,
} from './commands.js'
import { step } from './machine.js'
import type { InboundEvent, InboundPhoto, OutboundMessage, PhotoRef } from './messages.js'
import type { DialogueState, Draft } from './state.js'
import { initialState } from './state.js'
import type { Profile } from './step-kit.js'

/** Where dialogue states live (Redis, with a TTL): saves are compare-and-set on the version. */
export interface DialogueStateStore {
  load: (key: string) => Promise<DialogueState | null>
  /** Stores `state` if the stored version is still `expectedVersion` (0: none stored); false if someone saved first. */
  save: (key: string, state: DialogueState, expectedVersion: number) => Promise<boolean>
}

/** What the dialogue reads and writes about a resident and their requests. */
export interface ResidentServices {
  profile: (userId: number) => Promise<Profile>
  saveProfile: (userId: number, patch: ProfilePatch) => Promise<void>
  forget: (userId: number) => Promise<void>
  checkBeforeSend: (userId: number, draft: Draft) => Promise<{ duplicates: RequestSummary[]; notices: NoticeSummary[] }>
  submit: (
    userId: number,
    draft: Draft,
    source: RequestSource,
  ) => Promise<Extract<CommandResult, { type: 'submitted' }>['outcome']>
  listRequests: (
    userId: number,
    page: number,
    pageSize: number,
  ) => Promise<{ items: RequestSummary[]; hasMore: boolean }>
  requestCard: (userId: number, by: { id: number } | { number: string }) => Promise<RequestCard | null>
  follow: (userId: number, requestId: number) => Promise<string | null>
  notices: (userId: number) => Promise<NoticeSummary[]>
}

export interface DialogueTurn {
  channel: 'telegram' | 'viber'
  /** The channel's id of the person (chat id, Viber user id): the state's key. */
  externalId: string
  userId: number
  /** The language the channel reports, used only for a first contact. */
  channelLanguage: string | undefined
  event: InboundEvent
  /**
   * Keeps the bytes of the event's photo and says where they are, for a channel that holds them
   * only for now (its ref until then is a stand-in). Called only when the dialogue takes the
   * photo, so pictures sent where none is asked for, or over the step's limits, are not stored.
   */
  keepPhoto?: () => Promise<PhotoRef>
}

export interface DialogueReply {
  language: Language
  messages: OutboundMessage[]
}

const MAX_ROUNDS = 4
const MAX_ATTEMPTS = 5

/** Runs `task` once however often it is asked (a turn may be attempted several times). */
function once<T>(task: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined
  return () => (result ??= task())
}

/** The state with the turn's photo kept, if the step took it into the draft. */
async function withKeptPhoto(
  state: DialogueState,
  photo: InboundPhoto,
  keep: () => Promise<PhotoRef>,
): Promise<DialogueState> {
  const draft = state.draft
  // The step puts the event's own photo object into the draft when it takes it.
  if (!draft?.photos.includes(photo)) return state
  const ref = await keep()
  return { ...state, draft: { ...draft, photos: draft.photos.map((p) => (p === photo ? { ...p, ref } : p)) } }
}

export function makeHandleDialogueEvent(deps: {
  states: DialogueStateStore
  residents: ResidentServices
  catalogue: () => Promise<Catalogue>
  newId: () => string
}) {
  const serial = createKeyedQueue()

  async function run(turn: DialogueTurn, command: DialogueCommand): Promise<CommandResult | null> {
    const { userId } = turn
    switch (command.type) {
      case 'check-before-send':
        return { type: 'checked', ...(await deps.residents.checkBeforeSend(userId, command.draft)) }
      case 'submit':
        return { type: 'submitted', outcome: await deps.residents.submit(userId, command.draft, turn.channel) }
      case 'list-requests':
        return { type: 'request-list', ...(await deps.residents.listRequests(userId, command.page, command.pageSize)) }
      case 'show-request':
        return { type: 'request-card', card: await deps.residents.requestCard(userId, command.by) }
      case 'follow':
        return { type: 'followed', number: await deps.residents.follow(userId, command.requestId) }
      case 'list-notices':
        return { type: 'notices', items: await deps.residents.notices(userId) }
      case 'save-profile':
        await deps.residents.saveProfile(userId, command.patch)
        return null
      case 'forget-me':
        await deps.residents.forget(userId)
        return { type: 'forgotten' }
    }
  }

  async function attempt(
    turn: DialogueTurn,
    key: string,
    keepPhoto: (() => Promise<PhotoRef>) | undefined,
  ): Promise<DialogueReply | null> {
    const stored = await deps.states.load(key)
    const profile = await deps.residents.profile(turn.userId)
    const start = stored ?? initialState(languageFrom(turn.channelLanguage))
    const ctx = {
      catalogue: await deps.catalogue(),
      profile: { ...profile, language: start.language },
      newDraftId: deps.newId(),
    }
    let out = step(start, turn.event, ctx)
    if (turn.event.type === 'photo' && keepPhoto)
      out = { ...out, state: await withKeptPhoto(out.state, turn.event.photo, keepPhoto) }
    const messages = [...out.messages]
    // Commands are idempotent (a draft submits once, by its id), so a retried attempt is safe.
    for (let round = 0; round < MAX_ROUNDS && out.commands.length > 0; round++) {
      const results: CommandResult[] = []
      for (const command of out.commands) {
        const result = await run(turn, command)
        if (result) results.push(result)
      }
      let state = out.state
      const commands: DialogueCommand[] = []
      for (const result of results) {
        const next = step(state, { type: 'result', result }, ctx)
        messages.push(...next.messages)
        commands.push(...next.commands)
        state = next.state
      }
      out = { state, messages: [], commands }
    }
    const saved = await deps.states.save(key, { ...out.state, version: start.version + 1 }, start.version)
    return saved ? { language: out.state.language, messages } : null
  }

  /** One event of one person: handled in order with their other events, saved with optimistic concurrency. */
  return async function handleDialogueEvent(turn: DialogueTurn): Promise<DialogueReply> {
    const key = `${turn.channel}:${turn.externalId}`
    const keepPhoto = turn.keepPhoto && once(turn.keepPhoto)
    return serial(key, async () => {
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        const reply = await attempt(turn, key, keepPhoto)
        if (reply) return reply
      }
      throw new Error(`dialogue state of ${key} kept changing under ${MAX_ATTEMPTS} attempts`)
    })
  }
}

export type HandleDialogueEvent = ReturnType<typeof makeHandleDialogueEvent>
