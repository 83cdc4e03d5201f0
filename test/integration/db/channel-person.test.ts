import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadActor, loadChannelPerson } from '../../../src/db/repositories/users.js'
import { aStaffMember, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('the person behind a channel address, read once per update (real PostgreSQL)', () => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await t.drop()
  })

  const externalIdOf = async (userId: number) =>
    (
      await t.db
        .selectFrom('channel_identities')
        .select('external_id')
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).external_id

  it('when someone writes for the first time, then they are created with their language and no roles', async () => {
    const person = await loadChannelPerson(t.db, { channel: 'telegram', externalId: '880000001', language: 'be' })
    expect(person.actor).toEqual({ userId: person.userId, memberships: [] })
    expect(person.language).toBe('be')
    const again = await loadChannelPerson(t.db, { channel: 'telegram', externalId: '880000001', language: 'en' })
    expect(again).toEqual(person)
  })

  it('when a staff member writes, then their active memberships come with them, as loadActor reads them', async () => {
    const userId = await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' })
    await t.db
      .insertInto('staff_memberships')
      .values([
        { user_id: userId, role: 'district_admin', district_id: await idOf(t.db, 'districts', 'zelva') },
        {
          user_id: userId,
          role: 'executor',
          organisation_id: await idOf(t.db, 'organisations', 'lida-water'),
          revoked_at: new Date(),
        },
      ])
      .execute()
    const person = await loadChannelPerson(t.db, {
      channel: 'telegram',
      externalId: await externalIdOf(userId),
      language: 'ru',
    })
    const sort = (list: readonly { role: string }[]) => [...list].sort((a, b) => a.role.localeCompare(b.role))
    expect(sort(person.actor.memberships)).toEqual(sort((await loadActor(t.db, userId)).memberships))
    expect(person.actor.memberships.map((m) => m.role).sort()).toEqual(['dispatcher', 'district_admin'])
    const lida = await idOf(t.db, 'districts', 'lida')
    expect(person.actor.memberships.find((m) => m.role === 'dispatcher')?.districtId).toBe(lida)
  })

  it('when someone marked unreachable writes again, then the mark is gone', async () => {
    const first = await loadChannelPerson(t.db, { channel: 'telegram', externalId: '880000002', language: 'ru' })
    await t.db
      .updateTable('channel_identities')
      .set({ unreachable_since: new Date(), unreachable_reason: 'blocked' })
      .where('user_id', '=', first.userId)
      .execute()
    const again = await loadChannelPerson(t.db, { channel: 'telegram', externalId: '880000002', language: 'ru' })
    expect(again.userId).toBe(first.userId)
    const row = await t.db
      .selectFrom('channel_identities')
      .select('unreachable_since')
      .where('user_id', '=', first.userId)
      .executeTakeFirstOrThrow()
    expect(row.unreachable_since).toBeNull()
  })
})
