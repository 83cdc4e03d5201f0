import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUpdateLedger } from '../../../src/bot/shared/update-ledger.js'
import type { UpdateLedger } from '../../../src/bot/shared/update-ledger.js'
import { isUpdateProcessed, markUpdateProcessed } from '../../../src/db/repositories/processed-updates.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('the record of handled updates (real PostgreSQL and Redis)', () => {
  let t: TestDatabase
  const redis = new Redis('redis://127.0.0.1:6379')
  const prefix = `ledger${randomBytes(4).toString('hex')}:`

  /** One bot process's view of the ledger; several of them share PostgreSQL and Redis. */
  const aProcess = (): UpdateLedger =>
    createUpdateLedger({
      redis,
      prefix,
      leaseSeconds: 120,
      wasHandled: (key) => isUpdateProcessed(t.db, 'telegram', key),
      markHandled: async (key) => {
        await markUpdateProcessed(t.db, 'telegram', key)
      },
    })
  let nextUpdate = 1
  const anUpdateKey = () => String(nextUpdate++)

  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    redis.disconnect()
    await t.drop()
  })

  it('when an update was handled, then every later delivery of it is refused, in any process', async () => {
    const [a, b] = [aProcess(), aProcess()]
    const key = anUpdateKey()
    expect(await a.claim(key)).toBe(true)
    await a.complete(key)
    expect(await a.claim(key)).toBe(false)
    expect(await b.claim(key)).toBe(false)
  })

  it('when an update is being handled, then a second delivery meanwhile is refused', async () => {
    const [a, b] = [aProcess(), aProcess()]
    const key = anUpdateKey()
    expect(await a.claim(key)).toBe(true)
    expect(await b.claim(key)).toBe(false)
    await a.complete(key)
    expect(await isUpdateProcessed(t.db, 'telegram', key)).toBe(true)
  })

  it('when handling failed and the update was released, then the retry is handled and recorded once', async () => {
    const ledger = aProcess()
    const key = anUpdateKey()
    expect(await ledger.claim(key)).toBe(true)
    await ledger.release(key)
    expect(await isUpdateProcessed(t.db, 'telegram', key)).toBe(false)
    expect(await ledger.claim(key)).toBe(true)
    await ledger.complete(key)
    expect(await ledger.claim(key)).toBe(false)
  })

  it('when the process handling an update dies, then once its lease runs out a redelivery is handled', async () => {
    const key = anUpdateKey()
    expect(await aProcess().claim(key)).toBe(true)
    // The dead process never completes nor releases; its lease is what runs out.
    const restarted = aProcess()
    expect(await restarted.claim(key)).toBe(false)
    await redis.expire(`${prefix}${key}`, 0)
    expect(await restarted.claim(key)).toBe(true)
    await restarted.complete(key)
    expect(await restarted.claim(key)).toBe(false)
  })

  it('when twenty deliveries of one update race, then exactly one is claimed', async () => {
    const key = anUpdateKey()
    const processes = Array.from({ length: 20 }, aProcess)
    const claims = await Promise.all(processes.map((p) => p.claim(key)))
    expect(claims.filter(Boolean)).toHaveLength(1)
  })
})
