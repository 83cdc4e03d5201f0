import type { Queues } from './queues.js'

const FAILED_SHOWN = 20

/** Depth and recent failures of every queue, for the operators' page. */
export async function queueOverview(queues: Queues) {
  const all = Object.values(queues)
  const figures = await Promise.all(
    all.map(async (queue) => {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed')
      return {
        name: queue.name,
        paused: await queue.isPaused(),
        waiting: counts.waiting ?? 0,
        prioritized: counts.prioritized ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
      }
    }),
  )
  const failed = (
    await Promise.all(
      all.map(async (queue) =>
        (await queue.getFailed(0, FAILED_SHOWN - 1)).map((job) => ({
          queue: queue.name,
          id: job.id ?? '',
          name: job.name,
          reason: job.failedReason,
          attempts: job.attemptsMade,
          at: job.finishedOn === undefined ? null : new Date(job.finishedOn).toISOString(),
        })),
      ),
    )
  )
    .flat()
    .sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''))
    .slice(0, FAILED_SHOWN)
  return { queues: figures, failedJobs: failed }
}
