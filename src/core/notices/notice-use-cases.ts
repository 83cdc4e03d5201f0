import type { Actor } from '../access/permissions.js'
import { can, holdsAnywhere } from '../access/permissions.js'
import type { Clock, OutboxMessage, Transact } from '../shared/ports.js'
import type { NoticeArea, NoticeDraft, NoticeDraftError } from './notice.js'
import { validateNoticeBody, validateNoticeDraft, validateSendAt } from './notice.js'
import type { NoticeForChange, NoticeState, NoticeStore, ProgressMessage } from './ports.js'
import { cleanText } from '../shared/characters.js'

export type NoticeFailure = 'not-found' | 'not-allowed' | 'wrong-state' | NoticeDraftError

export type NoticeResult<T = object> = ({ ok: true } & T) | { ok: false; error: NoticeFailure }

/** States in which a notice is still in force: it can be corrected, cancelled or ended. */
export const ACTIVE_NOTICE_STATES: readonly NoticeState[] = ['scheduled', 'sending', 'sent']

/**
 * Whether the actor may send notices to the whole area: every district it touches must be
 * theirs, and the whole region only with a region-wide membership.
 */
export async function maySendTo(store: Pick<NoticeStore, 'areaDistricts'>, actor: Actor, area: NoticeArea) {
  const districts = await store.areaDistricts(area)
  if (districts === null) return 'not-found' as const
  if (districts === 'region') return can(actor, 'notice.send', { districtId: null }) ? 'yes' : 'no'
  return districts.length > 0 && districts.every((districtId) => can(actor, 'notice.send', { districtId }))
    ? 'yes'
    : 'no'
}

/** The broadcast planner's job; the same id as the sweep's, so a notice is planned once. */
const planJob = (noticeId: number): OutboxMessage => ({
  queue: 'broadcasts',
  jobName: 'plan',
  payload: { noticeId },
  jobId: `plan-${noticeId}-0`,
})

interface Deps {
  transact: Transact<NoticeStore>
  now: Clock
}

/** A notice the admin composed, saved as a draft to be previewed, then confirmed or scheduled. */
export function makeCreateNotice(deps: Deps) {
  return (actor: Actor, draft: NoticeDraft): Promise<NoticeResult<{ noticeId: number }>> =>
    deps.transact(async (store) => {
      const invalid = validateNoticeDraft(draft, deps.now())
      if (invalid) return { ok: false, error: invalid }
      const allowed = await maySendTo(store, actor, draft.area)
      if (allowed !== 'yes') return { ok: false, error: allowed === 'no' ? 'not-allowed' : 'not-found' }
      const body = { ...draft, body: cleanText(draft.body).trim() }
      const noticeId = await store.insertDraft(body, actor.userId, deps.now())
      await store.recordEvent(noticeId, 'created', actor.userId, {})
      return { ok: true, noticeId }
    })
}

/** Locks a notice the actor may act on (own area, a top-level notice). */
async function lockOwn(
  store: NoticeStore,
  actor: Actor,
  noticeId: number,
): Promise<{ ok: true; notice: NoticeForChange } | { ok: false; error: NoticeFailure }> {
  // Someone who sends notices nowhere locks nothing: a forged button cannot hold a notice's row.
  if (!holdsAnywhere(actor, 'notice.send')) return { ok: false, error: 'not-allowed' }
  const notice = await store.lockNotice(noticeId)
  if (!notice || notice.parentNoticeId !== null) return { ok: false, error: 'not-found' }
  const allowed = await maySendTo(store, actor, notice.area)
  if (allowed !== 'yes') return { ok: false, error: allowed === 'no' ? 'not-allowed' : 'not-found' }
  return { ok: true, notice }
}

/**
 * Confirms a draft: sent now (`sendAt` null) or at `sendAt`. The progress message the admin
 * watches is stored with it, so the workers can update it.
 */
export function makeConfirmNotice(deps: Deps) {
  return (
    actor: Actor,
    noticeId: number,
    options: { sendAt: Date | null; progress: ProgressMessage | null },
  ): Promise<NoticeResult<{ state: 'sending' | 'scheduled' }>> =>
    deps.transact(async (store) => {
      const locked = await lockOwn(store, actor, noticeId)
      if (!locked.ok) return locked
      const { notice } = locked
      if (notice.state !== 'draft') return { ok: false, error: 'wrong-state' }
      const now = deps.now()
      if (notice.endsAt !== null && Date.parse(notice.endsAt) <= now.getTime())
        return { ok: false, error: 'window-ended' }
      if (options.sendAt !== null) {
        const invalid = validateSendAt(options.sendAt, notice.endsAt, now)
        if (invalid) return { ok: false, error: invalid }
        await store.update(noticeId, { state: 'scheduled', sendAt: options.sendAt, progress: options.progress }, now)
        await store.recordEvent(noticeId, 'scheduled', actor.userId, { sendAt: options.sendAt.toISOString() })
        // The sweep starts it when it comes due.
        return { ok: true, state: 'scheduled' }
      }
      await store.update(noticeId, { state: 'sending', sendAt: now, progress: options.progress }, now)
      await store.recordEvent(noticeId, 'confirmed', actor.userId, {})
      await store.enqueue([planJob(noticeId)])
      return { ok: true, state: 'sending' }
    })
}

/**
 * Corrects the text of an active notice. Residents not yet reached get the corrected text;
 * those who already got it receive the correction as a follow-up message.
 */
export function makeCorrectNotice(deps: Deps) {
  return (actor: Actor, noticeId: number, body: string): Promise<NoticeResult<{ followUpTo: number }>> =>
    deps.transact(async (store) => {
      const locked = await lockOwn(store, actor, noticeId)
      if (!locked.ok) return locked
      const { notice } = locked
      if (!ACTIVE_NOTICE_STATES.includes(notice.state)) return { ok: false, error: 'wrong-state' }
      const invalid = validateNoticeBody(body, notice.photo !== null)
      if (invalid) return { ok: false, error: invalid }
      const now = deps.now()
      const text = cleanText(body).trim()
      await store.update(noticeId, { body: text }, now)
      await store.recordEvent(noticeId, 'corrected', actor.userId, { previous: notice.body })
      const reached = await store.countSent(noticeId)
      if (reached > 0) {
        const followUp = await store.insertFollowUp(noticeId, 'correction', text, actor.userId, now)
        await store.enqueue([planJob(followUp)])
      }
      return { ok: true, followUpTo: reached }
    })
}

/** Whether the actor may correct the notice: asked before they are asked for the new text. */
export function makeMayCorrectNotice(deps: Deps) {
  return (actor: Actor, noticeId: number): Promise<NoticeResult> =>
    deps.transact(async (store) => {
      const locked = await lockOwn(store, actor, noticeId)
      if (!locked.ok) return locked
      return ACTIVE_NOTICE_STATES.includes(locked.notice.state) ? { ok: true } : { ok: false, error: 'wrong-state' }
    })
}

/** Cancels a scheduled or sending notice: whatever is not yet sent is never sent. */
export function makeCancelNotice(deps: Deps) {
  return (actor: Actor, noticeId: number): Promise<NoticeResult> =>
    deps.transact(async (store) => {
      const locked = await lockOwn(store, actor, noticeId)
      if (!locked.ok) return locked
      if (!['draft', 'scheduled', 'sending'].includes(locked.notice.state)) return { ok: false, error: 'wrong-state' }
      await store.update(noticeId, { state: 'cancelled' }, deps.now())
      await store.recordEvent(noticeId, 'cancelled', actor.userId, { from: locked.notice.state })
      return { ok: true }
    })
}

/**
 * The outage is over: the notice ends (unsent copies are dropped) and everyone who received it
 * is told the service is restored.
 */
export function makeEndNotice(deps: Deps) {
  return (actor: Actor, noticeId: number): Promise<NoticeResult<{ told: number }>> =>
    deps.transact(async (store) => {
      const locked = await lockOwn(store, actor, noticeId)
      if (!locked.ok) return locked
      if (!ACTIVE_NOTICE_STATES.includes(locked.notice.state)) return { ok: false, error: 'wrong-state' }
      const now = deps.now()
      await store.update(noticeId, { state: 'ended' }, now)
      await store.recordEvent(noticeId, 'ended', actor.userId, { from: locked.notice.state })
      const reached = await store.countSent(noticeId)
      if (reached > 0) {
        const followUp = await store.insertFollowUp(noticeId, 'ended', locked.notice.body, actor.userId, now)
        await store.enqueue([planJob(followUp)])
      }
      return { ok: true, told: reached }
    })
}
