import { describe, expect, it } from 'vitest'
import type { Actor, RequestScope } from '../../../../src/core/access/permissions.js'
import type { Rating, RateRequestStore } from '../../../../src/core/requests/rate-request.js'
import { makeRateRequest } from '../../../../src/core/requests/rate-request.js'
import type { RequestStatus } from '../../../../src/core/requests/status.js'
import type { OutboxMessage } from '../../../../src/core/shared/ports.js'

const NOW = new Date('2026-11-29T09:00:00Z')
const AUTHOR = 7
const FOLLOWER = 8
const STRANGER = 9
const REQUEST_ID = 42

/** An in-memory store that records which rows were locked and what was written. */
function memoryStore(status: RequestStatus = 'done') {
  const scope: RequestScope = {
    authorUserId: AUTHOR,
    followerUserIds: [FOLLOWER],
    districtId: 10,
    primaryOrganisationId: 5,
    copyOrganisationIds: [],
    executorUserId: null,
  }
  const locked: number[] = []
  const ratings: { requestId: number; rating: Rating }[] = []
  const outbox: OutboxMessage[] = []
  const store: RateRequestStore = {
    readScope: (id) => Promise.resolve(id === REQUEST_ID ? scope : null),
    lockRequest: (id) => {
      locked.push(id)
      return Promise.resolve(
        id === REQUEST_ID ? { ...scope, id, status, afterPhotoCount: 1, rating: null, ratedAt: null } : null,
      )
    },
    recordRating: (requestId, _actor, rating) => {
      ratings.push({ requestId, rating })
      return Promise.resolve()
    },
    applyStatusChange: () => Promise.resolve(1),
    enqueue: (messages) => {
      outbox.push(...messages)
      return Promise.resolve()
    },
  }
  const rate = makeRateRequest({ transact: (work) => work(store), now: () => NOW })
  return { rate, locked, ratings, outbox }
}

const resident = (userId: number): Actor => ({ userId, memberships: [] })

describe('rateRequest', () => {
  it("when a stranger rates someone else's request, then it is not found and no row is locked", async () => {
    const m = memoryStore()
    await expect(m.rate(resident(STRANGER), REQUEST_ID, 5)).resolves.toEqual({ ok: false, error: 'not-found' })
    expect(m.locked).toEqual([])
    expect(m.ratings).toEqual([])
    expect(m.outbox).toEqual([])
  })

  it('when a follower rates the request, then it is not allowed and no row is locked', async () => {
    const m = memoryStore()
    await expect(m.rate(resident(FOLLOWER), REQUEST_ID, 5)).resolves.toEqual({ ok: false, error: 'not-allowed' })
    expect(m.locked).toEqual([])
  })

  it('when a forged button names a request that does not exist, then it is not found and no row is locked', async () => {
    const m = memoryStore()
    await expect(m.rate(resident(AUTHOR), 99_999, 5)).resolves.toEqual({ ok: false, error: 'not-found' })
    expect(m.locked).toEqual([])
  })

  it('when the author rates a done request, then its row is locked once and the rating is recorded', async () => {
    const m = memoryStore()
    await expect(m.rate(resident(AUTHOR), REQUEST_ID, 5)).resolves.toEqual({ ok: true, outcome: 'closed' })
    expect(m.locked).toEqual([REQUEST_ID])
    expect(m.ratings).toEqual([{ requestId: REQUEST_ID, rating: 5 }])
    expect(m.outbox).toHaveLength(1)
  })
})
