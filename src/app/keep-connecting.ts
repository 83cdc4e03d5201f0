import type { CheckState } from '../http/health.js'

export interface KeepConnecting {
  /** ok once an attempt succeeded; connecting before the first failure; failing after it, while retrying. */
  state: () => CheckState
  /** Settles when an attempt succeeded or the tries were stopped. */
  settled: Promise<void>
  /** Ends the tries (an attempt in flight is aborted through its signal). */
  stop: () => void
}

export interface Backoff {
  firstMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1000, maxMs: 60_000 }

/** The wait before try n (0-based): doubling from the first, capped. */
export const backoffDelay = (backoff: Backoff, attempt: number): number =>
  Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(attempt, 30))

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

/**
 * Tries `attempt` until it succeeds, waiting longer after each failure, without holding up the
 * start of anything else. The first failure is reported (`onFirstFailure`, to log it once in
 * plain words); later ones go to `onRetry` only, so an outage does not flood the log.
 */
export function keepConnecting(options: {
  attempt: (signal: AbortSignal) => Promise<void>
  onFirstFailure: (error: unknown, retryInMs: number) => void
  onRetry?: (error: unknown, attempt: number, retryInMs: number) => void
  /** After failures: it answers now. */
  onRecovered?: () => void
  backoff?: Backoff
}): KeepConnecting {
  const backoff = options.backoff ?? DEFAULT_BACKOFF
  const stopping = new AbortController()
  const stopped = (): boolean => stopping.signal.aborted
  let state: CheckState = 'connecting'
  const settled = (async () => {
    for (let attempt = 0; !stopped(); attempt++) {
      try {
        await options.attempt(stopping.signal)
        if (stopped()) return
        if (state === 'failing') options.onRecovered?.()
        state = 'ok'
        return
      } catch (error) {
        if (stopped()) return
        const delay = backoffDelay(backoff, attempt)
        if (state === 'connecting') options.onFirstFailure(error, delay)
        else options.onRetry?.(error, attempt, delay)
        state = 'failing'
        await sleep(delay, stopping.signal)
      }
    }
  })()
  return {
    state: () => state,
    settled,
    stop: () => {
      stopping.abort()
    },
  }
}
