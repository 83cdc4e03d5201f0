import type { RequestStatus } from './status.js'

/**
 * What a resident may read of a request: the author, and a neighbour who follows it, see the same.
 * Staff notes stay with staff; only what the service says to the resident leaves it.
 */

/** A status change whose note is addressed to the resident: the rejection reason, the planned period, the question. */
export const PUBLIC_NOTE_STATUSES: readonly RequestStatus[] = ['rejected', 'planned', 'needs_info']

/** A status change that carries the organisation's official answer, when there is one. */
export const OFFICIAL_ANSWER_STATUSES: readonly RequestStatus[] = ['done', 'rejected']

/** The history a resident's card lists: when it was filed and each change of status (without notes). */
export const RESIDENT_HISTORY_EVENT_KINDS = ['created', 'status_changed'] as const

export type RequestMessageKind = 'question' | 'answer' | 'official_answer' | 'comment'

/** Messages a resident's card lists; their own answers are not repeated back to them. */
export const RESIDENT_MESSAGE_KINDS: readonly RequestMessageKind[] = ['question', 'official_answer', 'comment']

/** The parts of one status change a resident is told. */
export interface PublicChange {
  note: string | null
  officialAnswer: string | null
  rejectionCode: string | null
}

export function publicPartsOfChange(change: {
  to: RequestStatus
  note: string | null
  rejectionCode: string | null
  /** The latest official answer given up to this change. */
  officialAnswer: string | null
}): PublicChange {
  return {
    note: PUBLIC_NOTE_STATUSES.includes(change.to) ? change.note : null,
    officialAnswer: OFFICIAL_ANSWER_STATUSES.includes(change.to) ? change.officialAnswer : null,
    rejectionCode: change.to === 'rejected' ? change.rejectionCode : null,
  }
}
