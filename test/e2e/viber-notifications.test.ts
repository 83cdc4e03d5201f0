import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeChangeRequestStatus } from '../../src/core/requests/change-status.js'
import { createRequestStore } from '../../src/db/repositories/request-store.js'
import { loadActor } from '../../src/db/repositories/users.js'
import { createTransact } from '../../src/db/transact.js'
import type { Language } from '../../src/core/i18n/text.js'
import { aNotice, aPhoto, aResident, aStaffMember, idOf } from '../support/fixtures.js'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import type { FakeViber, ReceivedMessage } from '../support/fake-viber/server.js'
import type { TestDatabase } from '../support/test-database.js'
import { eventually } from '../support/workers.js'
import { opening } from './support/texts.js'
import { aRequestFrom, aViberResident, sendsTo, startViberSetup } from './support/viber-service.js'
import type { ViberSetup } from './support/viber-service.js'

const reads =
  (key: string, language: Language = 'ru') =>
  (m: ReceivedMessage) =>
    (m.text ?? '').includes(opening(language, key))

describe('workers deliver to Viber users (the service against fake Viber and Bot APIs, real PostgreSQL and Redis)', () => {
  let telegram: FakeTelegram
  let viber: FakeViber
  let t: TestDatabase

  const transact = () => createTransact(t.db, createRequestStore)
  const change = () => makeChangeRequestStatus({ transact: transact(), now: () => new Date() })

  let setup: ViberSetup
  beforeAll(async () => {
    setup = await startViberSetup()
    ;({ telegram, viber, t } = setup)
  })
  afterAll(async () => {
    await setup.stop()
  })

  it('when a Viber resident\'s request is accepted and done, then they hear each step on Viber in their language with the number, the "after" photo by a working link, and the rating keyboard rates it', async () => {
    const { user: olga, userId } = await aViberResident(setup, 'be')
    const request = await aRequestFrom(t, userId, { source: 'viber', description: 'Не горит свет в подъезде' })
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))

    await change()({ actor: dispatcher, requestId: request.id, action: 'accept' })
    const accepted = await olga.waitForMessage(reads('update.accepted', 'be'), 15_000)
    expect(accepted.text).toContain(request.number)
    expect(accepted.text).not.toMatch(/<\/?b>/)

    // The executor's photo lives in Telegram; Viber gets it from our media link.
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x07, 0x08, 0x09])
    const sent = telegram.user({ id: 730_000_000 + Math.floor(Math.random() * 1_000_000) }).sendPhoto({ bytes })
    const fileId = sent.message?.photo?.at(-1)?.file_id ?? ''
    await change()({
      actor: dispatcher,
      requestId: request.id,
      action: 'finish',
      afterPhotos: [{ ...aPhoto('after'), telegramFileId: fileId }],
      comment: 'Лямпа заменена',
    })
    const done = await olga.waitForMessage(reads('update.done', 'be'), 15_000)
    expect(done).toMatchObject({ type: 'picture', via: 'send_message' })
    expect(done.text).toContain(request.number)
    const photo = await fetch(done.media ?? '')
    expect(photo.status).toBe(200)
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(bytes)

    // Three hours later the rating question is due (the sweep finds it).
    await t.db
      .updateTable('requests')
      .set({ done_at: new Date(Date.now() - 3 * 3_600_000) })
      .where('id', '=', request.id)
      .execute()
    const ask = await olga.waitForMessage(reads('rating.ask', 'be'), 15_000)
    expect(ask.text).toContain(request.number)
    expect(ask.keyboard?.Buttons.map((b) => b.ActionBody)).toEqual(
      expect.arrayContaining([`rate:${request.id}:0`, `rate:${request.id}:5`]),
    )
    await olga.press(`rate:${request.id}:5`)
    await olga.waitForMessage(reads('rating.thanks', 'be'))
    const row = await t.db
      .selectFrom('requests')
      .select(['status', 'rating'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'closed', rating: 5 })
  })

  it('when Viber says a resident is no longer subscribed, then their Viber address is marked unreachable and not tried again', async () => {
    const { user: ivan, userId } = await aViberResident(setup)
    const { user: follower, userId: followerId } = await aViberResident(setup)
    const request = await aRequestFrom(t, userId, { source: 'viber', description: 'Не горит свет в подъезде' })
    const answeredBefore = sendsTo(viber, ivan.id).length
    await t.db.insertInto('request_followers').values({ request_id: request.id, user_id: followerId }).execute()
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    // He left without the unsubscribe callback reaching us: Viber answers status 6.
    viber.subscribed.delete(ivan.id)
    const tried = () =>
      sendsTo(viber, ivan.id)
        .slice(answeredBefore)
        .map((c) => c.status)

    expect(await change()({ actor: dispatcher, requestId: request.id, action: 'accept' })).toMatchObject({ ok: true })
    await follower.waitForMessage(reads('update.accepted'), 15_000)
    const identity = await eventually(async () => {
      const row = await t.db
        .selectFrom('channel_identities')
        .select(['unreachable_since', 'unreachable_reason'])
        .where('channel', '=', 'viber')
        .where('external_id', '=', ivan.id)
        .executeTakeFirstOrThrow()
      return row.unreachable_since !== null ? row : undefined
    })
    expect(identity.unreachable_reason).toBe('blocked')
    expect(tried()).toEqual([6])

    expect(
      await change()({ actor: dispatcher, requestId: request.id, action: 'finish', afterPhotos: [aPhoto('after')] }),
    ).toMatchObject({ ok: true })
    // The follower's copy of the same change comes from the same notification: ivan's would have too.
    await follower.waitForMessage(reads('update.done'), 15_000)
    expect(tried()).toEqual([6])
    expect(
      await t.db.selectFrom('dead_letters').select('id').where('recipient_user_id', '=', userId).execute(),
    ).toEqual([])
  })

  it('when a notice covers a street with one Telegram and one Viber resident, then each gets exactly one copy on their own channel', async () => {
    const settlementId = await idOf(t.db, 'settlements', 'lida.lida')
    const street = 'ул. Каштановая'
    const telegramResident = await aResident(t.db)
    const { user: nadia, userId: viberResident } = await aViberResident(setup)
    await t.db
      .updateTable('users')
      .set({ home_settlement_id: settlementId, home_street: street })
      .where('id', 'in', [telegramResident, viberResident])
      .execute()
    const body = 'Отключение холодной воды на Каштановой с 10:00 до 14:00'
    const notice = await aNotice(t.db, { scope: 'settlement', settlementId, streets: [{ street }] }, { body })

    await nadia.waitForMessage((m) => (m.text ?? '').includes(body), 15_000)
    const chat = await t.db
      .selectFrom('channel_identities')
      .select('external_id')
      .where('user_id', '=', telegramResident)
      .executeTakeFirstOrThrow()
    const telegramTexts = () =>
      telegram
        .chat(Number(chat.external_id))
        .messages()
        .map((m) => m.text ?? m.caption ?? '')
    await eventually(() => telegramTexts().some((x) => x.includes(body)))
    await eventually(async () => {
      const row = await t.db.selectFrom('notices').select('state').where('id', '=', notice).executeTakeFirstOrThrow()
      return row.state === 'sent'
    })

    expect(nadia.messages().filter((m) => (m.text ?? '').includes(body))).toHaveLength(1)
    expect(telegramTexts().filter((x) => x.includes(body))).toHaveLength(1)
    const deliveries = await t.db
      .selectFrom('notice_deliveries')
      .select(['user_id', 'channel', 'state'])
      .where('notice_id', '=', notice)
      .orderBy('user_id')
      .execute()
    expect(deliveries).toEqual(
      [
        { user_id: telegramResident, channel: 'telegram', state: 'sent' },
        { user_id: viberResident, channel: 'viber', state: 'sent' },
      ].sort((a, b) => a.user_id - b.user_id),
    )
  })
})
