import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { createBotPacer } from '../../../src/workers/bot-pacer.js'

// Slots a second apart, so the milliseconds these calls take cannot blur the figures.
const redis = new Redis('redis://127.0.0.1:6379')
const prefixes: string[] = []
const pacer = (options: { maxWaitMs?: number } = {}) => {
  const prefix = `pacer${randomBytes(4).toString('hex')}`
  prefixes.push(prefix)
  return createBotPacer(redis, { prefix, perSecond: 1, marginMs: 0, ...options })
}
const near = (actual: number, expected: number) => {
  expect(actual).toBeGreaterThan(expected - 300)
  expect(actual).toBeLessThanOrEqual(expected)
}

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length > 0) await redis.del(...keys)
  }
  redis.disconnect()
})

describe('the bot pacer (real Redis)', () => {
  it('when sends ask for slots together, then each gets its own, one interval after the other', async () => {
    const p = pacer({ maxWaitMs: 10_000 })
    const slots = []
    for (let i = 0; i < 4; i++) slots.push(await p.reserve())
    expect(slots.map((s) => s.kind)).toEqual(['slot', 'slot', 'slot', 'slot'])
    slots.forEach((s, i) => {
      near(s.waitMs, i * 1000)
    })
  })

  it('when the next slot is further off than a send may wait, then none is taken and the wait is told', async () => {
    const p = pacer({ maxWaitMs: 1500 })
    expect((await p.reserve()).kind).toBe('slot')
    expect((await p.reserve()).kind).toBe('slot')
    const far = await p.reserve()
    expect(far.kind).toBe('too-far')
    near(far.waitMs, 2000)
    // Not taken: the next one asking is told the same slot, not one further on.
    near((await p.reserve()).waitMs, 2000)
  })

  it('when Telegram asks the bot to wait, then no slot comes before the pause ends, in any process', async () => {
    const p = pacer({ maxWaitMs: 10_000 })
    await p.pause(3000)
    near(await p.pausedFor(), 3000)
    near((await p.reserve()).waitMs, 3000)
    // A shorter pause asked for later does not cut the longer one short.
    await p.pause(1000)
    near(await p.pausedFor(), 3000)
  })
})

describe('the bot pacer after a 429 (real Redis)', () => {
  it('when Telegram asked the bot to wait, then later slots come a step further apart', async () => {
    const p = pacer({ maxWaitMs: 20_000 })
    await p.pause(1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const first = await p.reserve()
    const second = await p.reserve()
    // One step (4 %) slower: 1040 ms apart instead of 1000.
    expect(second.waitMs - first.waitMs).toBeGreaterThanOrEqual(1035)
    expect(second.waitMs - first.waitMs).toBeLessThanOrEqual(1041)
  })
})
