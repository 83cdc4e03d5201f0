import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeChangeRequestStatus } from '../../../src/core/requests/change-status.js'
import { addressKey } from '../../../src/core/requests/request.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import {
  findRequestIdByNumber,
  openRequestsAtAddress,
  openRequestsOfDistrict,
  requestHistory,
  requestsOfAuthor,
} from '../../../src/db/repositories/request-queries.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { createTransact } from '../../../src/db/transact.js'
import { aDraft, aPhoto, aResident, aStaffMember, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('registering and working requests on PostgreSQL', () => {
  let t: TestDatabase
  // A Monday morning in Minsk (06:00Z = 09:00 local), so the SLA arithmetic is easy to check.
  const now = new Date('2026-12-07T06:00:00Z')
  let submit: ReturnType<typeof makeSubmitRequest>
  let change: ReturnType<typeof makeChangeRequestStatus>

  beforeAll(async () => {
    t = await createTestDatabase()
    const transact = createTransact(t.db, createRequestStore)
    submit = makeSubmitRequest({ transact, now: () => now })
    change = makeChangeRequestStatus({ transact, now: () => now })
  })
  afterAll(async () => {
    await t.drop()
  })

  it('when a resident sends a valid draft, then a routed request with number, deadlines, photo, event and outbox row is stored', async () => {
    const author = await aResident(t.db)
    const result = await submit(await aDraft(t.db, author, { photos: [aPhoto()] }))
    if (!result.ok) throw new Error(result.error)
    expect(result.created).toBe(true)
    expect(result.request.number).toMatch(/^GR-26-\d{6}$/)
    expect(result.request.primaryOrganisationId).toBe(await idOf(t.db, 'organisations', 'lida-housing'))
    // ordinary heating: accept within 1 working day (end of Tuesday, Minsk), fix within 5 (end of next Monday)
    expect(result.request.acceptDueAt.toISOString()).toBe('2026-12-08T21:00:00.000Z')
    expect(result.request.fixDueAt.toISOString()).toBe('2026-12-14T21:00:00.000Z')

    const row = await t.db
      .selectFrom('requests')
      .selectAll()
      .where('id', '=', result.request.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'new', priority: 'normal', source: 'telegram', author_user_id: author })
    expect(row.routing).toMatchObject({ kind: 'routed', matchedOn: 'parent-category' })
    const photos = await t.db
      .selectFrom('request_photos')
      .select(['kind', 'size_bytes'])
      .where('request_id', '=', row.id)
      .execute()
    expect(photos).toEqual([{ kind: 'before', size_bytes: 4 }])
    expect(await requestHistory(t.db, row.id)).toEqual([
      expect.objectContaining({ kind: 'created', toStatus: 'new', actorUserId: author }),
    ])
    const outbox = await t.db
      .selectFrom('outbox')
      .select(['job_name', 'payload'])
      .where('job_name', '=', 'request-created')
      .execute()
    expect(outbox).toContainEqual({ job_name: 'request-created', payload: { requestId: row.id } })
    // The resident's channel address is reachable from the request.
    const identity = await t.db
      .selectFrom('channel_identities')
      .select('channel')
      .where('user_id', '=', row.author_user_id)
      .executeTakeFirstOrThrow()
    expect(identity.channel).toBe('telegram')
  })

  it('when an emergency is reported, then it is marked so and due for acceptance within 30 minutes', async () => {
    const result = await submit(
      await aDraft(t.db, await aResident(t.db), { categoryId: await idOf(t.db, 'categories', 'water.burst-pipe') }),
    )
    if (!result.ok) throw new Error(result.error)
    expect(result.request.acceptDueAt.toISOString()).toBe('2026-12-07T06:30:00.000Z')
    expect(result.request.primaryOrganisationId).toBe(await idOf(t.db, 'organisations', 'lida-water'))
    const row = await t.db
      .selectFrom('requests')
      .select(['priority', 'copy_organisation_ids'])
      .where('id', '=', result.request.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      priority: 'emergency',
      copy_organisation_ids: [await idOf(t.db, 'organisations', 'lida-housing')],
    })
  })

  it('when the same confirmed draft arrives five times at once, then exactly one request exists', async () => {
    const draft = await aDraft(t.db, await aResident(t.db), { idempotencyKey: 'draft-double-tap' })
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(draft)))
    const numbers = new Set(results.map((r) => (r.ok ? r.request.number : r.error)))
    expect(numbers.size).toBe(1)
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1)
    const rows = await t.db
      .selectFrom('requests')
      .select('id')
      .where('idempotency_key', '=', 'draft-double-tap')
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('when twenty residents send at once, then every request gets its own number', async () => {
    const drafts = await Promise.all(Array.from({ length: 20 }, async () => aDraft(t.db, await aResident(t.db))))
    const results = await Promise.all(drafts.map((d) => submit(d)))
    const numbers = results.map((r) => (r.ok ? r.request.number : r.error))
    expect(new Set(numbers).size).toBe(20)
  })

  it('when the category is a hard stop or not our business, then the phone comes back and nothing is stored', async () => {
    const author = await aResident(t.db)
    const gas = await submit(await aDraft(t.db, author, { categoryId: await idOf(t.db, 'categories', 'gas.smell') }))
    expect(gas).toEqual({ ok: false, error: 'hard-stop', phone: '104' })
    const noise = await submit(
      await aDraft(t.db, author, { categoryId: await idOf(t.db, 'categories', 'other.noise') }),
    )
    expect(noise).toEqual({ ok: false, error: 'not-our-competence', phone: '102' })
    const group = await submit(await aDraft(t.db, author, { categoryId: await idOf(t.db, 'categories', 'heating') }))
    expect(group).toEqual({ ok: false, error: 'category-is-a-group' })
    const pothole = await submit(
      await aDraft(t.db, author, { categoryId: await idOf(t.db, 'categories', 'roads.pothole') }),
    )
    expect(pothole).toEqual({ ok: false, error: 'photo-required' })
    const short = await submit(await aDraft(t.db, author, { description: 'холодно' }))
    expect(short).toEqual({ ok: false, error: 'description-too-short' })
    expect(await requestsOfAuthor(t.db, author, { limit: 10, offset: 0 })).toEqual([])
  })

  it('when no routing rule matches, then the request is stored as unrouted for the triage queue', async () => {
    const smorgon = await idOf(t.db, 'districts', 'smorgon')
    await t.db
      .deleteFrom('routing_rules')
      .where('district_id', '=', smorgon)
      .where('category_id', '=', await idOf(t.db, 'categories', 'waste'))
      .execute()
    const result = await submit(
      await aDraft(t.db, await aResident(t.db), {
        districtId: smorgon,
        categoryId: await idOf(t.db, 'categories', 'waste.bulky'),
        address: {
          settlementId: null,
          street: null,
          house: null,
          entrance: null,
          flat: null,
          text: 'Сморгонь, двор у рынка',
        },
      }),
    )
    if (!result.ok) throw new Error(result.error)
    expect(result.request.routing).toEqual({ kind: 'unrouted', reason: 'no-rule' })
    expect(result.request.primaryOrganisationId).toBeNull()
  })

  it('when listing, then a district queue is by age, a resident sees newest first, and an address finds its open request', async () => {
    const author = await aResident(t.db)
    const first = await submit(
      await aDraft(t.db, author, {
        address: {
          settlementId: await idOf(t.db, 'settlements', 'lida.lida'),
          street: 'Мицкевича',
          house: '12',
          entrance: null,
          flat: null,
          text: 'Лида, Мицкевича 12',
        },
      }),
    )
    const second = await submit(
      await aDraft(t.db, author, { categoryId: await idOf(t.db, 'categories', 'lift.not-working') }),
    )
    if (!first.ok || !second.ok) throw new Error('both drafts are valid')
    const mine = await requestsOfAuthor(t.db, author, { limit: 10, offset: 0 })
    expect(mine.map((r) => r.number)).toEqual([second.request.number, first.request.number])

    const queue = await openRequestsOfDistrict(t.db, await idOf(t.db, 'districts', 'lida'), { limit: 500, offset: 0 })
    const times = queue.map((r) => r.createdAt.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(queue.map((r) => r.id)).toContain(first.request.id)

    const key = addressKey({
      settlementId: await idOf(t.db, 'settlements', 'lida.lida'),
      street: 'ул. Мицкевича',
      house: '12',
      text: '',
    })
    const same = await openRequestsAtAddress(t.db, key, await idOf(t.db, 'categories', 'heating.no-heat'))
    expect(same.map((r) => r.id)).toEqual([first.request.id])
    expect(await findRequestIdByNumber(t.db, first.request.number)).toBe(first.request.id)
  })

  it('when staff work a request, then permissions and scope decide, and every change is an event and an outbox message', async () => {
    const author = await aResident(t.db)
    const created = await submit(await aDraft(t.db, author))
    if (!created.ok) throw new Error(created.error)
    const id = created.request.id
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const foreign = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'slonim-housing' }))
    const resident = await loadActor(t.db, author)

    expect(await change({ actor: foreign, requestId: id, action: 'accept' })).toEqual({ ok: false, error: 'not-found' })
    expect(await change({ actor: resident, requestId: id, action: 'accept' })).toEqual({
      ok: false,
      error: 'not-allowed',
    })
    expect(await change({ actor: dispatcher, requestId: id, action: 'reject', reason: '  ' })).toEqual({
      ok: false,
      error: 'reason-required',
    })
    expect(await change({ actor: dispatcher, requestId: id, action: 'accept' })).toEqual({
      ok: true,
      from: 'new',
      to: 'accepted',
    })
    expect(
      await change({ actor: dispatcher, requestId: id, action: 'ask', question: 'Which entrance?' }),
    ).toMatchObject({ ok: true, to: 'needs_info' })
    expect(
      await change({ actor: resident, requestId: id, action: 'provide_info', comment: 'Entrance 2' }),
    ).toMatchObject({ ok: true, to: 'accepted' })
    expect(await change({ actor: dispatcher, requestId: id, action: 'finish' })).toEqual({
      ok: false,
      error: 'after-photo-required',
    })
    expect(
      await change({
        actor: dispatcher,
        requestId: id,
        action: 'finish',
        afterPhotos: [aPhoto('after')],
        comment: 'Air let out of the radiators',
      }),
    ).toMatchObject({ ok: true, to: 'done' })

    const history = await requestHistory(t.db, id)
    expect(history.map((e) => `${e.fromStatus ?? ''}>${e.toStatus ?? ''}`)).toEqual([
      '>new',
      'new>accepted',
      'accepted>needs_info',
      'needs_info>accepted',
      'accepted>done',
    ])
    const messages = await t.db
      .selectFrom('request_messages')
      .select(['kind', 'body'])
      .where('request_id', '=', id)
      .orderBy('id')
      .execute()
    expect(messages).toEqual([
      { kind: 'question', body: 'Which entrance?' },
      { kind: 'answer', body: 'Entrance 2' },
      { kind: 'comment', body: 'Air let out of the radiators' },
    ])
    const row = await t.db
      .selectFrom('requests')
      .select(['status', 'version', 'accepted_at', 'done_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'done', version: 5 })
    expect(row.done_at?.toISOString()).toBe(now.toISOString())
    const notices = await t.db.selectFrom('outbox').select('payload').where('job_name', '=', 'status-changed').execute()
    expect(notices.filter((n) => n.payload.requestId === id)).toHaveLength(4)
  })

  it('when someone tries to rewrite history, then the database refuses', async () => {
    await expect(t.db.updateTable('request_events').set({ note: 'forged' }).execute()).rejects.toThrow(/append-only/)
    await expect(t.db.deleteFrom('request_events').execute()).rejects.toThrow(/append-only/)
  })
})
