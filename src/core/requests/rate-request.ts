import type { Actor, RequestScope } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { Clock, OutboxMessage, Transact } from '../shared/ports.js'
import type { RequestForChange, StatusChangeRow } from './change-status.js'
import { transition } from './status.js'

/** "Not fixed" (0) or 1–5 stars. 0, 1 and 2 reopen the request. */
export type Rating = 0 | 1 | 2 | 3 | 4 | 5

export interface RateRequestStore {
  /** Who may see and rate the request, read without a lock. */
  readScope: (requestId: number) => Promise<RequestScope | null>
  lockRequest: (
    requestId: number,
  ) => Promise<(RequestForChange & { rating: number | null; ratedAt: Date | null }) | null>
  recordRating: (requestId: number, actorUserId: number, rating: Rating, at: Date) => Promise<void>
  applyStatusChange: (change: StatusChangeRow) => Promise<number>
  enqueue: (messages: OutboxMessage[]) => Promise<void>
}

export type RateRequestResult =
  | { ok: true; outcome: 'closed' | 'reopened'; number?: string }
  | { ok: false; error: 'not-found' | 'not-allowed' | 'already-rated' | 'not-done' }

const REOPEN_AT_OR_BELOW = 2

/** The resident's rating: once; good closes the request, "not fixed" or 1–2 stars reopen it. */
export function makeRateRequest(deps: { transact: Transact<RateRequestStore>; now: Clock }) {
  return async function rateRequest(actor: Actor, requestId: number, rating: Rating): Promise<RateRequestResult> {
    return deps.transact(async (store): Promise<RateRequestResult> => {
      // A stranger's rating (a forged button) locks nothing: permission is read first, unlocked.
      const denied = refusal(actor, await store.readScope(requestId))
      if (denied) return denied
      const request = await store.lockRequest(requestId)
      const deniedLocked = refusal(actor, request)
      if (deniedLocked || !request) return deniedLocked ?? { ok: false, error: 'not-found' }
      if (request.rating !== null || request.ratedAt !== null) return { ok: false, error: 'already-rated' }
      const reopen = rating <= REOPEN_AT_OR_BELOW
      const result = transition(request.status, reopen ? 'reopen' : 'close')
      if (!result.ok) return { ok: false, error: 'not-done' }
      const at = deps.now()
      await store.recordRating(request.id, actor.userId, rating, at)
      const eventId = await store.applyStatusChange({
        requestId: request.id,
        from: result.from,
        to: result.to,
        action: reopen ? 'reopen' : 'close',
        actorUserId: actor.userId,
        at,
        note: rating === 0 ? 'not fixed' : `rating ${rating}`,
      })
      await store.enqueue([
        {
          queue: 'notifications',
          jobName: 'status-changed',
          payload: { requestId: request.id, eventId, from: result.from, to: result.to },
          priority: 1,
        },
      ])
      return { ok: true, outcome: reopen ? 'reopened' : 'closed' }
    })
  }
}

function refusal(actor: Actor, request: RequestScope | null): Extract<RateRequestResult, { ok: false }> | null {
  if (!request || !can(actor, 'request.view', request)) return { ok: false, error: 'not-found' }
  if (!can(actor, 'request.rate', request)) return { ok: false, error: 'not-allowed' }
  return null
}
