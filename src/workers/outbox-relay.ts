import type { OutboxRelayStore } from '../core/delivery/ports.js'
import type { Queues } from './queues.js'
import { queueFor } from './queues.js'

const BATCH = 200
const LEASE_SECONDS = 30
const IDLE_MS = 250
// Short enough that messages flow again within seconds of PostgreSQL or Redis coming back.
const MAX_BACKOFF_MS = 10_000

export interface Log {
  info: (fields: Record<string, unknown>, message: string) => void
  warn: (fields: Record<string, unknown>, message: string) => void
  error: (fields: Record<string, unknown>, message: string) => void
}

/**
 * Moves committed outbox rows to the queues, the row id (or the row's own job id) as job id,
 * so a relay that dies between publishing and marking republishes harmlessly. Safe to run in
 * every worker process: claims are leased. Backs off while Redis or PostgreSQL is down.
 */
export function createOutboxRelay(deps: { store: OutboxRelayStore; queues: Queues; log: Log }) {
  let running = false
  let loop: Promise<void> | undefined
  let wake: (() => void) | undefined

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })

  async function publishOnce(): Promise<number> {
    const rows = await deps.store.claim(BATCH, LEASE_SECONDS)
    const byQueue = new Map<string, typeof rows>()
    for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row])
    for (const [name, group] of byQueue) {
      const queue = queueFor(deps.queues, name)
      const ids = group.map((r) => r.id)
      if (!queue) {
        await deps.store.release(ids, `no queue called ${name}`)
        continue
      }
      try {
        await queue.addBulk(
          group.map((r) => ({
            name: r.jobName,
            data: r.payload,
            opts: { jobId: r.jobId ?? `ob-${r.id}`, priority: r.priority, ...(r.delayMs > 0 && { delay: r.delayMs }) },
          })),
        )
      } catch (error) {
        await deps.store.release(ids, error instanceof Error ? error.message : String(error))
        throw error
      }
      await deps.store.markPublished(ids)
    }
    return rows.length
  }

  async function run(): Promise<void> {
    let failures = 0
    while (running) {
      try {
        const published = await publishOnce()
        failures = 0
        if (published < BATCH) await sleep(IDLE_MS)
      } catch (error) {
        failures++
        const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 6))
        deps.log.warn({ err: error, wait }, 'outbox relay: publishing failed; backing off')
        await sleep(wait)
      }
    }
  }

  return {
    start: () => {
      if (running) return
      running = true
      loop = run()
    },
    /** Publishes now instead of at the next poll (after a commit that wrote outbox rows). */
    poke: () => wake?.(),
    stop: async () => {
      running = false
      wake?.()
      await loop
    },
    publishOnce,
  }
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>
