import type { RequestStatus } from '../requests/status.js'

/** Where a request stands in its rating round after "done". */
export interface RatingState {
  id: number
  number: string
  status: RequestStatus
  authorUserId: number
  doneAt: Date | null
  ratedAt: Date | null
  ratingRequestedAt: Date | null
  ratingRemindedAt: Date | null
}

export type RatingStep = 'ask' | 'remind' | 'close'

/** The rating round: ask, remind once, close unrated; the sweep re-derives lost timers from here. */
export interface RatingTimerStore {
  ratingState: (requestId: number) => Promise<RatingState | null>
  markRatingAsked: (requestId: number, reminder: boolean) => Promise<void>
  /** Done and unrated requests whose next step is due. */
  dueRatingSteps: (
    now: Date,
    delays: { askMs: number; remindMs: number; closeMs: number },
  ) => Promise<{ requestId: number; doneAt: Date; step: RatingStep }[]>
}
