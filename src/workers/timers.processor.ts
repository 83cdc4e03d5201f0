import type { Job } from 'bullmq'
import { UnrecoverableError } from 'bullmq'
import { RATING_REMINDER_AFTER_MS, RATING_WINDOW_MS, outsideQuietHours } from '../core/delivery/quiet-hours.js'
import type { RatingTimerStore } from '../core/delivery/rating-timers.js'
import type { RecipientStore } from '../core/delivery/recipients.js'
import { routeFor, sendQueueFor } from './channel-routing.js'
import { PRIORITY, QUEUES, RequestTimer } from './jobs.js'
import type { Queues } from './queues.js'

/**
 * The rating round after "done": ask (never at night), remind once after two days, close
 * unrated after fourteen. Each step re-reads the request and does nothing if it moved on.
 */
export function createTimersProcessor(deps: {
  ratings: Pick<RatingTimerStore, 'ratingState' | 'markRatingAsked'>
  recipients: Pick<RecipientStore, 'recipient'>
  queues: Queues
  closeUnrated: (requestId: number) => Promise<boolean>
  timeZone: string
  now: () => Date
}) {
  async function ask(requestId: number, reminder: boolean): Promise<string> {
    const request = await deps.ratings.ratingState(requestId)
    if (request?.status !== 'done' || request.ratedAt !== null || request.doneAt === null) return 'moved-on'
    if ((reminder ? request.ratingRemindedAt : request.ratingRequestedAt) !== null) return 'already-asked'
    const round = request.doneAt.getTime()
    const message = { type: 'rating' as const, requestId, reminder }
    // Nobody to reach: the send queue records it as such, as for every other message.
    const author = await deps.recipients.recipient(request.authorUserId, routeFor(message))
    await sendQueueFor(deps.queues, author?.channel).add(
      'rating',
      { userId: request.authorUserId, message },
      { jobId: `rating-${requestId}-${round}-${reminder ? 'remind' : 'ask'}`, priority: PRIORITY.rating },
    )
    await deps.ratings.markRatingAsked(requestId, reminder)
    const now = deps.now().getTime()
    if (!reminder) {
      const remindAt = outsideQuietHours(new Date(now + RATING_REMINDER_AFTER_MS), deps.timeZone).getTime()
      await deps.queues[QUEUES.timers].add(
        'rating-remind',
        { requestId },
        { jobId: `rating-remind-${requestId}-${round}`, delay: remindAt - now },
      )
      await deps.queues[QUEUES.timers].add(
        'rating-close',
        { requestId },
        { jobId: `rating-close-${requestId}-${round}`, delay: Math.max(0, round + RATING_WINDOW_MS - now) },
      )
    }
    return 'asked'
  }

  return async function process(job: Job): Promise<string> {
    const parsed = RequestTimer.safeParse(job.data)
    if (!parsed.success) throw new UnrecoverableError(`invalid timer: ${parsed.error.message}`)
    const { requestId } = parsed.data
    switch (job.name) {
      case 'rating-ask':
        return ask(requestId, false)
      case 'rating-remind':
        return ask(requestId, true)
      case 'rating-close':
        return (await deps.closeUnrated(requestId)) ? 'closed' : 'moved-on'
      default:
        throw new UnrecoverableError(`no processor for timer ${job.name}`)
    }
  }
}
