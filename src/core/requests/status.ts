/**
 * Request statuses and the one function that says which change is allowed.
 * migrations/0003_requests.sql mirrors REQUEST_STATUSES in a CHECK constraint:
 * change both together (a new migration, never an edit).
 */
export const REQUEST_STATUSES = [
  'new',
  'accepted',
  'in_progress',
  'needs_info',
  'done',
  'closed',
  'rejected',
  'planned',
  'reopened',
  'rerouted',
] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

/** Statuses in which the request still needs someone's work. */
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'new',
  'accepted',
  'in_progress',
  'needs_info',
  'planned',
  'reopened',
  'rerouted',
]

export const isOpen = (status: RequestStatus): boolean => OPEN_STATUSES.includes(status)

/** Everything that moves a request from one status to another. */
export const STATUS_ACTIONS = [
  'accept', // the organisation takes the request
  'ask', // a question to the resident; waits for the answer
  'provide_info', // the resident answered the question
  'start', // the executor starts the work
  'finish', // work done ("after" photo and comment)
  'close', // the resident confirmed, or the rating window ran out
  'reopen', // "not fixed", a bad rating, or an admin's decision
  'reject', // with a reason
  'plan', // moved to the capital repair plan with a planned period
  'reroute', // handed to another organisation or category
] as const
export type StatusAction = (typeof STATUS_ACTIONS)[number]

const WORKABLE: readonly RequestStatus[] = ['new', 'accepted', 'reopened', 'rerouted']

const FROM: Record<StatusAction, readonly RequestStatus[]> = {
  accept: ['new', 'reopened', 'rerouted', 'needs_info'],
  ask: [...WORKABLE, 'in_progress'],
  provide_info: ['needs_info'],
  start: ['accepted', 'reopened', 'planned'],
  finish: ['accepted', 'in_progress', 'reopened', 'planned'],
  close: ['done'],
  reopen: ['done', 'closed', 'rejected'],
  reject: [...WORKABLE, 'needs_info', 'in_progress', 'planned'],
  plan: [...WORKABLE, 'needs_info', 'in_progress'],
  reroute: [...WORKABLE, 'needs_info', 'in_progress'],
}

const TO: Record<StatusAction, RequestStatus> = {
  accept: 'accepted',
  ask: 'needs_info',
  // The dispatcher asked, so the answer comes back to an accepted request in their hands.
  provide_info: 'accepted',
  start: 'in_progress',
  finish: 'done',
  close: 'closed',
  reopen: 'reopened',
  reject: 'rejected',
  plan: 'planned',
  reroute: 'rerouted',
}

/** What some changes must carry; checked here so no adapter can forget it. */
export interface TransitionInput {
  reason?: string
  plannedPeriod?: string
  afterPhotoCount?: number
  question?: string
}

export type TransitionResult =
  | { ok: true; from: RequestStatus; to: RequestStatus }
  | {
      ok: false
      error:
        | 'not-allowed-in-status'
        | 'reason-required'
        | 'planned-period-required'
        | 'after-photo-required'
        | 'question-required'
    }

const filled = (text: string | undefined): boolean => text !== undefined && text.trim().length > 0

export function transition(from: RequestStatus, action: StatusAction, input: TransitionInput = {}): TransitionResult {
  if (!FROM[action].includes(from)) return { ok: false, error: 'not-allowed-in-status' }
  if (action === 'reject' && !filled(input.reason)) return { ok: false, error: 'reason-required' }
  if (action === 'plan' && !filled(input.plannedPeriod)) return { ok: false, error: 'planned-period-required' }
  if (action === 'ask' && !filled(input.question)) return { ok: false, error: 'question-required' }
  if (action === 'finish' && (input.afterPhotoCount ?? 0) < 1) return { ok: false, error: 'after-photo-required' }
  return { ok: true, from, to: TO[action] }
}

/** Actions possible from a status (for building the buttons of a card). */
export const actionsFrom = (status: RequestStatus): StatusAction[] =>
  STATUS_ACTIONS.filter((action) => FROM[action].includes(status))
