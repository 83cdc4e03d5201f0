import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNoticeStore } from '../../../src/db/repositories/notice-store.js'
import { aNotice, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('the notice store on PostgreSQL', () => {
  let t: TestDatabase

  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await t.drop()
  })

  const lock = (id: number) => t.db.transaction().execute((trx) => createNoticeStore(trx).lockNotice(id))

  it('when a notice area is well formed, then it is read back as written', async () => {
    const area = { scope: 'settlement', settlementId: await idOf(t.db, 'settlements', 'mosty.mosty'), streets: [] }
    const id = await aNotice(t.db, area)
    expect((await lock(id))?.area).toEqual(area)
  })

  it('when a notice area in the database is malformed, then reading it fails instead of passing it on', async () => {
    const id = await aNotice(t.db, { scope: 'districts' })
    await expect(lock(id)).rejects.toThrow()
  })
})
