import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeRegisterCall } from '../../../src/core/dispatch/register-call.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createDeliveryStore } from '../../../src/db/repositories/delivery-store.js'
import { createCallerStore } from '../../../src/db/repositories/caller-store.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { createResidentStore } from '../../../src/db/repositories/resident-store.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { createTransact } from '../../../src/db/transact.js'
import { aResident, aStaffMember, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('phone-call requests and their callers (real PostgreSQL)', () => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await t.drop()
  })

  const registerCall = () =>
    makeRegisterCall({
      callers: createCallerStore(t.db),
      submitRequest: makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: () => new Date() }),
    })

  async function aCall(phone: string, key: string) {
    const operator = await loadActor(
      t.db,
      await aStaffMember(t.db, 'dispatcher', { organisation: 'region-contact-centre' }),
    )
    const result = await registerCall()({
      actor: operator,
      phone,
      callerName: 'Мария Ивановна',
      categoryId: await idOf(t.db, 'categories', 'heating.no-heat'),
      districtId: await idOf(t.db, 'districts', 'lida'),
      addressText: 'Лида, ул. Мицкевича, 7, кв. 12',
      description: 'Холодные батареи во всей квартире',
      idempotencyKey: key,
    })
    if (!result.ok) throw new Error(result.error)
    return result.request
  }

  it('when a call is registered, then the request is the caller’s, from the phone channel, routed and numbered', async () => {
    const request = await aCall('+375 29 700-00-01', 'call-1')
    const row = await t.db.selectFrom('requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ source: 'phone', contact_phone: '+375297000001', status: 'new' })
    expect(row.primary_organisation_id).toBe(await idOf(t.db, 'organisations', 'lida-housing'))
    expect(request.number).toMatch(/^GR-\d{2}-\d{6}$/)
    const identity = await t.db
      .selectFrom('channel_identities')
      .select(['user_id', 'channel'])
      .where('external_id', '=', '+375297000001')
      .executeTakeFirstOrThrow()
    expect(identity).toEqual({ user_id: row.author_user_id, channel: 'phone' })
  })

  it('when the same call is registered twice, then there is one request', async () => {
    const first = await aCall('80297000002', 'call-2')
    const second = await aCall('80297000002', 'call-2')
    expect(second.id).toBe(first.id)
  })

  it('when a Telegram user shares the caller’s phone, then the calls’ requests become theirs and they get the updates', async () => {
    const request = await aCall('+375297000003', 'call-3')
    const later = await aCall('+375297000003', 'call-4')
    const delivery = createDeliveryStore(t.db)
    // A phone-only caller cannot be written to.
    expect(await delivery.residentsOf(request.id)).toEqual([])

    const telegramUser = await aResident(t.db)
    await createResidentStore(t.db).saveProfile(telegramUser, { phone: '+375297000003', phoneVerified: true }, null)

    const authors = await t.db
      .selectFrom('requests')
      .select('author_user_id')
      .where('id', 'in', [request.id, later.id])
      .execute()
    expect(authors.map((a) => a.author_user_id)).toEqual([telegramUser, telegramUser])
    expect((await delivery.residentsOf(request.id)).map((r) => r.userId)).toEqual([telegramUser])

    // A call from that number afterwards is theirs at once.
    const third = await aCall('8 029 700-00-03', 'call-5')
    const author = await t.db
      .selectFrom('requests')
      .select('author_user_id')
      .where('id', '=', third.id)
      .executeTakeFirstOrThrow()
    expect(author.author_user_id).toBe(telegramUser)
  })

  it('when the shared number is not vouched for by the channel (a forwarded card, any Viber contact), then nothing moves', async () => {
    const request = await aCall('+375297000006', 'call-7')
    const stranger = await aResident(t.db)
    await createResidentStore(t.db).saveProfile(stranger, { phone: '+375297000006', phoneVerified: false }, null)
    const row = await t.db
      .selectFrom('requests')
      .select('author_user_id')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(row.author_user_id).not.toBe(stranger)
  })

  it('when a resident shares a phone nobody called from, then nothing moves', async () => {
    const request = await aCall('+375297000004', 'call-6')
    const before = await t.db
      .selectFrom('requests')
      .select('author_user_id')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    await createResidentStore(t.db).saveProfile(
      await aResident(t.db),
      { phone: '+375297000005', phoneVerified: true },
      null,
    )
    const after = await t.db
      .selectFrom('requests')
      .select('author_user_id')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(after.author_user_id).toBe(before.author_user_id)
  })
})
