import type { Actor } from '../access/permissions.js'
import type { OutgoingMessage } from '../messages/messages.js'
import type { QueueArea, QueueFilter, QueueItem } from './queue.js'
import { QUEUE_PAGE_SIZE, queueAreaOf, queuePage } from './queue.js'

/** One page of a queue: the rows and whether more follow (implemented in src/db). */
export type QueuePageQuery = (query: {
  area: QueueArea
  filter: QueueFilter
  userId: number
  page: number
  pageSize: number
  now: Date
}) => Promise<{ items: QueueItem[]; hasMore: boolean }>

export type ShowQueueResult = { ok: true; message: OutgoingMessage } | { ok: false; error: 'not-allowed' }

/** /queue: a page of the open requests in the person's area; nothing for someone without a queue. */
export function makeShowQueue(deps: { queuePage: QueuePageQuery; now: () => Date }) {
  return async (actor: Actor, filter: QueueFilter, page: number): Promise<ShowQueueResult> => {
    const area = queueAreaOf(actor)
    if (!area) return { ok: false, error: 'not-allowed' }
    const found = await deps.queuePage({
      area,
      filter,
      userId: actor.userId,
      page,
      pageSize: QUEUE_PAGE_SIZE,
      now: deps.now(),
    })
    return { ok: true, message: queuePage({ filter, page, ...found }) }
  }
}
