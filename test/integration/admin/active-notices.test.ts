import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../../src/core/access/permissions.js'
import { makeListActiveNotices } from '../../../src/core/notices/list-active-notices.js'
import { activeNotices } from '../../../src/db/repositories/notice-store.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { aNotice, aResident, aStaffMember, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

const DAY = 86_400_000

describe("/notices: the notices in force in the admin's area (SQL on PostgreSQL)", () => {
  let t: TestDatabase
  let mostyAdmin: Actor
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    t = await createTestDatabase()
    mostyAdmin = await loadActor(t.db, await aStaffMember(t.db, 'district_admin', { district: 'mosty' }))
    const mosty = await idOf(t.db, 'districts', 'mosty')
    const lida = await idOf(t.db, 'districts', 'lida')
    const mostyTown = await idOf(t.db, 'settlements', 'mosty.mosty')
    ids.streets = await aNotice(t.db, { scope: 'settlement', settlementId: mostyTown, streets: [] })
    ids.district = await aNotice(t.db, { scope: 'districts', districtIds: [mosty] })
    ids.openEnded = await aNotice(t.db, { scope: 'districts', districtIds: [mosty] })
    await t.db.updateTable('notices').set({ ends_at: null }).where('id', '=', ids.openEnded).execute()
    ids.expired = await aNotice(t.db, { scope: 'districts', districtIds: [mosty] })
    await t.db
      .updateTable('notices')
      .set({ ends_at: new Date(Date.now() - DAY) })
      .where('id', '=', ids.expired)
      .execute()
    ids.twoDistricts = await aNotice(t.db, { scope: 'districts', districtIds: [mosty, lida] })
    ids.region = await aNotice(t.db, { scope: 'region' })
    // Newer than all of the above: more notices of another district than any page holds.
    const author = await aResident(t.db)
    await t.db
      .insertInto('notices')
      .values(
        Array.from({ length: 120 }, () => ({
          kind: 'planned_outage' as const,
          service: 'water' as const,
          area: JSON.stringify({ scope: 'districts', districtIds: [lida] }),
          body: 'Лида',
          state: 'sent' as const,
          ends_at: new Date(Date.now() + DAY),
          created_by_user_id: author,
        })),
      )
      .execute()
  })
  afterAll(async () => {
    await t.drop()
  })

  it('when a district admin lists notices, then those wholly in their district and not over are listed, however many others there are', async () => {
    const list = makeListActiveNotices({ activeNotices: activeNotices(t.db), now: () => new Date() })
    expect((await list(mostyAdmin)).map((n) => n.id)).toEqual([ids.openEnded, ids.district, ids.streets])
  })

  it('when the region is asked for, then every notice in force is listed and the expired one is not', async () => {
    const rows = await activeNotices(t.db)({ area: { region: true }, now: new Date(), limit: 500 })
    expect(rows).toHaveLength(125)
    expect(rows.map((n) => n.id)).not.toContain(ids.expired)
    expect(rows.map((n) => n.id)).toEqual(expect.arrayContaining([ids.region, ids.twoDistricts]))
  })

  it('when an admin holds no notice.send anywhere, then nothing is listed', async () => {
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const list = makeListActiveNotices({ activeNotices: activeNotices(t.db), now: () => new Date() })
    expect(await list(dispatcher)).toEqual([])
  })
})
