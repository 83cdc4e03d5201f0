import { describe, expect, it } from 'vitest'
import type { Actor, Membership } from '../../../../src/core/access/permissions.js'
import type { NoticeArea, NoticeDraft } from '../../../../src/core/notices/notice.js'
import {
  makeCancelNotice,
  makeConfirmNotice,
  makeCorrectNotice,
  makeMayCorrectNotice,
  makeCreateNotice,
  makeEndNotice,
} from '../../../../src/core/notices/notice-use-cases.js'
import type { NoticeForChange, NoticeStore } from '../../../../src/core/notices/ports.js'
import type { OutboxMessage } from '../../../../src/core/shared/ports.js'

const NOW = new Date('2026-11-29T09:00:00Z')
const LIDA = 10
const SLONIM = 20
/** settlement id → district id */
const SETTLEMENTS: Record<number, number> = { 101: LIDA, 201: SLONIM }

/** An in-memory store: enough to watch what the use cases decide. */
function memoryStore() {
  const notices = new Map<number, NoticeForChange & { sendAt: Date | null; progress: unknown }>()
  const outbox: OutboxMessage[] = []
  const events: string[] = []
  const followUps: { parent: number; kind: string; body: string }[] = []
  const sent = new Map<number, number>()
  let nextId = 1
  const store: NoticeStore = {
    areaDistricts: (area: NoticeArea) => {
      if (area.scope === 'region') return Promise.resolve('region')
      if (area.scope === 'districts')
        return Promise.resolve(area.districtIds.every((d) => [LIDA, SLONIM].includes(d)) ? area.districtIds : null)
      const district = SETTLEMENTS[area.settlementId]
      return Promise.resolve(district === undefined ? null : [district])
    },
    insertDraft: (draft) => {
      const id = nextId++
      notices.set(id, {
        id,
        kind: draft.kind,
        service: draft.service,
        area: draft.area,
        state: 'draft',
        body: draft.body,
        endsAt: draft.endsAt,
        photo: draft.photo,
        parentNoticeId: null,
        sendAt: null,
        progress: null,
      })
      return Promise.resolve(id)
    },
    lockNotice: (id) => Promise.resolve(notices.get(id) ?? null),
    update: (id, patch) => {
      const n = notices.get(id)
      if (n) {
        if (patch.state) n.state = patch.state
        if (patch.body !== undefined) n.body = patch.body
        if (patch.sendAt !== undefined) n.sendAt = patch.sendAt
        if (patch.progress !== undefined) n.progress = patch.progress
      }
      return Promise.resolve()
    },
    countSent: (id) => Promise.resolve(sent.get(id) ?? 0),
    insertFollowUp: (parent, kind, body) => {
      followUps.push({ parent, kind, body })
      return Promise.resolve(1000 + followUps.length)
    },
    recordEvent: (id, kind) => {
      events.push(`${id}:${kind}`)
      return Promise.resolve()
    },
    enqueue: (messages) => {
      outbox.push(...messages)
      return Promise.resolve()
    },
  }
  const deps = { transact: <T>(work: (s: NoticeStore) => Promise<T>) => work(store), now: () => NOW }
  return { notices, outbox, events, followUps, sent, deps }
}

const actor = (...memberships: Membership[]): Actor => ({ userId: 7, memberships })
const regionAdmin = actor({ role: 'region_admin', organisationId: null, districtId: null })
const lidaAdmin = actor({ role: 'district_admin', organisationId: null, districtId: LIDA })
const lidaDispatcher = actor({ role: 'dispatcher', organisationId: 5, districtId: LIDA })
const resident = actor()

const draft = (area: NoticeArea, overrides: Partial<NoticeDraft> = {}): NoticeDraft => ({
  kind: 'planned_outage',
  service: 'water',
  area,
  startsAt: '2026-11-29T10:00:00Z',
  endsAt: '2026-11-29T16:00:00Z',
  body: 'Нет воды',
  photo: null,
  ...overrides,
})

const lidaTown: NoticeArea = { scope: 'settlement', settlementId: 101, streets: [] }
const slonimTown: NoticeArea = { scope: 'settlement', settlementId: 201, streets: [] }

describe('notice use cases', () => {
  it.each<[string, Actor, NoticeArea, boolean]>([
    ['a region admin', regionAdmin, { scope: 'region' }, true],
    ['a region admin', regionAdmin, slonimTown, true],
    ['a district admin', lidaAdmin, lidaTown, true],
    ['a district admin', lidaAdmin, { scope: 'districts', districtIds: [LIDA] }, true],
    ['a district admin', lidaAdmin, slonimTown, false],
    ['a district admin', lidaAdmin, { scope: 'districts', districtIds: [LIDA, SLONIM] }, false],
    ['a district admin', lidaAdmin, { scope: 'region' }, false],
    ['a dispatcher', lidaDispatcher, lidaTown, false],
    ['a resident', resident, lidaTown, false],
  ])('when %s creates a notice for %j, then allowed is %s', async (_who, who, area, allowed) => {
    const m = memoryStore()
    const result = await makeCreateNotice(m.deps)(who, draft(area))
    expect(result.ok).toBe(allowed)
    if (!result.ok) expect(result.error).toBe('not-allowed')
    expect(m.notices.size).toBe(allowed ? 1 : 0)
  })

  it.each([
    [{ body: '   ' }, 'body-empty'],
    [{ body: 'x'.repeat(3501) }, 'body-too-long'],
    [{ body: 'x'.repeat(901), photo: 'file-1' }, 'body-too-long'],
    [{ endsAt: '2026-11-29T09:30:00Z', startsAt: '2026-11-29T10:00:00Z' }, 'window-order'],
    [{ startsAt: '2026-11-28T10:00:00Z', endsAt: '2026-11-28T16:00:00Z' }, 'window-ended'],
  ])('when the draft is %j, then it is refused with %s', async (overrides, error) => {
    const m = memoryStore()
    expect(await makeCreateNotice(m.deps)(regionAdmin, draft(lidaTown, overrides))).toEqual({ ok: false, error })
  })

  it('when an unknown settlement is named, then the notice is not found, not allowed', async () => {
    const m = memoryStore()
    const result = await makeCreateNotice(m.deps)(
      regionAdmin,
      draft({ scope: 'settlement', settlementId: 999, streets: [] }),
    )
    expect(result).toEqual({ ok: false, error: 'not-found' })
  })

  it('when a draft is confirmed, then it starts sending and the planner job is in the outbox in the same work', async () => {
    const m = memoryStore()
    const created = await makeCreateNotice(m.deps)(lidaAdmin, draft(lidaTown))
    if (!created.ok) throw new Error('not created')
    const progress = { chatId: '55', messageId: 9, language: 'ru' as const }
    expect(await makeConfirmNotice(m.deps)(lidaAdmin, created.noticeId, { sendAt: null, progress })).toEqual({
      ok: true,
      state: 'sending',
    })
    expect(m.notices.get(created.noticeId)).toMatchObject({ state: 'sending', progress })
    expect(m.outbox).toEqual([
      expect.objectContaining({
        queue: 'broadcasts',
        payload: { noticeId: created.noticeId },
        jobId: `plan-${created.noticeId}-0`,
      }),
    ])
    // Confirming twice changes nothing.
    expect(await makeConfirmNotice(m.deps)(lidaAdmin, created.noticeId, { sendAt: null, progress })).toEqual({
      ok: false,
      error: 'wrong-state',
    })
    expect(m.outbox).toHaveLength(1)
  })

  it('when a draft is scheduled, then nothing is enqueued (the sweep starts it) and a past time is refused', async () => {
    const m = memoryStore()
    const created = await makeCreateNotice(m.deps)(lidaAdmin, draft(lidaTown))
    if (!created.ok) throw new Error('not created')
    const confirm = makeConfirmNotice(m.deps)
    const past = await confirm(lidaAdmin, created.noticeId, {
      sendAt: new Date('2026-11-29T08:00:00Z'),
      progress: null,
    })
    expect(past).toEqual({ ok: false, error: 'send-at-past' })
    const late = await confirm(lidaAdmin, created.noticeId, {
      sendAt: new Date('2026-11-29T17:00:00Z'),
      progress: null,
    })
    expect(late).toEqual({ ok: false, error: 'send-at-after-end' })
    const ok = await confirm(lidaAdmin, created.noticeId, { sendAt: new Date('2026-11-29T09:30:00Z'), progress: null })
    expect(ok).toEqual({ ok: true, state: 'scheduled' })
    expect(m.outbox).toHaveLength(0)
  })

  it('when another district admin tries to confirm, cancel, correct or end a notice, then each is refused', async () => {
    const m = memoryStore()
    const created = await makeCreateNotice(m.deps)(regionAdmin, draft(slonimTown))
    if (!created.ok) throw new Error('not created')
    const id = created.noticeId
    const refused = { ok: false, error: 'not-allowed' }
    expect(await makeConfirmNotice(m.deps)(lidaAdmin, id, { sendAt: null, progress: null })).toEqual(refused)
    expect(await makeCancelNotice(m.deps)(lidaAdmin, id)).toEqual(refused)
    expect(await makeCorrectNotice(m.deps)(lidaAdmin, id, 'Новый текст')).toEqual(refused)
    expect(await makeEndNotice(m.deps)(lidaAdmin, id)).toEqual(refused)
    expect(m.notices.get(id)?.state).toBe('draft')
  })

  it('when someone asks to correct a notice, then only an admin of its area may, and only while it is active', async () => {
    const m = memoryStore()
    const created = await makeCreateNotice(m.deps)(regionAdmin, draft(slonimTown))
    if (!created.ok) throw new Error('not created')
    const id = created.noticeId
    const mayCorrect = makeMayCorrectNotice(m.deps)
    expect(await mayCorrect(regionAdmin, id)).toEqual({ ok: false, error: 'wrong-state' })
    await makeConfirmNotice(m.deps)(regionAdmin, id, { sendAt: null, progress: null })
    expect(await mayCorrect(regionAdmin, id)).toEqual({ ok: true })
    expect(await mayCorrect(lidaAdmin, id)).toEqual({ ok: false, error: 'not-allowed' })
    expect(await mayCorrect(resident, id)).toEqual({ ok: false, error: 'not-allowed' })
    expect(await mayCorrect(regionAdmin, 99999)).toEqual({ ok: false, error: 'not-found' })
  })

  it('when someone who sends notices nowhere presses a notice button, then it is refused before any row is locked', async () => {
    const m = memoryStore()
    const created = await makeCreateNotice(m.deps)(regionAdmin, draft(slonimTown))
    if (!created.ok) throw new Error('not created')
    const locked: number[] = []
    const transact = <T>(work: (s: NoticeStore) => Promise<T>) =>
      m.deps.transact((store) =>
        work({
          ...store,
          lockNotice: (id) => {
            locked.push(id)
            return store.lockNotice(id)
          },
        }),
      )
    const deps = { ...m.deps, transact }
    const refused = { ok: false, error: 'not-allowed' }
    for (const someone of [resident, lidaDispatcher]) {
      expect(await makeCancelNotice(deps)(someone, created.noticeId)).toEqual(refused)
      expect(await makeEndNotice(deps)(someone, created.noticeId)).toEqual(refused)
      expect(await makeMayCorrectNotice(deps)(someone, created.noticeId)).toEqual(refused)
    }
    expect(locked).toEqual([])
    // An admin still reaches the row.
    await makeCancelNotice(deps)(regionAdmin, created.noticeId)
    expect(locked).toEqual([created.noticeId])
  })

  it('when a notice some residents received is corrected, then they get a follow-up; with none reached, nobody does', async () => {
    const m = memoryStore()
    const created = await makeCreateNotice(m.deps)(lidaAdmin, draft(lidaTown))
    if (!created.ok) throw new Error('not created')
    const id = created.noticeId
    await makeConfirmNotice(m.deps)(lidaAdmin, id, { sendAt: null, progress: null })
    expect(await makeCorrectNotice(m.deps)(lidaAdmin, id, ' До 18:00 ')).toEqual({ ok: true, followUpTo: 0 })
    expect(m.followUps).toHaveLength(0)
    m.sent.set(id, 12)
    expect(await makeCorrectNotice(m.deps)(lidaAdmin, id, 'До 19:00')).toEqual({ ok: true, followUpTo: 12 })
    expect(m.notices.get(id)?.body).toBe('До 19:00')
    expect(m.followUps).toEqual([{ parent: id, kind: 'correction', body: 'До 19:00' }])
    expect(m.outbox.map((o) => o.payload)).toEqual([{ noticeId: id }, { noticeId: 1001 }])
  })

  it('when a notice ends, then those who received it are told and it cannot be cancelled afterwards', async () => {
    const m = memoryStore()
    const created = await makeCreateNotice(m.deps)(lidaAdmin, draft(lidaTown))
    if (!created.ok) throw new Error('not created')
    const id = created.noticeId
    await makeConfirmNotice(m.deps)(lidaAdmin, id, { sendAt: null, progress: null })
    m.sent.set(id, 3)
    expect(await makeEndNotice(m.deps)(lidaAdmin, id)).toEqual({ ok: true, told: 3 })
    expect(m.followUps).toEqual([{ parent: id, kind: 'ended', body: 'Нет воды' }])
    expect(await makeCancelNotice(m.deps)(lidaAdmin, id)).toEqual({ ok: false, error: 'wrong-state' })
    expect(m.events).toEqual([`${id}:created`, `${id}:confirmed`, `${id}:ended`])
  })

  it('when a sending notice is cancelled, then it is cancelled and nothing new is enqueued', async () => {
    const m = memoryStore()
    const created = await makeCreateNotice(m.deps)(lidaAdmin, draft(lidaTown))
    if (!created.ok) throw new Error('not created')
    await makeConfirmNotice(m.deps)(lidaAdmin, created.noticeId, { sendAt: null, progress: null })
    expect(await makeCancelNotice(m.deps)(lidaAdmin, created.noticeId)).toEqual({ ok: true })
    expect(m.notices.get(created.noticeId)?.state).toBe('cancelled')
    expect(m.outbox).toHaveLength(1)
  })
})
