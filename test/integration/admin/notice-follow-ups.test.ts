import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../../src/core/access/permissions.js'
import {
  makeConfirmNotice,
  makeCorrectNotice,
  makeCreateNotice,
  makeEndNotice,
} from '../../../src/core/notices/notice-use-cases.js'
import { createNoticeStore } from '../../../src/db/repositories/notice-store.js'
import { createTransact } from '../../../src/db/transact.js'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startFakeTelegram } from '../../support/fake-telegram/server.js'
import { aStaffMember, idOf, residentsLivingIn } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'
import { eventually, startTestWorkers } from '../../support/workers.js'
import { loadActor } from '../../../src/db/repositories/users.js'

describe('notice corrections and "restored" messages through the broadcast workers', () => {
  let t: TestDatabase
  let telegram: FakeTelegram
  let workers: Awaited<ReturnType<typeof startTestWorkers>>
  let admin: Actor

  const texts = async (userIds: number[]): Promise<string[][]> => {
    const rows = await t.db
      .selectFrom('channel_identities')
      .select('external_id')
      .where('user_id', 'in', userIds)
      .orderBy('user_id')
      .execute()
    return rows.map((r) =>
      telegram
        .chat(Number(r.external_id))
        .messages()
        .map((m) => m.text ?? ''),
    )
  }
  const stateOf = async (id: number) =>
    (await t.db.selectFrom('notices').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state
  const followUpOf = async (id: number, kind: 'correction' | 'ended') =>
    (
      await t.db
        .selectFrom('notices')
        .select('id')
        .where('parent_notice_id', '=', id)
        .where('follow_up', '=', kind)
        .executeTakeFirst()
    )?.id

  beforeAll(async () => {
    t = await createTestDatabase()
    telegram = await startFakeTelegram()
    workers = await startTestWorkers({ db: t.db, telegram, now: () => new Date() })
    admin = await loadActor(t.db, await aStaffMember(t.db, 'district_admin', { district: 'mosty' }))
  })
  afterAll(async () => {
    await workers.stop()
    await telegram.close()
    await t.drop()
  })

  it('when a sent notice is corrected and then ended, then only those who received it get the correction and the end', async () => {
    const deps = { transact: createTransact(t.db, createNoticeStore), now: () => new Date() }
    const reached = await residentsLivingIn(t.db, 'mosty.mosty', 3)
    const created = await makeCreateNotice(deps)(admin, {
      kind: 'planned_outage',
      service: 'gas',
      area: { scope: 'settlement', settlementId: await idOf(t.db, 'settlements', 'mosty.mosty'), streets: [] },
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      body: 'Газ отключат до вечера',
      photo: null,
    })
    if (!created.ok) throw new Error(created.error)
    const id = created.noticeId
    expect(await makeConfirmNotice(deps)(admin, id, { sendAt: null, progress: null })).toMatchObject({ ok: true })
    await eventually(async () => (await stateOf(id)) === 'sent')

    // Moved in after the notice went out: told nothing of it, not even its correction.
    const newcomer = await residentsLivingIn(t.db, 'mosty.mosty', 1)
    expect(await makeCorrectNotice(deps)(admin, id, 'Газ отключат до утра')).toEqual({ ok: true, followUpTo: 3 })
    const correction = await eventually(() => followUpOf(id, 'correction'))
    await eventually(async () => (await stateOf(correction)) === 'sent')
    expect(await makeEndNotice(deps)(admin, id)).toEqual({ ok: true, told: 3 })
    const ended = await eventually(() => followUpOf(id, 'ended'))
    await eventually(async () => (await stateOf(ended)) === 'sent')

    for (const messages of await texts(reached)) {
      expect(messages).toHaveLength(3)
      expect(messages[0]).toContain('Газ отключат до вечера')
      expect(messages[1]).toContain('Уточнение к объявлению')
      expect(messages[1]).toContain('Газ отключат до утра')
      expect(messages[2]).toContain('Услуга восстановлена: Газ')
      // One short line, not the outage text again.
      expect(messages[2]).not.toContain('Газ отключат')
    }
    expect(await texts(newcomer)).toEqual([[]])
    expect(await stateOf(id)).toBe('ended')
    const events = await t.db
      .selectFrom('notice_events')
      .select('kind')
      .where('notice_id', '=', id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.kind)).toEqual(['created', 'confirmed', 'corrected', 'ended'])
  })
})
