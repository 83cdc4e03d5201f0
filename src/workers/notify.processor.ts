import type { Job } from 'bullmq'
import { UnrecoverableError } from 'bullmq'
import { ratingRequestTime } from '../core/delivery/quiet-hours.js'
import type { RatingTimerStore } from '../core/delivery/rating-timers.js'
import type { RecipientStore } from '../core/delivery/recipients.js'
import { handlingOrganisations } from '../core/delivery/recipients.js'
import type { DispatchDeliveryStore } from '../core/dispatch/delivery.js'
import type { SendJob } from './jobs.js'
import { PRIORITY, RequestEvent } from './jobs.js'
import { addSends } from './channel-routing.js'
import { createDispatchNotifications } from './dispatch-notifications.js'
import type { Queues } from './queues.js'
import { QUEUES } from './jobs.js'

const sendJob = (jobId: string, data: SendJob, priority: number) => ({
  name: data.message.type,
  data,
  opts: { jobId, priority },
})

/**
 * Turns what happened to a request into messages: a new request's card to its organisations'
 * dispatchers (copies too), a status change to the resident and followers, and after "done"
 * the timer that asks for a rating.
 */
export function createNotifyProcessor(deps: {
  recipients: RecipientStore
  ratings: Pick<RatingTimerStore, 'ratingState'>
  dispatch: DispatchDeliveryStore
  queues: Queues
  timeZone: string
  now: () => Date
}) {
  const send = () => deps.queues[QUEUES.send]
  const dispatch = createDispatchNotifications(deps)

  /** A new request's cards, or a rerouted one's (then `eventId` is the reroute's, so the job ids are new). */
  async function requestCreated(requestId: number, eventId: number | undefined): Promise<number> {
    const generation = eventId === undefined ? '' : `-r${String(eventId)}`
    const request = await deps.recipients.requestRouting(requestId)
    if (!request) return 0
    const primary = await handlingOrganisations(deps.recipients, request)
    const staff = await deps.recipients.dispatchersOf([...primary, ...request.copyOrganisationIds])
    const priority = request.emergency ? PRIORITY.emergencyCard : PRIORITY.card
    await dispatch.cardsToGroups(requestId, generation, primary, request.copyOrganisationIds, priority)
    await send().addBulk(
      staff.map((s) =>
        sendJob(
          `card-${requestId}${generation}-${s.userId}`,
          { userId: s.userId, message: { type: 'request-card', requestId, copy: !primary.includes(s.organisationId) } },
          priority,
        ),
      ),
    )
    return staff.length
  }

  async function statusChanged(requestId: number, eventId: number, to: string | undefined): Promise<number> {
    const residents = await deps.recipients.residentsOf(requestId)
    await addSends(
      deps.queues,
      residents.map((r) => ({
        channel: r.channel,
        ...sendJob(
          `st-${eventId}-${r.userId}`,
          { userId: r.userId, message: { type: 'status-update', requestId, eventId } },
          PRIORITY.statusUpdate,
        ),
      })),
    )
    if (to === 'done') {
      const request = await deps.ratings.ratingState(requestId)
      const doneAt = request?.doneAt ?? deps.now()
      const at = ratingRequestTime(doneAt, deps.timeZone)
      await deps.queues[QUEUES.timers].add(
        'rating-ask',
        { requestId },
        {
          jobId: `rating-ask-${requestId}-${doneAt.getTime()}`,
          delay: Math.max(0, at.getTime() - deps.now().getTime()),
        },
      )
    }
    if (to === 'reopened') {
      // Back in the organisation's queue: its dispatchers and the district admin hear of it.
      const request = await deps.recipients.requestRouting(requestId)
      if (request) {
        const staff = [
          ...(await deps.recipients.dispatchersOf(await handlingOrganisations(deps.recipients, request))),
          ...(await deps.recipients.districtAdminsOf(request.districtId)),
        ]
        await send().addBulk(
          staff.map((s) =>
            sendJob(
              `reopen-${eventId}-${s.userId}`,
              { userId: s.userId, message: { type: 'reopened', requestId } },
              PRIORITY.escalation,
            ),
          ),
        )
      }
    }
    return residents.length
  }

  return async function process(job: Job): Promise<number> {
    if (dispatch.handles(job.name)) return dispatch.process(job)
    const parsed = RequestEvent.safeParse(job.data)
    if (!parsed.success) throw new UnrecoverableError(`invalid notification: ${parsed.error.message}`)
    const { requestId, eventId, to } = parsed.data
    switch (job.name) {
      case 'request-created':
        return requestCreated(requestId, eventId)
      case 'status-changed':
        if (eventId === undefined) throw new UnrecoverableError('status-changed without an event id')
        return statusChanged(requestId, eventId, to)
      default:
        throw new UnrecoverableError(`no processor for notification ${job.name}`)
    }
  }
}
