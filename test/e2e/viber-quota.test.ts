import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queuePrefix } from '../../src/app/worker-role.js'
import { makeChangeRequestStatus } from '../../src/core/requests/change-status.js'
import { createRequestStore } from '../../src/db/repositories/request-store.js'
import { loadActor } from '../../src/db/repositories/users.js'
import { createTransact } from '../../src/db/transact.js'
import { aResident, aStaffMember } from '../support/fixtures.js'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import type { FakeViber, ReceivedMessage } from '../support/fake-viber/server.js'
import type { TestDatabase } from '../support/test-database.js'
import { eventually } from '../support/workers.js'
import type { RunningService } from './support/service.js'
import { opening } from './support/texts.js'
import { aRequestFrom, aViberResident, sendsTo, startViberSetup } from './support/viber-service.js'
import type { ViberSetup } from './support/viber-service.js'

const accepted = (m: ReceivedMessage) => (m.text ?? '').includes(opening('ru', 'update.accepted'))

// A service of its own: the quota pauses its Viber sends for an hour.
describe('when the Viber account runs out of its message quota (the service against fake Viber and Bot APIs)', () => {
  let telegram: FakeTelegram
  let viber: FakeViber
  let t: TestDatabase
  let service: RunningService
  const redisPrefix = `quota${process.pid}`

  const transact = () => createTransact(t.db, createRequestStore)
  const change = () => makeChangeRequestStatus({ transact: transact(), now: () => new Date() })

  let setup: ViberSetup
  beforeAll(async () => {
    setup = await startViberSetup({ redisPrefix })
    ;({ telegram, viber, t, service } = setup)
  })
  afterAll(async () => {
    await setup.stop()
  })

  it('then every Viber send waits, nothing is lost or dead-lettered, and Telegram residents still hear at once', async () => {
    const { user: anna, userId: annaId } = await aViberResident(setup)
    const { user: boris, userId: borisId } = await aViberResident(setup)
    const telegramResident = await aResident(t.db)
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const annas = await aRequestFrom(t, annaId, { source: 'viber', description: 'Течёт крыша над подъездом' })
    const boriss = await aRequestFrom(t, borisId, { source: 'viber', description: 'Течёт крыша над подъездом' })
    const telegrams = await aRequestFrom(t, telegramResident, {
      source: 'telegram',
      description: 'Течёт крыша над подъездом',
    })
    const borisBefore = sendsTo(viber, boris.id).length

    viber.failSends.set(anna.id, 23)
    expect(await change()({ actor: dispatcher, requestId: annas.id, action: 'accept' })).toMatchObject({ ok: true })
    await eventually(() => sendsTo(viber, anna.id).some((c) => c.status === 23), 15_000)

    // Boris's account is fine, but the quota is the bot's: his update is not tried.
    expect(await change()({ actor: dispatcher, requestId: boriss.id, action: 'accept' })).toMatchObject({ ok: true })
    expect(await change()({ actor: dispatcher, requestId: telegrams.id, action: 'accept' })).toMatchObject({
      ok: true,
    })
    const chat = await t.db
      .selectFrom('channel_identities')
      .select('external_id')
      .where('user_id', '=', telegramResident)
      .executeTakeFirstOrThrow()
    await eventually(
      () =>
        telegram
          .chat(Number(chat.external_id))
          .messages()
          .some((m) => (m.text ?? '').includes(opening('ru', 'update.accepted'))),
      15_000,
    )
    // Telegram's update went through the same workers after Boris's was queued: his had its turn.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(sendsTo(viber, boris.id)).toHaveLength(borisBefore)
    expect(boris.messages().filter(accepted)).toHaveLength(0)
    expect(sendsTo(viber, anna.id).filter((c) => c.status === 23)).toHaveLength(1)

    expect(service.output().stdout).toMatch(/"channel":"viber".*pausing its sends/)
    // Both are still owed their update: waiting in the queue, not failed.
    const connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null })
    const queue = new Queue('viber-send', { connection, prefix: queuePrefix(redisPrefix) })
    try {
      const counts = await queue.getJobCounts('delayed', 'waiting', 'prioritized', 'failed')
      expect((counts.delayed ?? 0) + (counts.waiting ?? 0) + (counts.prioritized ?? 0)).toBeGreaterThanOrEqual(2)
      expect(counts.failed ?? 0).toBe(0)
    } finally {
      await queue.close()
      connection.disconnect()
    }
    expect(
      await t.db.selectFrom('dead_letters').select('id').where('recipient_user_id', 'in', [annaId, borisId]).execute(),
    ).toEqual([])
  })
})
