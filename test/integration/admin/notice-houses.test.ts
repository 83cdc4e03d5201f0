import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createNoticeDeliveryStore } from '../../../src/db/repositories/notice-delivery-store.js'
import { aNotice, idOf, residentsLivingIn } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('notice areas with house ranges (SQL on PostgreSQL)', () => {
  let t: TestDatabase

  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await t.drop()
  })

  it.each([
    ['5', '1-15', true],
    ['15', '1-15', true],
    ['16', '1-15', false],
    ['12а', '1-15', true],
    ['4', '2, 4, 20-30', true],
    ['25/1', '2, 4, 20-30', true],
    ['3', '2, 4, 20-30', false],
    ['корпус', '1-15', true],
  ])('when house %j is checked against %j, then it is in: %s', async (house, ranges, expected) => {
    const { rows } = await sql<{ inside: boolean }>`select house_in_ranges(${house}, ${ranges}) as inside`.execute(t.db)
    expect(rows[0]?.inside).toBe(expected)
  })

  it('when a notice names a street with houses, then residents of other houses on it are not planned, unknown houses are', async () => {
    const settlement = 'novogrudok.novogrudok'
    const [inRange] = await residentsLivingIn(t.db, settlement, 1, 'Советская')
    const [outOfRange] = await residentsLivingIn(t.db, settlement, 1, 'Советская')
    const [unknownHouse] = await residentsLivingIn(t.db, settlement, 1, 'Советская')
    const [otherStreet] = await residentsLivingIn(t.db, settlement, 1, 'Ленина')
    await t.db
      .updateTable('users')
      .set({ home_house: '7' })
      .where('id', '=', inRange ?? 0)
      .execute()
    await t.db
      .updateTable('users')
      .set({ home_house: '40' })
      .where('id', '=', outOfRange ?? 0)
      .execute()
    await t.db
      .updateTable('users')
      .set({ home_house: '3' })
      .where('id', '=', otherStreet ?? 0)
      .execute()
    const notice = await aNotice(t.db, {
      scope: 'settlement',
      settlementId: await idOf(t.db, 'settlements', settlement),
      streets: [{ street: 'ул. Советская', houses: '1-15' }],
    })
    const planned = await createNoticeDeliveryStore(t.db).recipientsPage(notice, 0, 100)
    expect(planned.sort()).toEqual([inRange, unknownHouse].sort())
  })
})
