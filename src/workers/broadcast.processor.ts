import type { Job } from 'bullmq'
import { DelayedError, UnrecoverableError } from 'bullmq'
import type { MessengerChannel } from '../core/delivery/ports.js'
import type { NoticeDeliveryStore } from '../core/delivery/notice-deliveries.js'
import { addSends } from './channel-routing.js'
import { NoticeJob, PRIORITY, QUEUES } from './jobs.js'
import type { Queues } from './queues.js'

const PAGE = 1000
/** Send jobs allowed to wait at once: bounds Redis memory and lets status updates slip in between. */
const MAX_WAITING = 5000

export const noticeSendJob = (noticeId: number, userId: number, channel?: MessengerChannel) => ({
  channel,
  name: 'notice',
  data: { userId, message: { type: 'notice' as const, noticeId } },
  opts: { jobId: `nt-${noticeId}-${userId}`, priority: PRIORITY.notice },
})

/**
 * Plans an outage notice's recipients page by page (keyset on user id) and queues one send job
 * per recipient. Deliveries and the cursor are in PostgreSQL, so a restart resumes where it
 * stopped and a repeated page adds nothing new.
 */
export function createBroadcastProcessor(deps: { notices: NoticeDeliveryStore; queues: Queues }) {
  return async function process(job: Job, token?: string): Promise<string> {
    const parsed = NoticeJob.safeParse(job.data)
    if (!parsed.success) throw new UnrecoverableError(`invalid broadcast job: ${parsed.error.message}`)
    const { noticeId } = parsed.data
    const sendQueues = [deps.queues[QUEUES.send], deps.queues[QUEUES.viberSend]]
    for (;;) {
      const state = await deps.notices.planningState(noticeId)
      if (state?.state !== 'sending') return 'not-sending'
      if (state.plannedAt !== null) return 'planned'
      let waiting = 0
      for (const send of sendQueues) waiting += (await send.getWaitingCount()) + (await send.getPrioritizedCount())
      if (waiting > MAX_WAITING) {
        await job.moveToDelayed(Date.now() + 1000, token)
        throw new DelayedError()
      }
      const cursor = state.plannerCursor ?? 0
      const page = await deps.notices.recipientsPage(noticeId, cursor, PAGE)
      const last = page.at(-1) ?? cursor
      const planned = await deps.notices.addPage(noticeId, page, last)
      await addSends(
        deps.queues,
        planned.map((d) => noticeSendJob(noticeId, d.userId, d.channel)),
      )
      if (page.length < PAGE) {
        await deps.notices.finishPlanning(noticeId)
        await deps.notices.completeIfDone(noticeId)
        return 'planned'
      }
    }
  }
}
