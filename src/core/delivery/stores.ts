import type { NoticeView, RequestCardView, StatusUpdateView } from './outgoing.js'
import type { MessengerChannel, Recipient } from './ports.js'
import type { DispatchDeliveryStore } from '../dispatch/delivery.js'

/**
 * How a person's address is chosen: staff read in Telegram only; residents on a channel switched on,
 * the one a request came in through first (for messages about it), else Telegram, then Viber.
 */
export interface RecipientRoute {
  staffMessage: boolean
  requestId?: number
}

/** A notice delivery planned for a person, through the channel chosen for them. */
export interface PlannedDelivery {
  userId: number
  channel: MessengerChannel
}

/** What the delivery workers read and write; implemented over PostgreSQL in src/db. */
export interface DeliveryStore extends DispatchDeliveryStore {
  /** One address each: the channel the request came in through when it still works. */
  residentsOf: (requestId: number) => Promise<Recipient[]>
  /** Without a route: a staff message (Telegram only). */
  recipient: (userId: number, route?: RecipientRoute) => Promise<Recipient | null>
  dispatchersOf: (organisationIds: number[]) => Promise<(Recipient & { organisationId: number })[]>
  districtAdminsOf: (districtId: number) => Promise<Recipient[]>
  triageOrganisations: () => Promise<number[]>
  requestRouting: (requestId: number) => Promise<
    | {
        id: number
        number: string
        status: string
        district_id: number
        primary_organisation_id: number | null
        copy_organisation_ids: number[]
        priority: 'normal' | 'emergency'
        accept_due_at: Date
        fix_due_at: Date
        created_at: Date
        accepted_at: Date | null
      }
    | undefined
  >
  statusUpdateView: (requestId: number, eventId: number) => Promise<StatusUpdateView | null>
  cardView: (requestId: number, copy: boolean) => Promise<RequestCardView | null>
  /** userId null: a send to a group chat. */
  claimSend: (jobId: string, userId: number | null) => Promise<boolean>
  wasSent: (jobId: string) => Promise<boolean>
  finishSend: (jobId: string, state: 'sent' | 'skipped') => Promise<void>
  abandonSend: (jobId: string) => Promise<void>
  markUnreachable: (userId: number, reason: string, channel: MessengerChannel) => Promise<void>
  deadLetter: (letter: {
    queue: string
    jobName: string
    jobId: string
    payload: Record<string, unknown>
    reason: string
    attempts: number
    recipientUserId: number | null
  }) => Promise<void>
  ratingState: (requestId: number) => Promise<
    | {
        id: number
        number: string
        status: string
        author_user_id: number
        done_at: Date | null
        rated_at: Date | null
        rating_requested_at: Date | null
        rating_reminded_at: Date | null
      }
    | undefined
  >
  markRatingAsked: (requestId: number, reminder: boolean) => Promise<void>
  dueRatingSteps: (
    now: Date,
    delays: { askMs: number; remindMs: number; closeMs: number },
  ) => Promise<{ requestId: number; doneAt: Date; step: 'ask' | 'remind' | 'close' }[]>
  overdue: (
    now: Date,
  ) => Promise<{ id: number; deadline: 'accept' | 'fix'; due_at: Date; level: number; district_id: number }[]>
  recordEscalation: (requestId: number, deadline: 'accept' | 'fix', level: number) => Promise<boolean>
  noticeView: (noticeId: number) => Promise<(NoticeView & { state: string }) | null>
  /** Old plumbing rows (processed updates, published outbox, sent-message marks) removed. */
  purgeOld: (olderThan: Date) => Promise<void>
}

export interface NoticeDeliveryStore {
  startDue: (now: Date) => Promise<number[]>
  unplanned: () => Promise<number[]>
  planningState: (
    noticeId: number,
  ) => Promise<{ state: string; planner_cursor: number | null; planned_at: Date | null } | undefined>
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
