import type { Job } from 'bullmq'
import {
  RATING_DELAY_MS,
  RATING_REMINDER_AFTER_MS,
  RATING_WINDOW_MS,
  ratingRequestTime,
} from '../core/delivery/quiet-hours.js'
import type { EscalationStore } from '../core/delivery/escalations.js'
import type { Housekeeping } from '../core/delivery/housekeeping.js'
import type { NoticeDeliveryStore } from '../core/delivery/notice-deliveries.js'
import type { RatingTimerStore } from '../core/delivery/rating-timers.js'
import type { RecipientStore } from '../core/delivery/recipients.js'
import { handlingOrganisations } from '../core/delivery/recipients.js'
import { noticeSendJob } from './broadcast.processor.js'
import { addSends } from './channel-routing.js'
import { PRIORITY, QUEUES } from './jobs.js'
import type { Queues } from './queues.js'

const STUCK_SENDING_MS = 5 * 60_000
const KEEP_PLUMBING_MS = 7 * 24 * 3_600_000

/**
 * The sweep: re-derives from PostgreSQL what Redis may have lost (rating steps, escalations,
 * notices to start or to finish) and adds it again under the same job ids, so in the normal
 * case it adds nothing. Runs from one job scheduler.
 */
export function createMaintenanceProcessor(deps: {
  ratings: Pick<RatingTimerStore, 'dueRatingSteps'>
  escalations: EscalationStore
  recipients: RecipientStore
  housekeeping: Housekeeping
  notices: NoticeDeliveryStore
  queues: Queues
  timeZone: string
  now: () => Date
}) {
  const timers = () => deps.queues[QUEUES.timers]
  const send = () => deps.queues[QUEUES.send]

  async function ratings(now: Date): Promise<number> {
    const steps = await deps.ratings.dueRatingSteps(now, {
      askMs: RATING_DELAY_MS,
      remindMs: RATING_REMINDER_AFTER_MS,
      closeMs: RATING_WINDOW_MS,
    })
    for (const { requestId, doneAt, step } of steps) {
      // Never ask at night, also when the sweep finds the question late.
      if (step === 'ask' && ratingRequestTime(doneAt, deps.timeZone) > now) continue
      await timers().add(`rating-${step}`, { requestId }, { jobId: `rating-${step}-${requestId}-${doneAt.getTime()}` })
    }
    return steps.length
  }

  async function escalations(now: Date): Promise<number> {
    let sent = 0
    for (const overdue of await deps.escalations.overdue(now)) {
      if (!(await deps.escalations.recordEscalation(overdue.requestId, overdue.deadline, overdue.level))) continue
      const request = await deps.recipients.requestRouting(overdue.requestId)
      if (!request) continue
      const organisations = await handlingOrganisations(deps.recipients, request)
      // Level 1: the organisation's dispatchers; level 2: the district admin as well.
      const recipients = [
        ...(await deps.recipients.dispatchersOf(organisations)),
        ...(overdue.level > 1 ? await deps.recipients.districtAdminsOf(request.districtId) : []),
      ]
      await send().addBulk(
        recipients.map((r) => ({
          name: 'escalation',
          data: {
            userId: r.userId,
            message: {
              type: 'escalation' as const,
              requestId: overdue.requestId,
              deadline: overdue.deadline,
              level: overdue.level,
            },
          },
          opts: {
            jobId: `esc-${overdue.requestId}-${overdue.deadline}-${overdue.level}-${r.userId}`,
            priority: PRIORITY.escalation,
          },
        })),
      )
      sent += recipients.length
    }
    return sent
  }

  async function notices(now: Date): Promise<void> {
    await deps.notices.startDue(now)
    for (const noticeId of await deps.notices.unplanned()) {
      const state = await deps.notices.planningState(noticeId)
      await deps.queues[QUEUES.broadcasts].add(
        'plan',
        { noticeId },
        { jobId: `plan-${noticeId}-${state?.plannerCursor ?? 0}` },
      )
    }
    await deps.notices.settleStuck(new Date(now.getTime() - STUCK_SENDING_MS))
    for (const noticeId of await deps.notices.sendingPlanned()) {
      // Pending deliveries whose jobs Redis lost get them again; existing ids are ignored.
      let cursor = 0
      for (;;) {
        const page = await deps.notices.pendingAfter(noticeId, cursor, 1000)
        await addSends(
          deps.queues,
          page.map((d) => noticeSendJob(noticeId, d.userId, d.channel)),
        )
        if (page.length < 1000) break
        cursor = page.at(-1)?.userId ?? cursor
      }
      await deps.notices.completeIfDone(noticeId)
    }
  }

  return async function process(_job: Job): Promise<{ ratings: number; escalations: number }> {
    const now = deps.now()
    const result = { ratings: await ratings(now), escalations: await escalations(now) }
    await notices(now)
    await deps.housekeeping.purgeOld(new Date(now.getTime() - KEEP_PLUMBING_MS))
    return result
  }
}
