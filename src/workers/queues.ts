import { Queue } from 'bullmq'
import type { ConnectionOptions, JobsOptions } from 'bullmq'
import { QUEUES } from './jobs.js'

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]

// Completed jobs are kept for a day: a job added again with the same id within that time is
// ignored, which is what makes the outbox relay and the sweepers safe to repeat.
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 200_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
}

export type Queues = Record<QueueName, Queue>

export function createQueues(
  connection: ConnectionOptions,
  prefix: string,
  jobOptions: JobsOptions = DEFAULT_JOB_OPTIONS,
): Queues {
  const make = (name: QueueName) => new Queue(name, { connection, prefix, defaultJobOptions: jobOptions })
  return {
    [QUEUES.notifications]: make(QUEUES.notifications),
    [QUEUES.send]: make(QUEUES.send),
    [QUEUES.viberSend]: make(QUEUES.viberSend),
    [QUEUES.timers]: make(QUEUES.timers),
    [QUEUES.broadcasts]: make(QUEUES.broadcasts),
    [QUEUES.maintenance]: make(QUEUES.maintenance),
  }
}

/** Maps the outbox's queue words (core) to queue names. */
export function queueFor(queues: Queues, outboxQueue: string): Queue | undefined {
  switch (outboxQueue) {
    case 'notifications':
      return queues[QUEUES.notifications]
    case 'timers':
      return queues[QUEUES.timers]
    case 'broadcasts':
      return queues[QUEUES.broadcasts]
    default:
      return undefined
  }
}
