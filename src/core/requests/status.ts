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

const among =
  (group: readonly RequestStatus[]) =>
  (status: RequestStatus): boolean =>
    group.includes(status)

/**
 * Finished: nothing is left to do unless the request is reopened. The partial indexes of
 * migrations/0003_requests.sql say `status not in ('done', 'closed', 'rejected')`: queries that
 * should use them filter with `not in FINISHED_STATUSES`.
 */
export const FINISHED_STATUSES: readonly RequestStatus[] = ['done', 'closed', 'rejected']
export const isFinished = among(FINISHED_STATUSES)

/** Statuses in which the request still needs someone's work: every status that is not finished. */
export const OPEN_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter((status) => !isFinished(status))
export const isOpen = among(OPEN_STATUSES)

/** Waiting for an organisation to take it: the clock to accept runs. */
export const AWAITING_ACCEPTANCE_STATUSES: readonly RequestStatus[] = ['new', 'rerouted', 'reopened']
export const isAwaitingAcceptance = among(AWAITING_ACCEPTANCE_STATUSES)

/** The clock to fix stops once finished, and while the work waits in the capital repair plan (it has its own period). */
export const FIX_CLOCK_STOPPED_STATUSES: readonly RequestStatus[] = [...FINISHED_STATUSES, 'planned']
export const isFixClockRunning = (status: RequestStatus): boolean => !FIX_CLOCK_STOPPED_STATUSES.includes(status)

/** An executor works on a request the organisation has taken (or is already working on). */
export const ASSIGNABLE_STATUSES: readonly RequestStatus[] = ['accepted', 'in_progress', 'reopened', 'planned']
export const isAssignable = among(ASSIGNABLE_STATUSES)

/** Narrows a status read from the database, where a CHECK constraint keeps it to REQUEST_STATUSES. */
export const isRequestStatus = (value: string): value is RequestStatus =>
  (REQUEST_STATUSES as readonly string[]).includes(value)

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
