import type { Actor, RequestScope } from '../access/permissions.js'
import type { RejectionReason } from './rejection.js'
import { can, PERMISSION_FOR_ACTION } from '../access/permissions.js'
import type { FreeTextRefusal } from '../shared/free-text.js'
import { freeTexts, TEXT_LIMITS } from '../shared/free-text.js'
import type { Clock, OutboxMessage, Transact } from '../shared/ports.js'
import type { Photo } from './request.js'
import type { RequestStatus, StatusAction, TransitionResult } from './status.js'
import { transition } from './status.js'

/** A request as a status change sees it, read with a row lock. */
export interface RequestForChange extends RequestScope {
  id: number
  status: RequestStatus
  afterPhotoCount: number
}

export interface StatusChangeRow {
  requestId: number
  from: RequestStatus
  to: RequestStatus
  action: StatusAction
  /** null: the system (e.g. the rating window ran out). */
  actorUserId: number | null
  at: Date
  /** The reason, the planned period or the question, as the actor wrote it. */
  note: string | null
  rejectionReason?: string
  rejectionCode?: RejectionReason
  plannedPeriod?: string
}

export interface ChangeStatusStore {
  lockRequest: (requestId: number) => Promise<RequestForChange | null>
  /** Returns the id of the event it recorded. */
  applyStatusChange: (change: StatusChangeRow) => Promise<number>
  addPhotos: (requestId: number, uploadedByUserId: number, photos: Photo[]) => Promise<void>
  addMessage: (
    requestId: number,
    kind: 'question' | 'answer' | 'official_answer' | 'comment',
    authorUserId: number,
    body: string,
  ) => Promise<void>
  enqueue: (messages: OutboxMessage[]) => Promise<void>
}

export interface ChangeStatusCommand {
  actor: Actor
  requestId: number
  action: StatusAction
  reason?: string
  /** For reject: the reason picked from the list; `reason` holds the words that go with it. */
  reasonCode?: RejectionReason
  plannedPeriod?: string
  question?: string
  /** The resident's answer to a question (provide_info) or the executor's comment (finish). */
  comment?: string
  afterPhotos?: Photo[]
}

export type ChangeStatusResult =
  | { ok: true; from: RequestStatus; to: RequestStatus }
  | { ok: false; error: 'not-found' | 'not-allowed' }
  | FreeTextRefusal
  | Extract<TransitionResult, { ok: false }>

const noteFor = (c: ChangeStatusCommand): string | null =>
  c.reason?.trim() ?? c.plannedPeriod?.trim() ?? c.question?.trim() ?? c.comment?.trim() ?? null

/** Any status change: checked by permission and scope, recorded as an event, told to the resident. */
export function makeChangeRequestStatus(deps: { transact: Transact<ChangeStatusStore>; now: Clock }) {
  return async function changeRequestStatus(typed: ChangeStatusCommand): Promise<ChangeStatusResult> {
    // Typed words are cleaned and measured before anything is locked or written.
    const texts = freeTexts(
      { reason: typed.reason, plannedPeriod: typed.plannedPeriod, question: typed.question, comment: typed.comment },
      {
        reason: TEXT_LIMITS.message,
        plannedPeriod: TEXT_LIMITS.plannedPeriod,
        question: TEXT_LIMITS.message,
        comment: TEXT_LIMITS.message,
      },
    )
    if (!texts.ok) return texts
    const command: ChangeStatusCommand = { ...typed, ...texts.values }
    return deps.transact(async (store): Promise<ChangeStatusResult> => {
      const request = await store.lockRequest(command.requestId)
      // Someone who may not see a request learns nothing about it, not even that it exists.
      if (!request || !can(command.actor, 'request.view', request)) return { ok: false, error: 'not-found' }
      if (!can(command.actor, PERMISSION_FOR_ACTION[command.action], request))
        return { ok: false, error: 'not-allowed' }
      const newAfterPhotos = (command.afterPhotos ?? []).filter((p) => p.kind === 'after')
      const result = transition(request.status, command.action, {
        ...(command.reason !== undefined && { reason: command.reason }),
        ...(command.plannedPeriod !== undefined && { plannedPeriod: command.plannedPeriod }),
        ...(command.question !== undefined && { question: command.question }),
        afterPhotoCount: request.afterPhotoCount + newAfterPhotos.length,
      })
      if (!result.ok) return result
      const userId = command.actor.userId
      if (newAfterPhotos.length > 0) await store.addPhotos(request.id, userId, newAfterPhotos)
      const eventId = await store.applyStatusChange({
        requestId: request.id,
        from: result.from,
        to: result.to,
        action: command.action,
        actorUserId: userId,
        at: deps.now(),
        note: noteFor(command),
        ...(command.action === 'reject' && command.reason !== undefined && { rejectionReason: command.reason.trim() }),
        ...(command.action === 'reject' && command.reasonCode !== undefined && { rejectionCode: command.reasonCode }),
        ...(command.action === 'plan' &&
          command.plannedPeriod !== undefined && { plannedPeriod: command.plannedPeriod.trim() }),
      })
      if (command.action === 'ask' && command.question !== undefined)
        await store.addMessage(request.id, 'question', userId, command.question.trim())
      if (command.comment !== undefined && command.comment.trim() !== '')
        await store.addMessage(
          request.id,
          command.action === 'provide_info' ? 'answer' : 'comment',
          userId,
          command.comment.trim(),
        )
      await store.enqueue([
        {
          queue: 'notifications',
          jobName: 'status-changed',
          payload: { requestId: request.id, eventId, from: result.from, to: result.to },
          priority: 1,
        },
        // The resident's answer goes back to the people who asked.
        ...(command.action === 'provide_info'
          ? [
              {
                queue: 'notifications' as const,
                jobName: 'info-provided',
                payload: { requestId: request.id, eventId },
                priority: 1,
              },
            ]
          : []),
      ])
      return { ok: true, from: result.from, to: result.to }
    })
  }
}
