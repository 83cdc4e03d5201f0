import type { Job, JobsOptions, Queue } from 'bullmq'
import type { MessengerChannel } from '../core/delivery/ports.js'
import type { RecipientRoute } from '../core/delivery/recipients.js'
import type { MessageRef } from './jobs.js'
import { QUEUES } from './jobs.js'
import type { Queues } from './queues.js'

/** Staff work in Telegram; what residents receive may go to whichever channel they can be reached on. */
export function routeFor(ref: MessageRef): RecipientRoute {
  switch (ref.type) {
    case 'status-update':
    case 'official-answer':
    case 'rating':
      return { staffMessage: false, requestId: ref.requestId }
    case 'notice':
      return { staffMessage: false }
    case 'request-card':
    case 'reopened':
    case 'escalation':
    case 'assignment':
    case 'info-provided':
      return { staffMessage: true }
  }
}

/** Each channel has a send queue of its own, so each channel's limits apply to its messages only. */
export const sendQueueFor = (queues: Queues, channel: MessengerChannel | undefined): Queue =>
  channel === 'viber' ? queues[QUEUES.viberSend] : queues[QUEUES.send]

export interface RoutedSend {
  channel: MessengerChannel | undefined
  name: string
  data: unknown
  opts: JobsOptions
}

/**
 * Jobs added in one call. Encoding a call's jobs holds this process's event loop; a page of a
 * thousand at once delayed the sends in flight by tens of milliseconds, enough to bunch them.
 */
const ADD_CHUNK = 100

/** Adds send jobs, each to the queue of the channel its person is reached on. */
export async function addSends(queues: Queues, sends: RoutedSend[]): Promise<void> {
  const byQueue = new Map<Queue, RoutedSend[]>()
  for (const send of sends) {
    const queue = sendQueueFor(queues, send.channel)
    const list = byQueue.get(queue) ?? []
    list.push(send)
    byQueue.set(queue, list)
  }
  for (const [queue, jobs] of byQueue)
    for (let i = 0; i < jobs.length; i += ADD_CHUNK)
      await queue.addBulk(jobs.slice(i, i + ADD_CHUNK).map(({ name, data, opts }) => ({ name, data, opts })))
}

/**
 * A job whose person is now reached on another channel (an address became unreachable, or one was
 * added since it was queued) moves to that channel's queue under the same id; sent_messages and
 * notice_deliveries still let it be sent at most once.
 */
export const forwardTo =
  (queues: Queues) =>
  async (job: Job, channel: MessengerChannel): Promise<void> => {
    await sendQueueFor(queues, channel).add(job.name, job.data, {
      ...(job.id !== undefined && { jobId: job.id }),
      ...(job.opts.priority !== undefined && { priority: job.opts.priority }),
    })
  }
