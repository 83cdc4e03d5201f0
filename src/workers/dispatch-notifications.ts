import type { Job } from 'bullmq'
import { UnrecoverableError } from 'bullmq'
import { z } from 'zod'
import type { RecipientStore } from '../core/delivery/recipients.js'
import { handlingOrganisations } from '../core/delivery/recipients.js'
import type { DispatchDeliveryStore } from '../core/dispatch/delivery.js'
import { addSends } from './channel-routing.js'
import type { GroupSendJob, SendJob } from './jobs.js'
import { PRIORITY, QUEUES } from './jobs.js'
import type { Queues } from './queues.js'

const id = z.number().int().positive()
const Assigned = z.object({ requestId: id, eventId: id, executorUserId: id })
const RequestMessage = z.object({ requestId: id, eventId: id })

const JOBS = ['request-assigned', 'official-answer', 'info-provided'] as const

const userJob = (jobId: string, data: SendJob, priority: number) => ({
  name: data.message.type,
  data,
  opts: { jobId, priority },
})

/**
 * The dispatcher's messages: the executor hears of an assignment, the resident gets the official
 * answer, the dispatchers (and whoever asked) get the resident's answer, and group chats linked
 * to an organisation get its cards.
 */
export function createDispatchNotifications(deps: {
  recipients: RecipientStore
  dispatch: DispatchDeliveryStore
  queues: Queues
}) {
  const send = () => deps.queues[QUEUES.send]

  async function cardsToGroups(
    requestId: number,
    generation: string,
    primary: number[],
    copies: number[],
    priority: number,
  ): Promise<void> {
    const groups = await deps.dispatch.organisationChats([...primary, ...copies])
    await send().addBulk(
      groups.map((g) => {
        const data: GroupSendJob = {
          chatId: g.chatId,
          message: { type: 'request-card', requestId, copy: !primary.includes(g.organisationId) },
        }
        return { name: 'request-card', data, opts: { jobId: `card-${requestId}${generation}-c${g.chatId}`, priority } }
      }),
    )
  }

  async function assigned(data: z.infer<typeof Assigned>): Promise<number> {
    const job = userJob(
      `asg-${data.eventId}-${data.executorUserId}`,
      { userId: data.executorUserId, message: { type: 'assignment', requestId: data.requestId } },
      PRIORITY.statusUpdate,
    )
    await send().add(job.name, job.data, job.opts)
    return 1
  }

  async function officialAnswer(data: z.infer<typeof RequestMessage>): Promise<number> {
    const residents = await deps.recipients.residentsOf(data.requestId)
    await addSends(
      deps.queues,
      residents.map((r) => ({
        channel: r.channel,
        ...userJob(
          `oa-${data.eventId}-${r.userId}`,
          { userId: r.userId, message: { type: 'official-answer', ...data } },
          PRIORITY.statusUpdate,
        ),
      })),
    )
    return residents.length
  }

  async function infoProvided(data: z.infer<typeof RequestMessage>): Promise<number> {
    const request = await deps.recipients.requestRouting(data.requestId)
    if (!request) return 0
    const organisations = await handlingOrganisations(deps.recipients, request)
    const asker = await deps.dispatch.askerOf(data.requestId)
    const dispatchers = await deps.recipients.dispatchersOf(organisations)
    const userIds = [...new Set([...(asker ? [asker.userId] : []), ...dispatchers.map((d) => d.userId)])]
    const message = { type: 'info-provided' as const, ...data }
    await send().addBulk(
      userIds.map((userId) => userJob(`info-${data.eventId}-${userId}`, { userId, message }, PRIORITY.statusUpdate)),
    )
    const groups = await deps.dispatch.organisationChats(organisations)
    await send().addBulk(
      groups.map((g) => {
        const job: GroupSendJob = { chatId: g.chatId, message }
        return {
          name: message.type,
          data: job,
          opts: { jobId: `info-${data.eventId}-c${g.chatId}`, priority: PRIORITY.statusUpdate },
        }
      }),
    )
    return userIds.length + groups.length
  }

  return {
    cardsToGroups,
    handles: (name: string): boolean => (JOBS as readonly string[]).includes(name),
    async process(job: Job): Promise<number> {
      if (job.name === 'request-assigned') {
        const parsed = Assigned.safeParse(job.data)
        if (!parsed.success) throw new UnrecoverableError(`invalid notification: ${parsed.error.message}`)
        return assigned(parsed.data)
      }
      const parsed = RequestMessage.safeParse(job.data)
      if (!parsed.success) throw new UnrecoverableError(`invalid notification: ${parsed.error.message}`)
      return job.name === 'official-answer' ? officialAnswer(parsed.data) : infoProvided(parsed.data)
    },
  }
}
