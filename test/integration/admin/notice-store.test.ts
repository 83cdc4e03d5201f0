import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNoticeProgressStore } from '../../../src/db/repositories/notice-progress-store.js'
import { createNoticeStore } from '../../../src/db/repositories/notice-store.js'
import { aNotice, aResident, idOf } from '../../support/fixtures.js'
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

  it("when a follow-up is sent, then it takes over the admin's progress message and only it is edited there", async () => {
    const id = await aNotice(t.db, { scope: 'region' })
    await t.db
      .updateTable('notices')
      .set({ state: 'sent', progress_chat_id: '7001', progress_message_id: 42, progress_language: 'en' })
      .where('id', '=', id)
      .execute()
    const admin = await aResident(t.db)
    const followUp = await t.db
      .transaction()
      .execute((trx) => createNoticeStore(trx).insertFollowUp(id, 'ended', 'over', admin, new Date()))

    const row = await t.db
      .selectFrom('notices')
      .select(['progress_chat_id', 'progress_message_id', 'progress_language'])
      .where('id', '=', followUp)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ progress_chat_id: '7001', progress_message_id: 42, progress_language: 'en' })
    const due = await createNoticeProgressStore(t.db).takeDue(60_000, 50)
    expect(due.filter((d) => d.messageId === 42).map((d) => d.noticeId)).toEqual([followUp])
  })

  it('when an outage is ended, then its "restored" follow-up ends at that moment, and a correction keeps the window', async () => {
    const id = await aNotice(t.db, { scope: 'region' })
    const admin = await aResident(t.db)
    const at = new Date(Date.now() + 60_000)
    const [correction, ended] = await t.db.transaction().execute(async (trx) => {
      const store = createNoticeStore(trx)
      return [
        await store.insertFollowUp(id, 'correction', 'new text', admin, at),
        await store.insertFollowUp(id, 'ended', 'new text', admin, at),
      ]
    })
    const endOf = async (notice: number) =>
      (await t.db.selectFrom('notices').select('ends_at').where('id', '=', notice).executeTakeFirstOrThrow()).ends_at
    expect(await endOf(ended)).toEqual(at)
    expect(await endOf(correction)).toEqual(await endOf(id))
  })
})
