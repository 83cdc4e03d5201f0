import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import type { BotPacer, GateAnswer } from '../../../src/workers/bot-pacer.js'
import { createBotPacer } from '../../../src/workers/bot-pacer.js'
import { createSendGate } from '../../../src/workers/send-gate.js'

const redis = new Redis('redis://127.0.0.1:6379')
const prefixes: string[] = []
const newPrefix = () => {
  const prefix = `gate${randomBytes(4).toString('hex')}`
  prefixes.push(prefix)
  return prefix
}

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length > 0) await redis.del(...keys)
  }
  redis.disconnect()
})

/** Holds this process's event loop, as a long garbage collection would. */
const busy = (ms: number) => {
  const until = performance.now() + ms
  while (performance.now() < until);
}

/** The real pacer, recording what the send asked and was told; `stallAfter` holds the loop after answer n. */
function watched(pacer: BotPacer, stallAfter: Map<number, number> = new Map()) {
  const calls: { instead: string | undefined; answer: GateAnswer }[] = []
  const gate: BotPacer = {
    ...pacer,
    async enter(instead) {
      const answer = await pacer.enter(instead)
      calls.push({ instead, answer })
      busy(stallAfter.get(calls.length) ?? 0)
      return answer
    },
  }
  return { gate, calls }
}

describe('a send at the bot gate (real Redis)', () => {
  it('when the process acts on a "go" late, then the send asks again and is counted once, at the later time', async () => {
    const prefix = newPrefix()
    const pacer = createBotPacer(redis, { prefix, perSecond: 5, marginMs: 0 })
    // Three sends before it, acted on at once.
    const prompt = createSendGate(pacer)
    for (let i = 0; i < 3; i++) expect(await prompt.pass()).toEqual({ kind: 'go' })

    const { gate, calls } = watched(pacer, new Map([[1, 40]]))
    expect(await createSendGate(gate).pass()).toEqual({ kind: 'go' })
    expect(calls).toHaveLength(2)
    const [first, second] = calls
    if (first?.answer.kind !== 'go' || second?.answer.kind !== 'go') throw new Error('expected two "go"s')
    expect(second.instead).toBe(first.answer.counted)
    const counted = await redis.lrange(`${prefix}:bot:sent`, 0, -1)
    expect(counted).toHaveLength(4)
    expect(counted).toContain(second.answer.counted)
    expect(counted).not.toContain(first.answer.counted)
  })

  it('when the process stays too busy to act on a "go" in time, then the send gives its claim back instead of going late', async () => {
    const prefix = newPrefix()
    const pacer = createBotPacer(redis, { prefix, perSecond: 50, marginMs: 0 })
    const { gate, calls } = watched(pacer, new Map(Array.from({ length: 40 }, (_, i) => [i + 1, 30])))
    expect(await createSendGate(gate).pass()).toEqual({ kind: 'back', waitMs: 100 })
    expect(calls.length).toBeGreaterThan(3)
    // Every count it was given is handed back: it sent nothing.
    expect(await redis.llen(`${prefix}:bot:sent`)).toBe(0)
  })

  it('when Redis is always a few milliseconds away, then sends learn that and go', async () => {
    const pacer = createBotPacer(redis, { prefix: newPrefix(), perSecond: 1000, marginMs: 0 })
    const { gate } = watched(pacer, new Map(Array.from({ length: 2000 }, (_, i) => [i + 1, 8])))
    const sendGate = createSendGate(gate)
    const passages = []
    for (let i = 0; i < 10; i++) passages.push((await sendGate.pass()).kind)
    expect(passages.slice(-5)).toEqual(['go', 'go', 'go', 'go', 'go'])
  })

  it('when the bot is paused, then the send is told to go back for the rest of the pause', async () => {
    const pacer = createBotPacer(redis, { prefix: newPrefix(), perSecond: 5 })
    await pacer.pause(2000)
    const passage = await createSendGate(pacer).pass()
    expect(passage.kind).toBe('back')
    if (passage.kind === 'back') {
      expect(passage.waitMs).toBeGreaterThan(1500)
      expect(passage.waitMs).toBeLessThanOrEqual(2000)
    }
  })

  it('when the window is full further ahead than a claim may wait, then the send is told to go back', async () => {
    const pacer = createBotPacer(redis, { prefix: newPrefix(), perSecond: 1, marginMs: 0 })
    const gate = createSendGate(pacer)
    expect(await gate.pass()).toEqual({ kind: 'go' })
    const passage = await gate.pass()
    expect(passage.kind).toBe('back')
    if (passage.kind === 'back') expect(passage.waitMs).toBeGreaterThan(500)
  })
})
