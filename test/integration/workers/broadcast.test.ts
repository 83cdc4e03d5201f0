import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startFakeTelegram } from '../../support/fake-telegram/server.js'
import { aNotice, idOf, residentsLivingIn } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'
import { eventually, MINSK_NOON, sendsPending, startTestWorkers, sweepsRun, testClock } from '../../support/workers.js'

describe('outage notice broadcasts', () => {
  let t: TestDatabase
  let telegram: FakeTelegram
  let workers: Awaited<ReturnType<typeof startTestWorkers>> | undefined
  const clock = testClock(MINSK_NOON())

  const copiesPerUser = async (userIds: number[], body: string): Promise<number[]> => {
    const rows = await t.db
      .selectFrom('channel_identities')
      .select(['user_id', 'external_id'])
      .where('user_id', 'in', userIds)
      .execute()
    return rows.map(
      (r) =>
        telegram
          .chat(Number(r.external_id))
          .messages()
          .filter((m) => (m.text ?? '').includes(body)).length,
    )
  }
  const noticeState = async (id: number) =>
    (await t.db.selectFrom('notices').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state

  beforeAll(async () => {
    t = await createTestDatabase()
    telegram = await startFakeTelegram()
  })
  afterEach(async () => {
    await workers?.stop()
    workers = undefined
  })
  afterAll(async () => {
    await telegram.close()
    await t.drop()
  })

  it('when a notice covers a district, then everyone living there gets exactly one copy and nobody else any', async () => {
    const inside = await residentsLivingIn(t.db, 'lida.berezovka', 60)
    const outside = await residentsLivingIn(t.db, 'slonim.slonim', 10)
    const body = 'Отключение воды в Лидском районе'
    const notice = await aNotice(
      t.db,
      { scope: 'districts', districtIds: [await idOf(t.db, 'districts', 'lida')] },
      { body },
    )
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    await eventually(async () => (await noticeState(notice)) === 'sent', 30_000)
    expect(await copiesPerUser(inside, body)).toEqual(inside.map(() => 1))
    expect(await copiesPerUser(outside, body)).toEqual(outside.map(() => 0))
    const progress = await t.db
      .selectFrom('notice_deliveries')
      .select('state')
      .where('notice_id', '=', notice)
      .execute()
    expect(progress.filter((p) => p.state === 'sent')).toHaveLength(60)
  })

  it('when a notice names streets, then only those streets (and residents whose street is unknown) get it', async () => {
    const onStreet = await residentsLivingIn(t.db, 'lida.lida', 5, 'ул. Советская')
    const elsewhere = await residentsLivingIn(t.db, 'lida.lida', 5, 'Мицкевича')
    const body = 'Нет воды на Советской'
    const notice = await aNotice(
      t.db,
      {
        scope: 'settlement',
        settlementId: await idOf(t.db, 'settlements', 'lida.lida'),
        streets: [{ street: 'Советская', houses: null }],
      },
      { body },
    )
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    await eventually(async () => (await noticeState(notice)) === 'sent', 30_000)
    expect(await copiesPerUser(onStreet, body)).toEqual(onStreet.map(() => 1))
    expect(await copiesPerUser(elsewhere, body)).toEqual(elsewhere.map(() => 0))
  })

  it('when a scheduled notice comes due, then the sweep starts it', async () => {
    const people = await residentsLivingIn(t.db, 'mosty.mosty', 3)
    const body = 'Запланированное объявление'
    const notice = await aNotice(
      t.db,
      { scope: 'districts', districtIds: [await idOf(t.db, 'districts', 'mosty')] },
      { body, state: 'scheduled', sendAt: new Date(clock.now().getTime() + 60_000) },
    )
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    await sweepsRun(workers)
    expect(await noticeState(notice)).toBe('scheduled')
    clock.advance(120_000)
    await eventually(async () => (await noticeState(notice)) === 'sent', 20_000)
    expect(await copiesPerUser(people, body)).toEqual([1, 1, 1])
  })

  it('when a notice is cancelled while sending, then what is not yet sent is never sent and nobody gets two', async () => {
    const people = await residentsLivingIn(t.db, 'shchuchin.shchuchin', 150)
    const body = 'Объявление, которое отменят'
    const notice = await aNotice(
      t.db,
      { scope: 'districts', districtIds: [await idOf(t.db, 'districts', 'shchuchin')] },
      { body },
    )
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now, sendRatePerSecond: 30 })
    await eventually(async () => (await copiesPerUser(people, body)).filter((n) => n > 0).length >= 20)
    await t.db.updateTable('notices').set({ state: 'cancelled' }).where('id', '=', notice).execute()
    // Once the sweep has run and no send job is left, nothing more can go out.
    await sweepsRun(workers)
    await eventually(async () => (await sendsPending(workers)) === 0, 30_000)
    const copies = await copiesPerUser(people, body)
    expect(Math.max(...copies)).toBe(1)
    const sent = copies.filter((n) => n === 1).length
    expect(sent).toBeLessThan(150)
    const states = await t.db.selectFrom('notice_deliveries').select('state').where('notice_id', '=', notice).execute()
    expect(states.filter((s) => s.state === 'sent').length).toBe(sent)
  })
})
