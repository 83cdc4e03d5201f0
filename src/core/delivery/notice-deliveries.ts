import type { MessengerChannel } from './ports.js'

/** A notice delivery planned for a person, through the channel chosen for them. */
export interface PlannedDelivery {
  userId: number
  channel: MessengerChannel
}

/** How far the planner has come through a notice's recipients. */
export interface NoticePlanningState {
  state: string
  /** The last user id planned; null before the first page. */
  plannerCursor: number | null
  plannedAt: Date | null
}

/** A notice's deliveries: planned page by page, each claimed and finished once. */
export interface NoticeDeliveryStore {
  startDue: (now: Date) => Promise<number[]>
  unplanned: () => Promise<number[]>
  planningState: (noticeId: number) => Promise<NoticePlanningState | null>
  recipientsPage: (noticeId: number, afterUserId: number, limit: number) => Promise<number[]>
  /** Returns the page's deliveries still pending, each with the channel chosen for it. */
  addPage: (noticeId: number, userIds: number[], cursor: number) => Promise<PlannedDelivery[]>
  finishPlanning: (noticeId: number) => Promise<void>
  pendingAfter: (noticeId: number, afterUserId: number, limit: number) => Promise<PlannedDelivery[]>
  claim: (noticeId: number, userId: number) => Promise<'claimed' | 'done' | 'cancelled'>
  finish: (
    noticeId: number,
    userId: number,
    state: 'sent' | 'failed' | 'unreachable' | 'pending',
    error?: string,
  ) => Promise<void>
  completeIfDone: (noticeId: number) => Promise<void>
  progress: (noticeId: number) => Promise<Record<string, number>>
  /** Deliveries left "sending" by a crashed worker: counted as sent (never sent twice). */
  settleStuck: (olderThan: Date) => Promise<number>
  /** Notices fully planned and still sending (their pending deliveries may need jobs again). */
  sendingPlanned: () => Promise<number[]>
}
