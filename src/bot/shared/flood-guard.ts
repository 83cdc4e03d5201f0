import type { Redis } from 'ioredis'

export type FloodVerdict = 'ok' | 'warn' | 'drop'

/**
 * At most `limit` messages per person per window. The first message over the limit gets a
 * polite "slow down" (warn); the rest of the window is dropped without an answer.
 * Counted in Redis, so it holds across several bot processes.
 */
export function createFloodGuard(redis: Redis, options: { limit: number; windowSeconds: number; prefix?: string }) {
  const prefix = options.prefix ?? 's115:flood:'
  return async function check(key: string): Promise<FloodVerdict> {
    const counter = prefix + key
    const [[, count]] = (await redis.multi().incr(counter).expire(counter, options.windowSeconds, 'NX').exec()) as [
      [Error | null, number],
    ]
    if (count <= options.limit) return 'ok'
    return count === options.limit + 1 ? 'warn' : 'drop'
  }
}

export type FloodGuard = ReturnType<typeof createFloodGuard>
