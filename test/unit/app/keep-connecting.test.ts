import { describe, expect, it } from 'vitest'
import { backoffDelay, keepConnecting } from '../../../src/app/keep-connecting.js'

const QUICK = { firstMs: 1, maxMs: 4 }

describe('keepConnecting', () => {
  it('when attempts fail, then the first failure is reported once, later ones as retries, and the recovery once', async () => {
    const events: string[] = []
    let calls = 0
    const connection = keepConnecting({
      attempt: () => {
        calls++
        return calls <= 3 ? Promise.reject(new Error(`down ${String(calls)}`)) : Promise.resolve()
      },
      onFirstFailure: (error) => events.push(`first: ${(error as Error).message}`),
      onRetry: (error) => events.push(`retry: ${(error as Error).message}`),
      onRecovered: () => events.push('recovered'),
      backoff: QUICK,
    })
    await connection.settled
    expect(events).toEqual(['first: down 1', 'retry: down 2', 'retry: down 3', 'recovered'])
    expect(connection.state()).toBe('ok')
  })

  it('when the first attempt has not answered yet, then the state is connecting; after a failure, failing', async () => {
    let fail: (error: Error) => void = () => undefined
    let reported: () => void = () => undefined
    const firstFailure = new Promise<void>((resolve) => (reported = resolve))
    let attempts = 0
    const connection = keepConnecting({
      attempt: (signal) =>
        new Promise((_resolve, reject) => {
          if (attempts++ === 0) fail = reject
          else
            signal.addEventListener('abort', () => {
              reject(new Error('stopped'))
            })
        }),
      onFirstFailure: () => {
        reported()
      },
      backoff: QUICK,
    })
    expect(connection.state()).toBe('connecting')
    fail(new Error('no answer'))
    await firstFailure
    expect(connection.state()).toBe('failing')
    connection.stop()
    await connection.settled
  })

  it('when stopped while an attempt hangs, then the attempt sees the abort and the tries end', async () => {
    let aborted = false
    const connection = keepConnecting({
      attempt: (signal) =>
        new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            aborted = true
            reject(new Error('aborted'))
          })
        }),
      onFirstFailure: () => {
        throw new Error('a stop is not a failure to report')
      },
      backoff: QUICK,
    })
    connection.stop()
    await connection.settled
    expect(aborted).toBe(true)
    expect(connection.state()).toBe('connecting')
  })

  it('when tries go on, then the wait doubles from the first and stays at the cap', () => {
    const backoff = { firstMs: 1000, maxMs: 60_000 }
    expect([0, 1, 2, 3, 5, 6, 40, 5000].map((n) => backoffDelay(backoff, n))).toEqual([
      1000, 2000, 4000, 8000, 32_000, 60_000, 60_000, 60_000,
    ])
  })
})
