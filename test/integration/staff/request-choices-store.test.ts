import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createRequestDetailsStore } from '../../../src/db/repositories/request-details-store.js'
import { createFindRequestStore, createRequestChoicesStore } from '../../../src/db/repositories/request-choices.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { createTransact } from '../../../src/db/transact.js'
import { aDraft, aResident } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('the request pickers’ store (real PostgreSQL)', () => {
  let t: TestDatabase

  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await t.drop()
  })

  it('when a request has followers, then its scope is the one the card reads; a missing request has none', async () => {
    const author = await aResident(t.db)
    const follower = await aResident(t.db)
    const submit = makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: () => new Date() })
    const submitted = await submit(await aDraft(t.db, author))
    if (!submitted.ok) throw new Error(submitted.error)
    const requestId = submitted.request.id
    await t.db.insertInto('request_followers').values({ request_id: requestId, user_id: follower }).execute()

    const store = createRequestChoicesStore(t.db)
    const card = await createRequestDetailsStore(t.db).details(requestId)
    expect(await store.scopeOf(requestId)).toEqual(card?.scope)
    expect((await store.scopeOf(requestId))?.followerUserIds).toEqual([follower])
    expect(await store.scopeOf(2_000_000_000)).toBeNull()
  })

  it('when a request is looked up by its number, then the store finds it and the region prefix', async () => {
    const author = await aResident(t.db)
    const submit = makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: () => new Date() })
    const submitted = await submit(await aDraft(t.db, author))
    if (!submitted.ok) throw new Error(submitted.error)
    const store = createFindRequestStore(t.db)
    expect(await store.idByNumber(submitted.request.number)).toBe(submitted.request.id)
    expect(submitted.request.number.startsWith(`${await store.numberPrefix()}-`)).toBe(true)
  })
})
