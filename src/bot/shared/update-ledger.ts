import type { Redis } from 'ioredis'

/**
 * Which inbound updates were handled, so a redelivered one is handled once. An update is
 * claimed while it is being handled and recorded only when handling is over; a failed one is
 * released, so the channel's retry (Telegram redelivers after a 500) is handled, not dropped.
 */
export interface UpdateLedger {
  /** false: handled before, or being handled right now by someone else. */
  claim: (updateKey: string) => Promise<boolean>
  /** Handled: every later delivery of it is a duplicate. */
  complete: (updateKey: string) => Promise<void>
  /** Not handled: the next delivery of it is handled. */
  release: (updateKey: string) => Promise<void>
}

/**
 * The claim is a lease in Redis, the record a row in PostgreSQL. A process that dies while
 * handling leaves only the lease, which runs out, so a redelivery after a crash is handled too.
 * The lease must outlast the longest handling, or a redelivery meanwhile would run twice.
 */
export function createUpdateLedger(deps: {
  redis: Redis
  /** Names this channel's leases, e.g. `s115:update:telegram:`. */
  prefix: string
  leaseSeconds: number
  wasHandled: (updateKey: string) => Promise<boolean>
  markHandled: (updateKey: string) => Promise<void>
}): UpdateLedger {
  const lease = (updateKey: string): string => deps.prefix + updateKey
  return {
    claim: async (updateKey) => {
      if (await deps.wasHandled(updateKey)) return false
      const taken = await deps.redis.set(lease(updateKey), '1', 'EX', deps.leaseSeconds, 'NX')
      if (taken !== 'OK') return false
      // Whoever held the lease may have recorded the update just before letting it go.
      if (!(await deps.wasHandled(updateKey))) return true
      await deps.redis.del(lease(updateKey))
      return false
    },
    complete: async (updateKey) => {
      // Recorded before the lease goes, so there is no moment when neither says "taken".
      await deps.markHandled(updateKey)
      await deps.redis.del(lease(updateKey))
    },
    release: async (updateKey) => {
      await deps.redis.del(lease(updateKey))
    },
  }
}
