import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeListDeadLetters } from '../../../src/core/admin/list-dead-letters.js'
import { deadLetterPage } from '../../../src/db/repositories/admin-reports.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { aRequestWith } from '../../support/admin-requests.js'
import { aResident, aStaffMember, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe("/deadletters scoped to the admin's area (SQL on PostgreSQL)", () => {
  let t: TestDatabase
  const letter: Record<string, number> = {}

  const aDeadLetter = async (
    name: string,
    payload: Record<string, unknown>,
    options: { recipient?: number; resolved?: boolean } = {},
  ) => {
    const row = await t.db
      .insertInto('dead_letters')
      .values({
        queue: 'telegram-send',
        job_name: name,
        job_id: name,
        payload: JSON.stringify(payload),
        reason: 'send failed',
        attempts: 5,
        recipient_user_id: options.recipient ?? null,
        resolved_at: options.resolved === true ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    letter[name] = row.id
  }

  beforeAll(async () => {
    t = await createTestDatabase()
    const created = { createdAt: new Date(), status: 'new', organisation: null }
    const inMosty = await aRequestWith(t.db, { ...created, district: 'mosty' })
    const inLida = await aRequestWith(t.db, { ...created, district: 'lida' })
    const mostyResident = await aResident(t.db)
    await t.db
      .updateTable('users')
      .set({ home_settlement_id: await idOf(t.db, 'settlements', 'mosty.mosty') })
      .where('id', '=', mostyResident)
      .execute()
    await aDeadLetter('mosty-update', { userId: 1, message: { type: 'status-update', requestId: inMosty, eventId: 1 } })
    await aDeadLetter('lida-update', { userId: 1, message: { type: 'status-update', requestId: inLida, eventId: 1 } })
    await aDeadLetter('mosty-event', { requestId: inMosty })
    await aDeadLetter(
      'mosty-resident',
      { userId: mostyResident, message: { type: 'notice', noticeId: 1 } },
      {
        recipient: mostyResident,
      },
    )
    await aDeadLetter('group-chat', { chatId: '-100', message: { type: 'notice', noticeId: 1 } })
    await aDeadLetter('resolved', { requestId: inMosty }, { resolved: true })
  })
  afterAll(async () => {
    await t.drop()
  })

  const list = makeListDeadLetters({ deadLetters: (q) => deadLetterPage(t.db)(q) })

  it('when a district admin lists dead letters, then only those about a request of the district or to a person living there are shown', async () => {
    const admin = await loadActor(t.db, await aStaffMember(t.db, 'district_admin', { district: 'mosty' }))
    const page = await list(admin, 0, 10)
    expect(page.ok && page.rows.map((r) => r.id).sort()).toEqual(
      [letter['mosty-update'], letter['mosty-event'], letter['mosty-resident']].sort(),
    )
    expect(page.ok && page.total).toBe(3)
  })

  it('when a region admin lists dead letters, then every unresolved one is shown', async () => {
    const admin = await loadActor(t.db, await aStaffMember(t.db, 'region_admin'))
    const page = await list(admin, 0, 10)
    expect(page.ok && page.total).toBe(5)
    expect(page.ok && page.rows.map((r) => r.id)).not.toContain(letter.resolved)
  })

  it('when someone without deadletters.view asks, then it is refused', async () => {
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    expect(await list(dispatcher, 0, 10)).toEqual({ ok: false, error: 'not-allowed' })
  })
})
