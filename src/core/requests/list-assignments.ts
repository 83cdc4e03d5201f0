import type { Actor } from '../access/permissions.js'
import { holdsAnywhere } from '../access/permissions.js'
import type { LocalizedText } from '../i18n/text.js'
import type { RequestStatus, StatusAction } from './status.js'
import { OPEN_STATUSES, actionsFrom } from './status.js'

/** One request in an executor's hands, as their list shows it. */
export interface Assignment {
  requestId: number
  number: string
  status: RequestStatus
  category: LocalizedText
  addressText: string
  description: string
  /** ISO time: it travels through stored conversation data and job payloads as text. */
  fixDueAt: string
  emergency: boolean
}

export interface AssignmentsStore {
  assignedTo: (userId: number, statuses: readonly RequestStatus[], limit: number) => Promise<Assignment[]>
}

export type ListAssignmentsResult =
  { ok: true; assignments: (Assignment & { actions: ('start' | 'finish')[] })[] } | { ok: false; error: 'not-allowed' }

/** At most this many in one answer: an executor works a handful at a time. */
export const ASSIGNMENTS_LIMIT = 20

const EXECUTOR_ACTIONS: readonly StatusAction[] = ['start', 'finish']

/** The open requests assigned to the person, each with what they can do next. */
export function makeListAssignments(deps: { store: AssignmentsStore }) {
  return async function listAssignments(actor: Actor): Promise<ListAssignmentsResult> {
    if (!holdsAnywhere(actor, 'assignments.view')) return { ok: false, error: 'not-allowed' }
    const rows = await deps.store.assignedTo(actor.userId, OPEN_STATUSES, ASSIGNMENTS_LIMIT)
    return {
      ok: true,
      assignments: rows.map((row) => ({
        ...row,
        actions: actionsFrom(row.status).filter((a): a is 'start' | 'finish' => EXECUTOR_ACTIONS.includes(a)),
      })),
    }
  }
}
