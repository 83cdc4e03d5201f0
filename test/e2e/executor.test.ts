import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from 'grammy/types'
import type { Language } from '../../src/core/i18n/text.js'
import { makeSubmitRequest } from '../../src/core/requests/submit-request.js'
import { createRequestStore } from '../../src/db/repositories/request-store.js'
import { ensureChannelUser } from '../../src/db/repositories/users.js'
import { createTransact } from '../../src/db/transact.js'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import { aDraft, idOf } from '../support/fixtures.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import type { RunningService } from './support/service.js'
import { afternoonZone, startService } from './support/service.js'
import { opening } from './support/texts.js'

// One Redis namespace for this file's service, kept when it restarts.
const PREFIX = `e2e${Math.random().toString(36).slice(2, 10)}`
const ZONE = afternoonZone()

type Person = ReturnType<FakeTelegram['user']>

let nextUserId = 720_000_000 + Math.floor(Math.random() * 1_000_000) * 10

const says = (person: Person, language: Language, key: string): Promise<Message> =>
  person.waitForMessage((m) => (m.caption ?? m.text ?? '').includes(opening(language, key)), 15_000)

describe('an executor finishes assignments in Telegram (real HTTP to a fake Bot API, real PostgreSQL and Redis)', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService

  /** A Telegram user known to the service (as if they had written to the bot before). */
  async function known(languageCode: Language): Promise<{ chat: Person; userId: number }> {
    const id = nextUserId++
    const userId = await ensureChannelUser(t.db, {
      channel: 'telegram',
      externalId: String(id),
      language: languageCode,
    })
    return { chat: telegram.user({ id, languageCode }), userId }
  }

  async function anExecutor(): Promise<{ chat: Person; userId: number }> {
    const executor = await known('ru')
    await t.db
      .insertInto('staff_memberships')
      .values({
        user_id: executor.userId,
        role: 'executor',
        organisation_id: await idOf(t.db, 'organisations', 'lida-housing'),
      })
      .execute()
    return executor
  }

  /** A resident's request in Lida, accepted and assigned to the executor (the dispatcher's part, done directly). */
  async function anAssignment(residentUserId: number, executorUserId: number, description: string) {
    const submit = makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: () => new Date() })
    const registered = await submit(await aDraft(t.db, residentUserId, { description }))
    if (!registered.ok) throw new Error('the request was registered')
    const { id, number } = registered.request
    await t.db
      .updateTable('requests')
      .set({ status: 'accepted', executor_user_id: executorUserId })
      .where('id', '=', id)
      .execute()
    return { id, number }
  }

  /** /mine, until the card of this request is there. */
  async function openAssignments(chat: Person, number: string): Promise<Message> {
    chat.sendCommand('/mine')
    await says(chat, 'ru', 'executor.mine.title')
    return chat.waitForMessage((m) => (m.text ?? '').includes(number), 10_000)
  }

  const requestRow = (id: number) =>
    t.db.selectFrom('requests').select(['status', 'done_at']).where('id', '=', id).executeTakeFirstOrThrow()

  beforeAll(async () => {
    telegram = await startFakeTelegram()
    t = await createTestDatabase()
    service = await startService({ telegram, redisPrefix: PREFIX, databaseUrl: t.url, timeZone: ZONE })
  })
  afterAll(async () => {
    await service.stop()
    await telegram.close()
    await t.drop()
  })

  it('when an executor runs /mine, starts the work and finishes it with an after photo and a comment, then the request is done and the resident hears of each step', async () => {
    const resident = await known('ru')
    const executor = await anExecutor()
    const request = await anAssignment(resident.userId, executor.userId, 'Течёт кран в подвале, вода на полу')

    const card = await openAssignments(executor.chat, request.number)
    expect(card.text).toContain('Течёт кран в подвале')
    expect(executor.chat.inlineButtons(card).map((b) => b.data)).toEqual([`ex:s:${request.id}`, `ex:d:${request.id}`])

    executor.chat.press(`ex:s:${request.id}`)
    await says(executor.chat, 'ru', 'executor.started')
    expect((await requestRow(request.id)).status).toBe('in_progress')
    await resident.chat.waitForMessage(
      (m) => (m.text ?? '').includes(request.number) && (m.text ?? '').includes(opening('ru', 'status.in_progress')),
      15_000,
    )

    executor.chat.press(`ex:d:${request.id}`)
    await says(executor.chat, 'ru', 'executor.finish.ask-photo')
    executor.chat.sendText('Готово')
    await says(executor.chat, 'ru', 'executor.finish.need-photo')
    executor.chat.sendSticker()
    await says(executor.chat, 'ru', 'executor.finish.need-photo')
    executor.chat.sendPhoto({ width: 1280, height: 960, fileSize: 150_000 })
    await says(executor.chat, 'ru', 'executor.finish.photo-received')
    executor.chat.sendPhoto({ width: 1280, height: 960, fileSize: 160_000 })
    await says(executor.chat, 'ru', 'executor.finish.photo-received')
    executor.chat.press('ex:f:photos')
    await says(executor.chat, 'ru', 'executor.finish.ask-comment')
    executor.chat.sendPhoto()
    await says(executor.chat, 'ru', 'executor.finish.need-comment')
    executor.chat.sendText('Заменили прокладку, вода перекрыта не была')
    const confirm = await says(executor.chat, 'ru', 'executor.finish.confirm')
    expect(confirm.text).toContain('Заменили прокладку')
    executor.chat.press('ex:f:ok')
    await says(executor.chat, 'ru', 'executor.finish.done')

    expect((await requestRow(request.id)).status).toBe('done')
    const photos = await t.db
      .selectFrom('request_photos')
      .select(['kind', 'telegram_file_id', 'uploaded_by_user_id'])
      .where('request_id', '=', request.id)
      .execute()
    expect(photos).toHaveLength(2)
    expect(photos.every((p) => p.kind === 'after' && p.telegram_file_id !== null)).toBe(true)
    expect(photos.every((p) => p.uploaded_by_user_id === executor.userId)).toBe(true)
    const comments = await t.db
      .selectFrom('request_messages')
      .select(['kind', 'body', 'author_user_id'])
      .where('request_id', '=', request.id)
      .execute()
    expect(comments).toEqual([
      { kind: 'comment', body: 'Заменили прокладку, вода перекрыта не была', author_user_id: executor.userId },
    ])
    const events = await t.db
      .selectFrom('request_events')
      .select(['to_status', 'actor_user_id'])
      .where('request_id', '=', request.id)
      .where('kind', '=', 'status_changed')
      .orderBy('id')
      .execute()
    expect(events.slice(-2)).toEqual([
      { to_status: 'in_progress', actor_user_id: executor.userId },
      { to_status: 'done', actor_user_id: executor.userId },
    ])
    const done = await says(resident.chat, 'ru', 'update.done')
    expect(done.photo).toBeDefined()

    executor.chat.sendCommand('/mine')
    await says(executor.chat, 'ru', 'executor.mine.empty')
  })

  it('when the executor presses "done" on a request no longer theirs, then the wizard finishes nothing and says why', async () => {
    const resident = await known('ru')
    const executor = await anExecutor()
    const request = await anAssignment(resident.userId, executor.userId, 'Не горит свет в подъезде на 2 этаже')
    await openAssignments(executor.chat, request.number)
    executor.chat.press(`ex:d:${request.id}`)
    await says(executor.chat, 'ru', 'executor.finish.ask-photo')
    executor.chat.sendPhoto()
    await says(executor.chat, 'ru', 'executor.finish.photo-received')
    executor.chat.press('ex:f:photos')
    await says(executor.chat, 'ru', 'executor.finish.ask-comment')
    executor.chat.sendText('Заменили лампу')
    await says(executor.chat, 'ru', 'executor.finish.confirm')
    // Meanwhile the dispatcher gave it to someone else.
    await t.db.updateTable('requests').set({ executor_user_id: null }).where('id', '=', request.id).execute()
    executor.chat.press('ex:f:ok')
    await says(executor.chat, 'ru', 'executor.error.not-found')
    expect((await requestRow(request.id)).status).toBe('accepted')
  })

  it('when someone presses a forged "done" for a request not theirs, then no wizard starts and its number is not shown', async () => {
    const resident = await known('ru')
    const executor = await anExecutor()
    const other = await anExecutor()
    const request = await anAssignment(resident.userId, other.userId, 'Течёт кран на кухне, вода не перекрывается')
    executor.chat.pressData(`ex:d:${request.id}`)
    const reply = await says(executor.chat, 'ru', 'executor.error.not-found')
    expect(reply.text).not.toContain(request.number)
    expect(executor.chat.messages().some((m) => (m.text ?? '').includes(request.number))).toBe(false)
  })

  it('when the executor sends /mine in the middle of "done", then the wizard ends and the list is shown', async () => {
    const resident = await known('ru')
    const executor = await anExecutor()
    const request = await anAssignment(resident.userId, executor.userId, 'Разбито окно на лестничной клетке')
    await openAssignments(executor.chat, request.number)
    executor.chat.press(`ex:d:${request.id}`)
    await says(executor.chat, 'ru', 'executor.finish.ask-photo')
    await openAssignments(executor.chat, request.number)
    executor.chat.sendPhoto()
    const reply = await executor.chat.waitForReply(10_000)
    expect(reply.text).not.toContain(opening('ru', 'executor.finish.photo-received'))
    expect((await requestRow(request.id)).status).toBe('accepted')
  })

  it('when the executor sends /cancel in the middle of "done", then nothing changes and the wizard is gone', async () => {
    const resident = await known('ru')
    const executor = await anExecutor()
    const request = await anAssignment(resident.userId, executor.userId, 'Сломана дверь в подъезд, не закрывается')
    await openAssignments(executor.chat, request.number)
    executor.chat.press(`ex:d:${request.id}`)
    await says(executor.chat, 'ru', 'executor.finish.ask-photo')
    executor.chat.sendCommand('/cancel')
    await says(executor.chat, 'ru', 'staff.cancelled')
    executor.chat.sendPhoto()
    // Outside the wizard a photo goes to the resident dialogue, which has no use for it now.
    const reply = await executor.chat.waitForReply(10_000)
    expect(reply.text).not.toContain(opening('ru', 'executor.finish.photo-received'))
    expect((await requestRow(request.id)).status).toBe('accepted')
  })

  it('when the service restarts in the middle of "done", then the wizard goes on where it was and finishes the request', async () => {
    const resident = await known('be')
    const executor = await anExecutor()
    const request = await anAssignment(resident.userId, executor.userId, 'Зламаная лаўка каля пад’езда')
    await openAssignments(executor.chat, request.number)
    executor.chat.press(`ex:d:${request.id}`)
    await says(executor.chat, 'ru', 'executor.finish.ask-photo')
    executor.chat.sendPhoto()
    await says(executor.chat, 'ru', 'executor.finish.photo-received')
    // One chat's updates run one after another: this answer means the photo's step is stored.
    executor.chat.sendText('ещё?')
    await says(executor.chat, 'ru', 'executor.finish.need-photo')

    await service.stop()
    service = await startService({ telegram, redisPrefix: PREFIX, databaseUrl: t.url, timeZone: ZONE })

    executor.chat.press('ex:f:photos')
    await says(executor.chat, 'ru', 'executor.finish.ask-comment')
    executor.chat.sendText('Лавку отремонтировали')
    await says(executor.chat, 'ru', 'executor.finish.confirm')
    executor.chat.press('ex:f:ok')
    await says(executor.chat, 'ru', 'executor.finish.done')
    expect((await requestRow(request.id)).status).toBe('done')
    const photos = await t.db.selectFrom('request_photos').select('kind').where('request_id', '=', request.id).execute()
    expect(photos).toEqual([{ kind: 'after' }])
    await says(resident.chat, 'be', 'update.done')
  })
})
