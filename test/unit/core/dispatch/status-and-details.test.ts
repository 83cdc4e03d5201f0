import { describe, expect, it } from 'vitest'
import { accessTo, makeShowRequest } from '../../../../src/core/dispatch/request-details.js'
import type { RequestDetailsView } from '../../../../src/core/dispatch/request-details.js'
import type { ChangeStatusStore, StatusChangeRow } from '../../../../src/core/requests/change-status.js'
import { makeChangeRequestStatus } from '../../../../src/core/requests/change-status.js'
import type { OutboxMessage } from '../../../../src/core/shared/ports.js'
import type { RequestStatus } from '../../../../src/core/requests/status.js'
import { aRequest, AUTHOR, author, copyDispatcher, otherDistrictDispatcher, ownDispatcher } from './world.js'

function statusWorld(status: RequestStatus) {
  const rows: StatusChangeRow[] = []
  const outbox: OutboxMessage[] = []
  const messages: { kind: string; body: string }[] = []
  const store: ChangeStatusStore = {
    lockRequest: () => Promise.resolve(aRequest({ status })),
    applyStatusChange: (row) => {
      rows.push(row)
      return Promise.resolve(900)
    },
    addPhotos: () => Promise.resolve(),
    addMessage: (_id, kind, _author, body) => {
      messages.push({ kind, body })
      return Promise.resolve()
    },
    enqueue: (m) => {
      outbox.push(...m)
      return Promise.resolve()
    },
  }
  const change = makeChangeRequestStatus({
    transact: (work) => work(store),
    now: () => new Date('2026-11-20T10:00:00Z'),
  })
  return { change, rows, outbox, messages }
}

describe('status changes of the dispatcher’s slice', () => {
  it('when a request is rejected with a reason from the list, then the code and the words are both recorded', async () => {
    const world = statusWorld('new')
    const result = await world.change({
      actor: ownDispatcher,
      requestId: 7,
      action: 'reject',
      reasonCode: 'not-our-competence',
      reason: ' Обращайтесь в Лидаэнерго ',
    })
    expect(result).toEqual({ ok: true, from: 'new', to: 'rejected' })
    expect(world.rows[0]).toMatchObject({
      rejectionCode: 'not-our-competence',
      rejectionReason: 'Обращайтесь в Лидаэнерго',
    })
  })

  it('when the resident answers a question, then the answer is kept and goes back to the dispatchers', async () => {
    const world = statusWorld('needs_info')
    expect(
      await world.change({ actor: author, requestId: 7, action: 'provide_info', comment: 'Второй подъезд' }),
    ).toEqual({ ok: true, from: 'needs_info', to: 'accepted' })
    expect(world.messages).toEqual([{ kind: 'answer', body: 'Второй подъезд' }])
    expect(world.outbox.map((m) => m.jobName)).toEqual(['status-changed', 'info-provided'])
    expect(world.outbox[1]?.payload).toEqual({ requestId: 7, eventId: 900 })
  })

  it('when a dispatcher answers in the resident’s place, then it is refused', async () => {
    const world = statusWorld('needs_info')
    expect(await world.change({ actor: ownDispatcher, requestId: 7, action: 'provide_info', comment: 'x' })).toEqual({
      ok: false,
      error: 'not-allowed',
    })
  })

  it('when a request is accepted, then no answer goes to the dispatchers', async () => {
    const world = statusWorld('new')
    await world.change({ actor: ownDispatcher, requestId: 7, action: 'accept' })
    expect(world.outbox.map((m) => m.jobName)).toEqual(['status-changed'])
  })
})

describe('the request card with its history (/req)', () => {
  const FOLLOWER = 9
  const view: RequestDetailsView = {
    id: 7,
    number: 'GR-26-000007',
    status: 'new',
    emergency: false,
    categoryName: { ru: 'Нет отопления', be: 'Няма ацяплення', en: 'No heating' },
    addressText: 'Лида, ул. Советская, 5',
    description: 'Батареи холодные',
    organisationName: null,
    executorName: null,
    contactPhone: '+375291234567',
    acceptDueAt: '2026-11-20T12:00:00Z',
    fixDueAt: '2026-11-21T12:00:00Z',
    photo: null,
    photoCount: 0,
    history: [
      {
        at: '2026-11-20T10:00:00Z',
        kind: 'created',
        actorUserId: AUTHOR,
        actorName: 'Анна',
        toStatus: 'new',
        note: null,
      },
    ],
    messages: [
      { at: '2026-11-20T10:05:00Z', kind: 'answer', authorUserId: FOLLOWER, authorName: 'Пётр', body: 'Да' },
      { at: '2026-11-20T10:06:00Z', kind: 'official_answer', authorUserId: 100, authorName: 'Ольга', body: 'Ок' },
    ],
  }
  const show = makeShowRequest({
    store: {
      details: () => Promise.resolve({ scope: aRequest({ status: 'new', followerUserIds: [FOLLOWER] }), view }),
    },
  })
  const translated = (card: Awaited<ReturnType<typeof show>>) => JSON.stringify(card?.text)

  it('when the organisation’s dispatcher opens it, then the history and the action buttons are there', async () => {
    const card = await show(ownDispatcher, 7, 'private')
    expect(card?.text.map((t) => t.key)).toContain('dispatch.history.created')
    expect(card?.buttons.flat().map((b) => b.value)).toContain('rq:accept:7')
  })

  it('when a dispatcher who only gets a copy opens it, then they see it without buttons', async () => {
    const card = await show(copyDispatcher, 7, 'private')
    expect(card?.buttons).toEqual([])
  })

  it('when a dispatcher of another district opens it, then there is nothing', async () => {
    expect(await show(otherDistrictDispatcher, 7, 'private')).toBeNull()
  })

  it('when the author or a follower opens it (a forged button), then there is nothing: the staff card is for staff', async () => {
    expect(await show(author, 7, 'private')).toBeNull()
    expect(await show({ userId: FOLLOWER, memberships: [] }, 7, 'private')).toBeNull()
  })

  it('when it is opened in a private chat, then the contact phone and the residents’ names are there', async () => {
    const card = translated(await show(ownDispatcher, 7, 'private'))
    expect(card).toContain('dispatch.details.phone')
    expect(card).toContain('Анна')
    expect(card).toContain('Пётр')
  })

  it('when it is opened in a group chat, then the phone is left out and residents are not named; staff still are', async () => {
    const card = translated(await show(ownDispatcher, 7, 'group'))
    expect(card).not.toContain('dispatch.details.phone')
    expect(card).not.toContain('+375291234567')
    expect(card).not.toContain('Анна')
    expect(card).not.toContain('Пётр')
    expect(card).toContain('dispatch.history.resident')
    expect(card).toContain('Ольга')
  })
})

describe('whether an action may start', () => {
  it('when the organisation’s dispatcher, a copy’s dispatcher, another district’s or nobody asks, then ok, not-allowed, not-found, not-found', () => {
    const scope = aRequest()
    expect(accessTo(ownDispatcher, scope, 'request.reject')).toBe('ok')
    expect(accessTo(copyDispatcher, scope, 'request.reject')).toBe('not-allowed')
    expect(accessTo(otherDistrictDispatcher, scope, 'request.reject')).toBe('not-found')
    expect(accessTo(ownDispatcher, null, 'request.reject')).toBe('not-found')
  })

  it('when the author asks to answer a question, then ok; a dispatcher may not answer for them', () => {
    expect(accessTo(author, aRequest(), 'request.provide_info')).toBe('ok')
    expect(accessTo(ownDispatcher, aRequest(), 'request.provide_info')).toBe('not-allowed')
  })
})
