import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createDeliveryStore } from '../../../src/db/repositories/delivery-store.js'
import { createNoticeDeliveryStore } from '../../../src/db/repositories/notice-delivery-store.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { ensureChannelUser } from '../../../src/db/repositories/users.js'
import { createTransact } from '../../../src/db/transact.js'
import { aDraft, aNotice } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('which channel a person is written to (real PostgreSQL)', () => {
  let t: TestDatabase
  let both: number
  let viberOnly: number
  let house = 300
  const bothChannels = ['telegram', 'viber'] as const

  beforeAll(async () => {
    t = await createTestDatabase()
    both = await ensureChannelUser(t.db, { channel: 'telegram', externalId: '555000111' })
    await t.db
      .insertInto('channel_identities')
      .values({ user_id: both, channel: 'viber', external_id: 'both+v==' })
      .execute()
    viberOnly = await ensureChannelUser(t.db, { channel: 'viber', externalId: 'only/v==' })
  })
  afterAll(async () => {
    await t.drop()
  })

  async function aRequest(author: number, source: 'telegram' | 'viber') {
    const base = await aDraft(t.db, author, { source })
    const address = { ...base.address, house: String(house++) }
    const result = await makeSubmitRequest({
      transact: createTransact(t.db, createRequestStore),
      now: () => new Date(),
    })({ ...base, address })
    if (!result.ok) throw new Error(result.error)
    return result.request.id
  }

  it('when a request came in through Viber, then its updates go to Viber; one from Telegram, to Telegram', async () => {
    const store = createDeliveryStore(t.db, { channels: bothChannels })
    const fromViber = await aRequest(both, 'viber')
    const fromTelegram = await aRequest(both, 'telegram')
    expect(await store.residentsOf(fromViber)).toEqual([
      { userId: both, chatId: 'both+v==', language: 'ru', channel: 'viber' },
    ])
    expect(await store.residentsOf(fromTelegram)).toEqual([
      { userId: both, chatId: '555000111', language: 'ru', channel: 'telegram' },
    ])
    expect(await store.recipient(both, { staffMessage: false, requestId: fromViber })).toMatchObject({
      channel: 'viber',
    })
    // A notice: Telegram first. Staff messages: Telegram only.
    expect(await store.recipient(both, { staffMessage: false })).toMatchObject({ channel: 'telegram' })
    expect(await store.recipient(viberOnly, { staffMessage: true })).toBeNull()
    expect(await store.recipient(viberOnly, { staffMessage: false })).toMatchObject({ channel: 'viber' })
  })

  it('when the preferred address is unreachable, then the other one is used; marking one channel leaves the other', async () => {
    const store = createDeliveryStore(t.db, { channels: bothChannels })
    const fromViber = await aRequest(both, 'viber')
    await store.markUnreachable(both, 'blocked', 'viber')
    expect(await store.residentsOf(fromViber)).toEqual([
      { userId: both, chatId: '555000111', language: 'ru', channel: 'telegram' },
    ])
    await t.db.updateTable('channel_identities').set({ unreachable_since: null }).where('user_id', '=', both).execute()
  })

  it("when Viber is off, then people reachable only in Viber are nobody's recipients and get no notice delivery", async () => {
    const store = createDeliveryStore(t.db)
    const request = await aRequest(viberOnly, 'viber')
    expect(await store.residentsOf(request)).toEqual([])
    expect(await store.recipient(viberOnly, { staffMessage: false, requestId: request })).toBeNull()

    const notice = await aNotice(t.db, { scope: 'region' })
    const off = createNoticeDeliveryStore(t.db)
    expect(await off.recipientsPage(notice, 0, 1000)).not.toContain(viberOnly)
    const on = createNoticeDeliveryStore(t.db, { channels: bothChannels })
    const page = await on.recipientsPage(notice, 0, 1000)
    expect(page).toEqual(expect.arrayContaining([both, viberOnly]))
    const planned = await on.addPage(notice, page, page.at(-1) ?? 0)
    expect(planned).toEqual(
      expect.arrayContaining([
        { userId: both, channel: 'telegram' },
        { userId: viberOnly, channel: 'viber' },
      ]),
    )
    expect(await on.pendingAfter(notice, 0, 1000)).toEqual(planned)
  })
})
