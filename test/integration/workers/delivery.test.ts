import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MessengerSender } from '../../../src/core/delivery/ports.js'
import { makeChangeRequestStatus } from '../../../src/core/requests/change-status.js'
import { makeRateRequest } from '../../../src/core/requests/rate-request.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { createTransact } from '../../../src/db/transact.js'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startFakeTelegram } from '../../support/fake-telegram/server.js'
import { aDraft, aPhoto, aResident, aStaffMember } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'
import { eventually, MINSK_NOON, sendsPending, startTestWorkers, sweepsRun, testClock } from '../../support/workers.js'

const chatOf = async (t: TestDatabase, userId: number): Promise<number> => {
  const row = await t.db
    .selectFrom('channel_identities')
    .select('external_id')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.external_id)
}

describe('delivery workers on real Redis and PostgreSQL, through the fake Bot API', () => {
  let t: TestDatabase
  let telegram: FakeTelegram
  let workers: Awaited<ReturnType<typeof startTestWorkers>> | undefined
  const clock = testClock(MINSK_NOON())

  const transact = () => createTransact(t.db, createRequestStore)
  const texts = (chat: number) =>
    telegram
      .chat(chat)
      .messages()
      .map((m) => m.text ?? m.caption ?? '')

  beforeAll(async () => {
    t = await createTestDatabase()
    telegram = await startFakeTelegram()
  })
  afterEach(async () => {
    await workers?.stop()
    workers = undefined
    telegram.setLimits({})
  })
  afterAll(async () => {
    await telegram.close()
    await t.drop()
  })

  async function aRequest(author: number, overrides: Parameters<typeof aDraft>[2] = {}) {
    const result = await makeSubmitRequest({ transact: transact(), now: clock.now })(
      await aDraft(t.db, author, overrides),
    )
    if (!result.ok) throw new Error(result.error)
    return result.request
  }

  it('when a request is filed and accepted, then the dispatcher gets the card and the resident the update, once each', async () => {
    const resident = await aResident(t.db)
    const dispatcher = await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' })
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    const request = await aRequest(resident)
    const dispatcherChat = await chatOf(t, dispatcher)
    await eventually(() => texts(dispatcherChat).some((x) => x.includes(request.number)))

    const change = makeChangeRequestStatus({ transact: transact(), now: clock.now })
    expect(
      await change({ actor: await loadActor(t.db, dispatcher), requestId: request.id, action: 'accept' }),
    ).toMatchObject({ ok: true })
    const residentChat = await chatOf(t, resident)
    await eventually(() => texts(residentChat).some((x) => x.includes('Принята в работу')))

    // The relay publishing the same rows again, and the sweep, change nothing: once both have run,
    // no send is left to run.
    await t.db.updateTable('outbox').set({ published_at: null, locked_until: null }).execute()
    await workers.relay.publishOnce()
    await sweepsRun(workers)
    await eventually(async () => (await sendsPending(workers)) === 0)
    expect(texts(residentChat).filter((x) => x.includes('Принята в работу'))).toHaveLength(1)
    expect(texts(dispatcherChat).filter((x) => x.includes(request.number))).toHaveLength(1)
  })

  it('when the resident blocked the bot, then they are marked unreachable and not tried again', async () => {
    const resident = await aResident(t.db)
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const chat = await chatOf(t, resident)
    telegram.blockedChats.add(chat)
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    const request = await aRequest(resident)
    await makeChangeRequestStatus({ transact: transact(), now: clock.now })({
      actor: dispatcher,
      requestId: request.id,
      action: 'accept',
    })
    const identity = await eventually(async () => {
      const row = await t.db
        .selectFrom('channel_identities')
        .select(['unreachable_since', 'unreachable_reason'])
        .where('user_id', '=', resident)
        .executeTakeFirstOrThrow()
      return row.unreachable_since !== null ? row : undefined
    })
    expect(identity.unreachable_reason).toBe('blocked')
    expect(
      await t.db.selectFrom('dead_letters').select('id').where('recipient_user_id', '=', resident).execute(),
    ).toEqual([])
    telegram.blockedChats.delete(chat)
  })

  it('when Telegram answers 429, then the queue waits retry_after and everything is still delivered once', async () => {
    telegram.setLimits({ globalPerSecond: 5, retryAfterSeconds: 1 })
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const change = makeChangeRequestStatus({ transact: transact(), now: clock.now })
    const residents = await Promise.all(Array.from({ length: 20 }, () => aResident(t.db)))
    const requests = []
    for (const [i, resident] of residents.entries())
      requests.push(await aRequest(resident, { idempotencyKey: `r429-${i}` }))
    const before = telegram.stats().tooManyRequests
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now, sendRatePerSecond: 50 })
    for (const request of requests) await change({ actor: dispatcher, requestId: request.id, action: 'accept' })
    const chats = await Promise.all(residents.map((r) => chatOf(t, r)))
    await eventually(() => chats.every((c) => texts(c).some((x) => x.includes('Принята в работу'))), 30_000)
    expect(telegram.stats().tooManyRequests).toBeGreaterThan(before)
    for (const c of chats) expect(texts(c).filter((x) => x.includes('Принята в работу'))).toHaveLength(1)
  })

  it('when status updates and broadcast messages wait together, then the status update goes first', async () => {
    const resident = await aResident(t.db)
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const request = await aRequest(resident)
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now, sendRatePerSecond: 10 })
    const admin = await aResident(t.db)
    const notice = await t.db
      .insertInto('notices')
      .values({
        kind: 'information',
        service: 'other',
        area: JSON.stringify({ scope: 'region' }),
        body: 'Приоритет проверки',
        state: 'draft',
        created_by_user_id: admin,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const users = await Promise.all(Array.from({ length: 40 }, () => aResident(t.db)))
    await workers.queues['telegram-send'].addBulk(
      users.map((userId) => ({
        name: 'notice',
        data: { userId, message: { type: 'notice', noticeId: notice.id } },
        opts: { jobId: `prio-${userId}`, priority: 10 },
      })),
    )
    await t.db.updateTable('notices').set({ state: 'sending' }).where('id', '=', notice.id).execute()
    await makeChangeRequestStatus({ transact: transact(), now: clock.now })({
      actor: dispatcher,
      requestId: request.id,
      action: 'accept',
    })
    const residentChat = await chatOf(t, resident)
    await eventually(() => texts(residentChat).some((x) => x.includes('Принята в работу')), 20_000)
    const deliveredNotices = await t.db
      .selectFrom('notice_deliveries')
      .select('user_id')
      .where('notice_id', '=', notice.id)
      .where('state', '=', 'sent')
      .execute()
    // 40 notices at 10/s take 4 s; the update arrived while most of them still waited.
    expect(deliveredNotices.length).toBeLessThan(30)
  })

  it('when a send keeps failing, then after its attempts it becomes a dead letter with the reason', async () => {
    const failing: MessengerSender = { send: () => Promise.resolve({ kind: 'failed', error: '502 Bad Gateway' }) }
    workers = await startTestWorkers({
      db: t.db,
      telegram,
      now: clock.now,
      sender: failing,
      retry: { attempts: 3, backoffMs: 50 },
    })
    const resident = await aResident(t.db)
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const request = await aRequest(resident)
    await makeChangeRequestStatus({ transact: transact(), now: clock.now })({
      actor: dispatcher,
      requestId: request.id,
      action: 'accept',
    })
    const letter = await eventually(async () =>
      t.db.selectFrom('dead_letters').selectAll().where('recipient_user_id', '=', resident).executeTakeFirst(),
    )
    expect(letter).toMatchObject({ queue: 'telegram-send', attempts: 3, reason: 'send failed: 502 Bad Gateway' })
  })

  it('when the work is done, then the resident is asked to rate it; "not fixed" reopens and the dispatchers hear of it', async () => {
    const resident = await aResident(t.db)
    const dispatcherId = await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' })
    const dispatcher = await loadActor(t.db, dispatcherId)
    const request = await aRequest(resident)
    const change = makeChangeRequestStatus({ transact: transact(), now: clock.now })
    await change({ actor: dispatcher, requestId: request.id, action: 'accept' })
    await change({ actor: dispatcher, requestId: request.id, action: 'finish', afterPhotos: [aPhoto('after')] })
    // Three hours later by the test's clock (still daytime in Minsk): the question is due.
    clock.advance(3 * 3_600_000)
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    const chat = await chatOf(t, resident)
    const question = await eventually(() =>
      telegram
        .chat(chat)
        .messages()
        .find((m) => (m.text ?? '').includes('Проблема решена')),
    )
    const buttons = telegram
      .chat(chat)
      .inlineButtons(question)
      .map((b) => b.data)
    expect(buttons).toEqual(expect.arrayContaining([`rate:${request.id}:5`, `rate:${request.id}:0`]))

    const rate = makeRateRequest({ transact: transact(), now: clock.now })
    expect(await rate(await loadActor(t.db, resident), request.id, 0)).toEqual({ ok: true, outcome: 'reopened' })
    expect(await rate(await loadActor(t.db, resident), request.id, 5)).toEqual({ ok: false, error: 'already-rated' })
    const dispatcherChat = await chatOf(t, dispatcherId)
    await eventually(() => texts(dispatcherChat).some((x) => x.includes(`${request.number} снова открыта`)))
    const row = await t.db
      .selectFrom('requests')
      .select(['status', 'rated_at'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('reopened')
  })

  it('when nobody rates for fourteen days, then the request closes by itself', async () => {
    const resident = await aResident(t.db)
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const request = await aRequest(resident)
    const change = makeChangeRequestStatus({ transact: transact(), now: clock.now })
    await change({ actor: dispatcher, requestId: request.id, action: 'accept' })
    expect(
      await change({ actor: dispatcher, requestId: request.id, action: 'finish', afterPhotos: [aPhoto('after')] }),
    ).toMatchObject({ ok: true })
    clock.advance(15 * 24 * 3_600_000)
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    await eventually(async () => {
      const row = await t.db
        .selectFrom('requests')
        .select('status')
        .where('id', '=', request.id)
        .executeTakeFirstOrThrow()
      return row.status === 'closed'
    })
  })

  it('when an emergency is not accepted in 30 minutes, then its dispatchers are told, and an hour later the district admin too', async () => {
    const resident = await aResident(t.db)
    const dispatcherId = await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-water' })
    const adminId = await aStaffMember(t.db, 'district_admin', { district: 'lida' })
    const { idOf } = await import('../../support/fixtures.js')
    const start = clock.now()
    const request = await aRequest(resident, {
      categoryId: await idOf(t.db, 'categories', 'water.burst-pipe'),
      idempotencyKey: 'sla-1',
    })
    clock.set(new Date(start.getTime() + 31 * 60_000))
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    const dispatcherChat = await chatOf(t, dispatcherId)
    await eventually(() => texts(dispatcherChat).some((x) => x.includes(`${request.number} не принята в срок`)))
    expect(texts(await chatOf(t, adminId)).some((x) => x.includes(request.number))).toBe(false)
    clock.set(new Date(start.getTime() + 61 * 60_000))
    await eventually(async () =>
      texts(await chatOf(t, adminId)).some((x) => x.includes(`${request.number} не принята в срок`)),
    )
    // One escalation per level, however often the sweep runs (the second waits its turn: 1 a second per chat).
    await eventually(
      () => texts(dispatcherChat).filter((x) => x.includes(`${request.number} не принята в срок`)).length >= 2,
    )
    await sweepsRun(workers)
    await eventually(async () => (await sendsPending(workers)) === 0)
    expect(texts(dispatcherChat).filter((x) => x.includes(`${request.number} не принята в срок`))).toHaveLength(2)
  })
})
