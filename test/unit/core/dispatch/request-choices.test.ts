import { describe, expect, it } from 'vitest'
import type { RequestScope } from '../../../../src/core/access/permissions.js'
import type { RequestChoicesStore } from '../../../../src/core/dispatch/request-choices.js'
import { makeRequestChoices } from '../../../../src/core/dispatch/request-choices.js'
import {
  HOUSING,
  aRequest,
  actor,
  copyDispatcher,
  districtAdmin,
  executor,
  otherDistrictDispatcher,
  ownDispatcher,
} from './world.js'

const REQUEST_ID = 7

/** A request in memory and which lists were read, so a refusal can be seen to read none. */
function memoryChoices(scope: RequestScope | null = aRequest()) {
  const read: string[] = []
  const store: RequestChoicesStore = {
    scopeOf: (requestId) => Promise.resolve(requestId === REQUEST_ID ? scope : null),
    executors: () => {
      read.push('executors')
      return Promise.resolve({ items: [{ userId: 4, name: 'Иван' }], total: 1 })
    },
    organisations: () => {
      read.push('organisations')
      return Promise.resolve({
        items: [{ id: HOUSING, name: { ru: 'ЖЭС', be: 'ЖЭС', en: 'Housing' }, current: true }],
        total: 1,
      })
    },
    categories: () => {
      read.push('categories')
      return Promise.resolve({ items: [], total: 0 })
    },
  }
  return { read, choices: makeRequestChoices({ store }) }
}

describe('makeRequestChoices', () => {
  it('when the primary dispatcher asks for executors, then the shortlist comes', async () => {
    const { choices } = memoryChoices()
    expect(await choices.executorsFor(ownDispatcher, REQUEST_ID)).toEqual({
      ok: true,
      choices: { items: [{ userId: 4, name: 'Иван' }], total: 1 },
    })
  })

  it('when someone who cannot see the request asks, then it is not found and no list is read', async () => {
    const { choices, read } = memoryChoices()
    expect(await choices.executorsFor(otherDistrictDispatcher, REQUEST_ID)).toEqual({ ok: false, error: 'not-found' })
    expect(await choices.organisationsFor(actor(999), REQUEST_ID)).toEqual({ ok: false, error: 'not-found' })
    expect(await choices.categoriesFor(otherDistrictDispatcher, REQUEST_ID)).toEqual({ ok: false, error: 'not-found' })
    expect(read).toEqual([])
  })

  it('when someone who sees the request may not reroute it, then the organisations are refused unread', async () => {
    const { choices, read } = memoryChoices()
    expect(await choices.organisationsFor(copyDispatcher, REQUEST_ID)).toEqual({ ok: false, error: 'not-allowed' })
    expect(read).toEqual([])
  })

  it('when the request does not exist, then every picker says not found', async () => {
    const { choices } = memoryChoices(null)
    expect(await choices.executorsFor(districtAdmin, REQUEST_ID)).toEqual({ ok: false, error: 'not-found' })
    expect(await choices.access(districtAdmin, REQUEST_ID, 'request.reject')).toBe('not-found')
  })

  it('when the district admin reroutes, then organisations and categories are both offered', async () => {
    const { choices, read } = memoryChoices()
    expect((await choices.organisationsFor(districtAdmin, REQUEST_ID)).ok).toBe(true)
    expect((await choices.categoriesFor(districtAdmin, REQUEST_ID)).ok).toBe(true)
    expect(read).toEqual(['organisations', 'categories'])
  })

  it('when access is asked for one action, then it follows the permission catalogue for that action', async () => {
    const { choices } = memoryChoices(aRequest({ executorUserId: executor.userId }))
    expect(await choices.access(executor, REQUEST_ID, 'request.finish')).toBe('ok')
    expect(await choices.access(executor, REQUEST_ID, 'request.assign')).toBe('not-allowed')
  })
})
