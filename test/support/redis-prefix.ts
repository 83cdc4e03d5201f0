import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'

/**
 * A Redis key prefix no other run shares: a process id comes round again, and BullMQ would then
 * skip job ids an earlier run left behind.
 */
export const randomPrefix = (name: string): string => `${name}${randomBytes(6).toString('hex')}`

/** Deletes every key under the prefixes (queues, pacers, sessions), so runs leave nothing behind. */
export async function dropRedisPrefixes(prefixes: readonly string[]): Promise<void> {
  if (prefixes.length === 0) return
  const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 3 })
  try {
    for (const prefix of prefixes) {
      // Keys may wrap the prefix in a hash tag ({prefix}) or start with it; it is random, so matching it anywhere is safe.
      for await (const keys of redis.scanStream({ match: `*${prefix}*`, count: 500 }) as AsyncIterable<string[]>)
        if (keys.length > 0) await redis.del(...keys)
    }
  } finally {
    redis.disconnect()
  }
}

/** Prefixes handed out in one test file, dropped together after it. */
export function prefixPool() {
  const used: string[] = []
  return {
    take: (name: string): string => {
      const prefix = randomPrefix(name)
      used.push(prefix)
      return prefix
    },
    drop: () => dropRedisPrefixes(used),
  }
}
