import { describe, expect, it } from 'vitest'
import { makeAssignRequest } from '../../../../src/core/dispatch/assign.js'
import { makeSendOfficialAnswer } from '../../../../src/core/dispatch/official-answer.js'
import { makeRerouteRequest } from '../../../../src/core/dispatch/reroute.js'
import {
  aRequest,
  author,
  copyDispatcher,
  CURRENT_CATEGORY,
  districtAdmin,
  executor,
  EXECUTOR,
  HOUSING,
  memoryStore,
  OTHER_DISTRICT_ORG,
  OTHER_EXECUTOR,
  otherDistrictDispatcher,
  ownDispatcher,
  REGION_ORG,
  ROADS,
} from './world.js'

describe('assign a request to an executor', () => {
  const assign = (world: ReturnType<typeof memoryStore>) => makeAssignRequest(world)

  it('when the organisation’s dispatcher assigns its executor, then the executor is set, recorded and told', async () => {
    const world = memoryStore(aRequest())
    expect(await assign(world)({ actor: ownDispatcher, requestId: 7, executorUserId: EXECUTOR })).toEqual({ ok: true })
    expect(world.written.assigned).toEqual([
      { requestId: 7, executorUserId: EXECUTOR, actorUserId: ownDispatcher.userId },
    ])
    expect(world.written.outbox).toEqual([
      expect.objectContaining({
        jobName: 'request-assigned',
        payload: { requestId: 7, eventId: 501, executorUserId: EXECUTOR },
      }),
    ])
  })

  it('when the same executor is assigned again (a double press), then it succeeds and nothing is written or told', async () => {
    const world = memoryStore(aRequest({ executorUserId: EXECUTOR }))
    expect(await assign(world)({ actor: ownDispatcher, requestId: 7, executorUserId: EXECUTOR })).toEqual({ ok: true })
    expect(world.written.assigned).toEqual([])
    expect(world.written.outbox).toEqual([])
  })

  it('when the district admin assigns, then it is allowed', async () => {
    const world = memoryStore(aRequest())
    expect(await assign(world)({ actor: districtAdmin, requestId: 7, executorUserId: EXECUTOR })).toEqual({ ok: true })
  })

  it.each([
    ['a dispatcher of another district', otherDistrictDispatcher, 'not-found'],
    ['the resident', author, 'not-allowed'],
    ['a dispatcher who only gets a copy', copyDispatcher, 'not-allowed'],
    ['an executor', executor, 'not-found'],
  ] as const)('when %s tries, then it is refused (%s) and nothing is written', async (_who, who, error) => {
    const world = memoryStore(aRequest())
    expect(await assign(world)({ actor: who, requestId: 7, executorUserId: EXECUTOR })).toEqual({ ok: false, error })
    expect(world.written.assigned).toEqual([])
    expect(world.written.outbox).toEqual([])
  })

  it('when the person is not an active executor of the organisation, then it is refused', async () => {
    const world = memoryStore(aRequest())
    expect(await assign(world)({ actor: ownDispatcher, requestId: 7, executorUserId: OTHER_EXECUTOR })).toEqual({
      ok: false,
      error: 'not-an-executor',
    })
  })

  it('when the request is still new, then it must be accepted first', async () => {
    const world = memoryStore(aRequest({ status: 'new' }))
    expect(await assign(world)({ actor: ownDispatcher, requestId: 7, executorUserId: EXECUTOR })).toEqual({
      ok: false,
      error: 'not-allowed-in-status',
    })
  })

  it('when the request does not exist, then not-found', async () => {
    const world = memoryStore(null)
    expect(await assign(world)({ actor: ownDispatcher, requestId: 7, executorUserId: EXECUTOR })).toEqual({
      ok: false,
      error: 'not-found',
    })
  })
})

describe('official answer to the resident', () => {
  it('when the dispatcher answers, then the answer is kept and the resident is told', async () => {
    const world = memoryStore(aRequest())
    const answer = makeSendOfficialAnswer(world)
    expect(await answer({ actor: ownDispatcher, requestId: 7, body: '  Работы до пятницы  ' })).toEqual({ ok: true })
    expect(world.written.answers).toEqual([{ requestId: 7, body: 'Работы до пятницы' }])
    expect(world.written.outbox).toEqual([
      expect.objectContaining({ jobName: 'official-answer', payload: { requestId: 7, eventId: 502 } }),
    ])
  })

  it('when the answer is empty, then it is refused', async () => {
    const world = memoryStore(aRequest())
    expect(await makeSendOfficialAnswer(world)({ actor: ownDispatcher, requestId: 7, body: '   ' })).toEqual({
      ok: false,
      error: 'answer-required',
    })
  })

  it.each([
    [otherDistrictDispatcher, 'not-found'],
    [copyDispatcher, 'not-allowed'],
    [author, 'not-allowed'],
  ] as const)('when someone without the right answers, then it is refused (%#)', async (who, error) => {
    const world = memoryStore(aRequest())
    expect(await makeSendOfficialAnswer(world)({ actor: who, requestId: 7, body: 'Ответ' })).toEqual({
      ok: false,
      error,
    })
    expect(world.written.answers).toEqual([])
  })
})

describe('reroute a request', () => {
  const reroute = (world: ReturnType<typeof memoryStore>) => makeRerouteRequest(world)

  it('when the dispatcher hands it to another organisation, then it is rerouted, recorded, and both sides are told', async () => {
    const world = memoryStore(aRequest({ status: 'new' }))
    expect(
      await reroute(world)({ actor: ownDispatcher, requestId: 7, organisationId: ROADS, categoryId: null }),
    ).toEqual({ ok: true })
    expect(world.written.reroutes).toEqual([
      expect.objectContaining({ requestId: 7, from: 'new', to: 'rerouted', organisationId: ROADS, categoryId: null }),
    ])
    expect(world.written.outbox.map((m) => m.jobName)).toEqual(['status-changed', 'request-created'])
  })

  it('when only the category changes, then the organisation stays', async () => {
    const world = memoryStore(aRequest())
    expect(await reroute(world)({ actor: ownDispatcher, requestId: 7, organisationId: null, categoryId: 300 })).toEqual(
      {
        ok: true,
      },
    )
    expect(world.written.reroutes[0]).toMatchObject({ organisationId: HOUSING, categoryId: 300 })
  })

  it.each([
    ['nothing changes', { organisationId: HOUSING, categoryId: null }, 'nothing-changes'],
    [
      'the same organisation and category (a second press)',
      { organisationId: HOUSING, categoryId: CURRENT_CATEGORY },
      'nothing-changes',
    ],
    ['only the current category is named', { organisationId: null, categoryId: CURRENT_CATEGORY }, 'nothing-changes'],
    [
      'an organisation of another district',
      { organisationId: OTHER_DISTRICT_ORG, categoryId: null },
      'unknown-organisation',
    ],
    ['an unknown organisation', { organisationId: 999, categoryId: null }, 'unknown-organisation'],
    ['a group category', { organisationId: null, categoryId: 301 }, 'unknown-category'],
  ] as const)('when %s, then it is refused', async (_case, target, error) => {
    const world = memoryStore(aRequest())
    expect(await reroute(world)({ actor: ownDispatcher, requestId: 7, ...target })).toEqual({ ok: false, error })
    expect(world.written.reroutes).toEqual([])
  })

  it('when the organisation serves the whole region, then it may take a request of any district', async () => {
    const world = memoryStore(aRequest())
    expect(
      await reroute(world)({ actor: ownDispatcher, requestId: 7, organisationId: REGION_ORG, categoryId: null }),
    ).toEqual({ ok: true })
    expect(world.written.reroutes[0]).toMatchObject({ organisationId: REGION_ORG })
  })

  it('when the request is closed, then it cannot be rerouted', async () => {
    const world = memoryStore(aRequest({ status: 'closed' }))
    expect(
      await reroute(world)({ actor: ownDispatcher, requestId: 7, organisationId: ROADS, categoryId: null }),
    ).toEqual({ ok: false, error: 'not-allowed-in-status' })
  })

  it.each([
    [otherDistrictDispatcher, 'not-found'],
    [copyDispatcher, 'not-allowed'],
  ] as const)('when a dispatcher of another organisation tries, then it is refused (%#)', async (who, error) => {
    const world = memoryStore(aRequest())
    expect(
      await reroute(world)({ actor: who, requestId: 7, organisationId: OTHER_DISTRICT_ORG, categoryId: null }),
    ).toEqual({ ok: false, error })
  })
})
