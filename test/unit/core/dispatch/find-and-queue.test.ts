import { describe, expect, it } from 'vitest'
import { makeFindRequest } from '../../../../src/core/dispatch/find-request.js'
import type { QueuePageQuery } from '../../../../src/core/dispatch/show-queue.js'
import { makeShowQueue } from '../../../../src/core/dispatch/show-queue.js'
import { QUEUE_PAGE_SIZE } from '../../../../src/core/dispatch/queue.js'
import { HOUSING, OWN_DISTRICT, author, districtAdmin, ownDispatcher } from './world.js'

describe('makeFindRequest', () => {
  const numbers = new Map([['GR-26-000015', 15]])
  const findRequest = makeFindRequest({
    store: {
      numberPrefix: () => Promise.resolve('GR'),
      idByNumber: (number) => Promise.resolve(numbers.get(number) ?? null),
    },
  })

  it('when a number is typed in any of the usual forms, then the request is found', async () => {
    expect(await findRequest('GR-26-000015')).toBe(15)
    expect(await findRequest('гр-26-15')).toBe(15)
  })

  it('when the text is not a number or names no request, then nothing is found', async () => {
    expect(await findRequest('hello')).toBeNull()
    expect(await findRequest('GR-26-000016')).toBeNull()
  })
})

describe('makeShowQueue', () => {
  const NOW = new Date('2026-12-01T10:00:00Z')
  const queries: Parameters<QueuePageQuery>[0][] = []
  const showQueue = makeShowQueue({
    queuePage: (query) => {
      queries.push(query)
      return Promise.resolve({ items: [], hasMore: false })
    },
    now: () => NOW,
  })

  it('when a dispatcher asks, then the page is read for their organisation at the current time', async () => {
    queries.length = 0
    const shown = await showQueue(ownDispatcher, 'new', 2)
    expect(shown.ok).toBe(true)
    expect(queries).toEqual([
      {
        area: { all: false, organisationIds: [HOUSING], districtIds: [], triage: false },
        filter: 'new',
        userId: ownDispatcher.userId,
        page: 2,
        pageSize: QUEUE_PAGE_SIZE,
        now: NOW,
      },
    ])
  })

  it('when a district admin asks, then their district is the area', async () => {
    queries.length = 0
    await showQueue(districtAdmin, 'overdue', 0)
    expect(queries[0]?.area).toEqual({ all: false, organisationIds: [], districtIds: [OWN_DISTRICT], triage: false })
  })

  it('when someone without a queue asks, then it is refused and nothing is read', async () => {
    queries.length = 0
    expect(await showQueue(author, 'new', 0)).toEqual({ ok: false, error: 'not-allowed' })
    expect(queries).toEqual([])
  })
})
