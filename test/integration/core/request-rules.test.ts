import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Rating } from '../../../src/core/requests/rate-request.js'
import { makeChangeRequestStatus } from '../../../src/core/requests/change-status.js'
import { makeRateRequest } from '../../../src/core/requests/rate-request.js'
import { addressKey } from '../../../src/core/requests/request.js'
import { makeSubmitRequest, REQUESTS_PER_HOUR } from '../../../src/core/requests/submit-request.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { openRequestsAtAddress } from '../../../src/db/repositories/request-queries.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { createTransact } from '../../../src/db/transact.js'
import { aDraft, aPhoto, aResident, aStaffMember, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

/** The rules at a boundary: the exact value on each side of it, so a shifted comparison fails here. */
describe('request rules at their boundaries, on PostgreSQL', () => {
  let t: TestDatabase
  const now = new Date('2026-12-07T06:00:00Z')
  let submit: ReturnType<typeof makeSubmitRequest>
  let change: ReturnType<typeof makeChangeRequestStatus>
  let rate: ReturnType<typeof makeRateRequest>

  beforeAll(async () => {
    t = await createTestDatabase()
    const transact = createTransact(t.db, createRequestStore)
    submit = makeSubmitRequest({ transact, now: () => now })
    change = makeChangeRequestStatus({ transact, now: () => now })
    rate = makeRateRequest({ transact, now: () => now })
  })
  afterAll(async () => {
    await t.drop()
  })

  const houseAt = async (house: string) => ({
    settlementId: await idOf(t.db, 'settlements', 'lida.lida'),
    street: 'ул. Кирова',
    house,
    entrance: null,
    flat: null,
    text: `Лида, ул. Кирова, ${house}`,
  })

  async function aFinishedRequest(author: number, house: string): Promise<number> {
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const result = await submit(await aDraft(t.db, author, { address: await houseAt(house) }))
    if (!result.ok) throw new Error(result.error)
    const id = result.request.id
    expect(await change({ actor: dispatcher, requestId: id, action: 'accept' })).toMatchObject({ ok: true })
    expect(
      await change({ actor: dispatcher, requestId: id, action: 'finish', afterPhotos: [aPhoto('after')] }),
    ).toMatchObject({ ok: true })
    return id
  }

  it.each<[Rating, 'reopened' | 'closed']>([
    [2, 'reopened'],
    [3, 'closed'],
  ])('when the resident rates the work %i stars, then the request is %s', async (stars, outcome) => {
    const author = await aResident(t.db)
    const id = await aFinishedRequest(author, `${10 + stars}`)

    expect(await rate(await loadActor(t.db, author), id, stars)).toEqual({ ok: true, outcome })
    const row = await t.db.selectFrom('requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.status).toBe(outcome)
  })

  it('when an operator registers more phone calls of one caller in an hour than a resident may file, then every one is registered', async () => {
    const caller = await aResident(t.db)
    const results = []
    for (let i = 0; i <= REQUESTS_PER_HOUR; i++)
      results.push(await submit(await aDraft(t.db, caller, { source: 'phone', idempotencyKey: `call-${caller}-${i}` })))

    expect(results.map((r) => r.ok)).toEqual(Array.from({ length: REQUESTS_PER_HOUR + 1 }, () => true))
    // The same number typed in a messenger is limited: the exemption is the phone's alone.
    expect(await submit(await aDraft(t.db, caller, { idempotencyKey: `typed-${caller}` }))).toEqual({
      ok: false,
      error: 'rate-limited',
    })
  })

  it('when requests at an address were closed or rejected, then only the open one is offered as a duplicate', async () => {
    const author = await aResident(t.db)
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const house = '40'
    const closed = await aFinishedRequest(author, house)
    expect(await rate(await loadActor(t.db, author), closed, 5)).toEqual({ ok: true, outcome: 'closed' })
    const rejected = await submit(await aDraft(t.db, author, { address: await houseAt(house), idempotencyKey: 'rej' }))
    if (!rejected.ok) throw new Error(rejected.error)
    expect(
      await change({
        actor: dispatcher,
        requestId: rejected.request.id,
        action: 'reject',
        reasonCode: 'other',
        reason: 'Проверка',
      }),
    ).toMatchObject({ ok: true })
    const open = await submit(await aDraft(t.db, author, { address: await houseAt(house), idempotencyKey: 'open' }))
    if (!open.ok) throw new Error(open.error)

    const key = addressKey({
      settlementId: await idOf(t.db, 'settlements', 'lida.lida'),
      street: 'Кирова',
      house,
      text: '',
    })
    const offered = await openRequestsAtAddress(t.db, key, await idOf(t.db, 'categories', 'heating.no-heat'))

    expect(offered.map((r) => r.id)).toEqual([open.request.id])
  })
})
