import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeSendOfficialAnswer } from '../../../src/core/dispatch/official-answer.js'
import type { ChangeStatusStore } from '../../../src/core/requests/change-status.js'
import { makeChangeRequestStatus } from '../../../src/core/requests/change-status.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { TEXT_LIMITS } from '../../../src/core/shared/free-text.js'
import { createDispatchStore } from '../../../src/db/repositories/dispatch-store.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { createTransact } from '../../../src/db/transact.js'
import { aDraft, aResident, aStaffMember } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

/** Texts staff and residents type into a request's life, on PostgreSQL: cleaned, measured, never half-saved. */
describe('typed text on its way to PostgreSQL', () => {
  let t: TestDatabase
  let change: ReturnType<typeof makeChangeRequestStatus>
  let answer: ReturnType<typeof makeSendOfficialAnswer>
  const now = () => new Date()

  beforeAll(async () => {
    t = await createTestDatabase()
    change = makeChangeRequestStatus({ transact: createTransact(t.db, createRequestStore), now })
    answer = makeSendOfficialAnswer({ transact: createTransact(t.db, createDispatchStore), now })
  })
  afterAll(async () => {
    await t.drop()
  })

  async function anAcceptedRequest() {
    const author = await aResident(t.db)
    const submit = makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now })
    const filed = await submit(await aDraft(t.db, author))
    if (!filed.ok) throw new Error(filed.error)
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const resident = await loadActor(t.db, author)
    const id = filed.request.id
    expect(await change({ actor: dispatcher, requestId: id, action: 'accept' })).toMatchObject({ ok: true })
    return { id, dispatcher, resident }
  }

  const rowsOf = async (id: number) => ({
    status: (await t.db.selectFrom('requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    events: (await t.db.selectFrom('request_events').select('id').where('request_id', '=', id).execute()).length,
    messages: await t.db
      .selectFrom('request_messages')
      .select(['kind', 'body'])
      .where('request_id', '=', id)
      .orderBy('id')
      .execute(),
    outbox: (await t.db.selectFrom('outbox').select('id').execute()).length,
  })

  it('when a question, an answer, an official answer or a reason is over the limit, then it is refused with the limit and nothing is written', async () => {
    const { id, dispatcher, resident } = await anAcceptedRequest()
    const long = 'я'.repeat(4100)
    const before = await rowsOf(id)
    const refused = { ok: false, error: 'text-too-long', max: TEXT_LIMITS.message, length: 4100 }

    expect(await change({ actor: dispatcher, requestId: id, action: 'ask', question: long })).toEqual(refused)
    expect(await change({ actor: dispatcher, requestId: id, action: 'reject', reason: long })).toEqual(refused)
    expect(await answer({ actor: dispatcher, requestId: id, body: long })).toEqual(refused)
    expect(
      await change({ actor: dispatcher, requestId: id, action: 'plan', plannedPeriod: 'x'.repeat(300) }),
    ).toMatchObject({ ok: false, error: 'text-too-long', max: TEXT_LIMITS.plannedPeriod })
    expect(await rowsOf(id)).toEqual(before)

    expect(await change({ actor: dispatcher, requestId: id, action: 'ask', question: 'Какой подъезд?' })).toMatchObject(
      {
        ok: true,
      },
    )
    const asked = await rowsOf(id)
    expect(await change({ actor: resident, requestId: id, action: 'provide_info', comment: long })).toEqual(refused)
    expect(await rowsOf(id)).toEqual(asked)
  })

  it('when a question and an answer hold NUL and other controls, then they are stored without them', async () => {
    const { id, dispatcher, resident } = await anAcceptedRequest()
    expect(
      await change({ actor: dispatcher, requestId: id, action: 'ask', question: 'Какой\u0000 подъезд?\u0007' }),
    ).toMatchObject({ ok: true })
    expect(
      await change({ actor: resident, requestId: id, action: 'provide_info', comment: 'Второй\u0000\r\nслева' }),
    ).toMatchObject({ ok: true })
    expect(await answer({ actor: dispatcher, requestId: id, body: '\u0000Починим\u0000 завтра' })).toEqual({ ok: true })
    expect((await rowsOf(id)).messages).toEqual([
      { kind: 'question', body: 'Какой подъезд?' },
      { kind: 'answer', body: 'Второй\nслева' },
      { kind: 'official_answer', body: 'Починим завтра' },
    ])
  })

  it('when PostgreSQL refuses a write halfway through a use case, then the error reaches the caller and nothing of it stays', async () => {
    const { id, dispatcher } = await anAcceptedRequest()
    const before = await rowsOf(id)
    // A message store whose body breaks the column's CHECK after the status change was already written.
    const refusing = makeChangeRequestStatus({
      transact: createTransact(t.db, (db): ChangeStatusStore => {
        const store = createRequestStore(db)
        return { ...store, addMessage: (requestId, kind, author) => store.addMessage(requestId, kind, author, '') }
      }),
      now,
    })

    await expect(
      refusing({ actor: dispatcher, requestId: id, action: 'ask', question: 'Какой подъезд?' }),
    ).rejects.toThrow(/request_messages_body_check|check constraint/)
    expect(await rowsOf(id)).toEqual(before)
  })
})
