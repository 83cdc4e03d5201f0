import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { makeRerouteRequest } from '../../../src/core/dispatch/reroute.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createDispatchStore } from '../../../src/db/repositories/dispatch-store.js'
import { createLinkChatStore } from '../../../src/db/repositories/link-chat-store.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { createTransact } from '../../../src/db/transact.js'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startFakeTelegram } from '../../support/fake-telegram/server.js'
import { aDraft, aResident, aStaffMember, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'
import { eventually, MINSK_NOON, startTestWorkers, testClock } from '../../support/workers.js'

const chatOf = async (t: TestDatabase, userId: number): Promise<number> => {
  const row = await t.db
    .selectFrom('channel_identities')
    .select('external_id')
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.external_id)
}

describe('rerouting and group chats, with the delivery workers (real PostgreSQL, Redis, fake Bot API)', () => {
  let t: TestDatabase
  let telegram: FakeTelegram
  let workers: Awaited<ReturnType<typeof startTestWorkers>> | undefined
  const clock = testClock(MINSK_NOON())
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
  })
  afterAll(async () => {
    await telegram.close()
    await t.drop()
  })

  async function aRequest(author: number) {
    const submit = makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: clock.now })
    const result = await submit(await aDraft(t.db, author))
    if (!result.ok) throw new Error(result.error)
    return result.request
  }

  it('when a group chat is linked to the organisation, then its cards come there too, with buttons', async () => {
    const groupChat = -1_000_000_000_000 - Math.floor(Math.random() * 1_000_000)
    const linker = await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' })
    await createLinkChatStore(t.db).link(
      String(groupChat),
      await idOf(t.db, 'organisations', 'lida-housing'),
      'ru',
      linker,
    )
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    const request = await aRequest(await aResident(t.db))

    await eventually(() => texts(groupChat).some((x) => x.includes(request.number)))
    const card = telegram
      .chat(groupChat)
      .messages()
      .find((m) => (m.text ?? '').includes(request.number))
    expect(
      telegram
        .chat(groupChat)
        .inlineButtons(card)
        .map((b) => b.data),
    ).toContain(`rq:accept:${request.id}`)
    // The dispatcher on duty gets it as well.
    await eventually(async () => texts(await chatOf(t, linker)).some((x) => x.includes(request.number)))
  })

  it('when a request is rerouted, then the event records from and to, the new organisation’s dispatchers get the card and the resident is told', async () => {
    const housingDispatcher = await loadActor(
      t.db,
      await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }),
    )
    const waterDispatcher = await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-water' })
    const resident = await aResident(t.db)
    workers = await startTestWorkers({ db: t.db, telegram, now: clock.now })
    const request = await aRequest(resident)
    const water = await idOf(t.db, 'organisations', 'lida-water')
    const housing = await idOf(t.db, 'organisations', 'lida-housing')
    const housingChat = await chatOf(t, housingDispatcher.userId)
    await eventually(() => texts(housingChat).some((x) => x.includes(request.number)))

    const reroute = makeRerouteRequest({ transact: createTransact(t.db, createDispatchStore), now: clock.now })
    expect(
      await reroute({ actor: housingDispatcher, requestId: request.id, organisationId: water, categoryId: null }),
    ).toEqual({ ok: true })

    const row = await t.db.selectFrom('requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'rerouted', primary_organisation_id: water, copy_organisation_ids: [] })
    expect(row.routing).toMatchObject({ kind: 'routed', primaryOrganisationId: water })
    const event = await t.db
      .selectFrom('request_events')
      .selectAll()
      .where('request_id', '=', request.id)
      .where('kind', '=', 'rerouted')
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({ actor_user_id: housingDispatcher.userId, from_status: 'new', to_status: 'rerouted' })
    expect(event.data).toMatchObject({ from: { organisationId: housing }, to: { organisationId: water } })

    await eventually(async () => texts(await chatOf(t, waterDispatcher)).some((x) => x.includes(request.number)))
    await eventually(async () => texts(await chatOf(t, resident)).some((x) => x.includes(request.number)))

    // The old organisation no longer handles it.
    expect(
      await reroute({ actor: housingDispatcher, requestId: request.id, organisationId: housing, categoryId: null }),
    ).toEqual({ ok: false, error: 'not-found' })

    // Sent back, the first organisation's dispatcher gets the card again (a new card, not a repeat of the first).
    const cardsBefore = texts(housingChat).filter((x) => x.includes(request.number)).length
    expect(cardsBefore).toBe(1)
    const water2 = await loadActor(t.db, waterDispatcher)
    expect(await reroute({ actor: water2, requestId: request.id, organisationId: housing, categoryId: null })).toEqual({
      ok: true,
    })
    await eventually(() => texts(housingChat).filter((x) => x.includes(request.number)).length > cardsBefore)
  })
})
