import type { Actor } from '../access/permissions.js'
import type { PermittedArea } from './scope.js'
import { permittedArea } from './scope.js'

export interface DeadLetter {
  id: number
  failedAt: Date
  queue: string
  jobName: string
  attempts: number
  reason: string
}

export interface DeadLetterPage {
  rows: DeadLetter[]
  total: number
}

/**
 * The newest unresolved dead letters in an area, a page at a time, without payloads (they may
 * name a person). In a set of districts: letters about a request of those districts, or to a
 * person living there. Anything else (a group chat, a notice's planner, the plumbing) belongs to
 * no district and is shown to region-wide admins only.
 */
export type DeadLetterQuery = (query: { area: PermittedArea; offset: number; limit: number }) => Promise<DeadLetterPage>

export type DeadLetterResult = ({ ok: true } & DeadLetterPage) | { ok: false; error: 'not-allowed' }

/** /deadletters: what could not be delivered, where the actor may look at it. */
export function makeListDeadLetters(deps: { deadLetters: DeadLetterQuery }) {
  return async (actor: Actor, offset: number, limit: number): Promise<DeadLetterResult> => {
    const area = permittedArea(actor, 'deadletters.view')
    if (!area.region && area.districtIds.length === 0) return { ok: false, error: 'not-allowed' }
    return { ok: true, ...(await deps.deadLetters({ area, offset, limit })) }
  }
}
