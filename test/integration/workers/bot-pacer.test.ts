import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { createBotPacer } from '../../../src/workers/bot-pacer.js'

// Slots a second apart, so the milliseconds these calls take cannot blur the figures.
const redis = new Redis('redis://127.0.0.1:6379')
const prefixes: string[] = []
const pacer = (options: { maxWaitMs?: number; perSecond?: number; gateAheadMs?: number } = {}) => {
  const prefix = `pacer${randomBytes(4).toString('hex')}`
  prefixes.push(prefix)
  return createBotPacer(redis, { prefix, perSecond: 1, marginMs: 0, gateAheadMs: 0, ...options })
}
const waitOf = (answer: { kind: string; waitMs?: number }) => answer.waitMs ?? 0
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

  it('when Telegram asks the bot to wait, then no slot comes and the gate stays shut before the pause ends', async () => {
    const p = pacer({ maxWaitMs: 10_000 })
    await p.pause(3000)
    const gate = await p.enter()
    expect(gate.kind).toBe('paused')
    near(waitOf(gate), 3000)
    near((await p.reserve()).waitMs, 3000)
    // A shorter pause asked for later does not cut the longer one short.
    await p.pause(1000)
    near(waitOf(await p.enter()), 3000)
  })
})

describe('the bot gate (real Redis)', () => {
  it('when more sends come to the gate than a second allows, then the extra one waits until the first leaves the window', async () => {
    const p = pacer({ perSecond: 3 })
    expect((await p.enter()).kind).toBe('go')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await p.enter()).kind).toBe('go')
    expect((await p.enter()).kind).toBe('go')
    const fourth = await p.enter()
    expect(fourth.kind).toBe('wait')
    // The first went about 300 ms ago: the window of a second has room again in about 700 ms.
    near(waitOf(fourth), 700)
    // A wait is not a send: asking again at once is told the same.
    near(waitOf(await p.enter()), 700)
    await new Promise((resolve) => setTimeout(resolve, waitOf(fourth)))
    expect((await p.enter()).kind).toBe('go')
    // Now the window holds the second, the third and this one: full again.
    expect((await p.enter()).kind).toBe('wait')
  })

  it('when sends are counted, then every process shares the count (one budget per bot)', async () => {
    const first = pacer({ perSecond: 2 })
    const prefix = prefixes.at(-1) ?? ''
    const second = createBotPacer(redis, { prefix, perSecond: 2, marginMs: 0, gateAheadMs: 0 })
    expect((await first.enter()).kind).toBe('go')
    expect((await second.enter()).kind).toBe('go')
    expect((await first.enter()).kind).toBe('wait')
    expect((await second.enter()).kind).toBe('wait')
  })

  it('when the window has room a little later, then each waiting send is told a time of its own', async () => {
    const p = pacer({ perSecond: 2, gateAheadMs: 1500 })
    expect(await p.enter()).toMatchObject({ kind: 'go', inMs: 0 })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await p.enter()).toMatchObject({ kind: 'go', inMs: 0 })
    // Full: the next two are counted when the first and the second leave the window.
    const third = await p.enter()
    const fourth = await p.enter()
    if (third.kind !== 'go' || fourth.kind !== 'go') throw new Error('expected go for both')
    near(third.inMs, 800)
    near(fourth.inMs, 1000)
    // Beyond how far ahead the gate counts: ask again later, nothing counted.
    const fifth = await p.enter()
    expect(fifth.kind).toBe('wait')
  })

  it('when the gate is full for a while, then the next slot is not given before it opens', async () => {
    const p = pacer({ perSecond: 2, maxWaitMs: 5000 })
    expect((await p.enter()).kind).toBe('go')
    expect((await p.enter()).kind).toBe('go')
    // Both sends went just now: the gate lets the next one through a second later, so the slot is then.
    near((await p.reserve()).waitMs, 1000)
  })

  it('when a send asks again handing back the count it did not use, then it is counted once, at the later time', async () => {
    const p = pacer({ perSecond: 2 })
    const early = await p.enter()
    if (early.kind !== 'go') throw new Error(`expected go, got ${early.kind}`)
    expect((await p.enter()).kind).toBe('go')
    // The window is full; handing back its own earlier count lets the same send through again.
    const again = await p.enter(early.counted)
    expect(again.kind).toBe('go')
    // Still two sends in the window, not three: a fourth waits.
    expect((await p.enter()).kind).toBe('wait')
  })
})

describe('the bot pacer after a 429 (real Redis)', () => {
  const gapAfter = async (p: ReturnType<typeof pacer>) => {
    const first = await p.reserve()
    const second = await p.reserve()
    return second.waitMs - first.waitMs
  }

  it('when Telegram asked the bot to wait once, then the slots afterwards are as far apart as before', async () => {
    const p = pacer({ maxWaitMs: 20_000 })
    await p.pause(1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const gap = await gapAfter(p)
    expect(gap).toBeGreaterThanOrEqual(995)
    expect(gap).toBeLessThanOrEqual(1001)
  })

  it('when Telegram asks the bot to wait again within a minute, then later slots come a step further apart', async () => {
    const p = pacer({ maxWaitMs: 20_000 })
    await p.pause(1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    await p.pause(1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    // One step (2 %) slower: 1020 ms apart instead of 1000.
    const gap = await gapAfter(p)
    expect(gap).toBeGreaterThanOrEqual(1015)
    expect(gap).toBeLessThanOrEqual(1021)
  })

  it('when several sends earn a 429 in the same moment, then that is one time, not one for each', async () => {
    const p = pacer({ maxWaitMs: 20_000 })
    for (let i = 0; i < 5; i++) await p.pause(50)
    await new Promise((resolve) => setTimeout(resolve, 60))
    const gap = await gapAfter(p)
    expect(gap).toBeGreaterThanOrEqual(995)
    expect(gap).toBeLessThanOrEqual(1001)
  })
})
