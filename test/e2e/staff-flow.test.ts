import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Api } from 'grammy'
import type { Message } from 'grammy/types'
import type { Language } from '../../src/core/i18n/text.js'
import { text } from '../../src/core/i18n/text.js'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import { idOf } from '../support/fixtures.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import type { RunningService } from './support/service.js'
import { afternoonZone, startService } from './support/service.js'
import { opening, plain } from './support/texts.js'
import type { TelegramPerson } from './support/telegram-report.js'
import { fileColdRadiator, says } from './support/telegram-report.js'

type Person = TelegramPerson

// Distinct ids per run: several test files share one Redis.
let nextUserId = 730_000_000 + Math.floor(Math.random() * 1_000_000) * 10

const body = (m: Message): string => m.text ?? m.caption ?? ''
const buttonData = (p: Person, m: Message): string[] => p.inlineButtons(m).flatMap((b) => (b.data ? [b.data] : []))

/** The first line of every status message the resident gets: "Request № …: <status>". */
const statusLine = (language: Language, number: string, status: string): string =>
  plain(language, 'update.title', { number, status: { text: text(`status.${status}`) } })

/** Polls a condition the workers will make true; fails with `what` if they never do. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} (waited ${timeoutMs} ms)`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('staff run a request from invite to "done" in Telegram (real HTTP to a fake Bot API, real PostgreSQL and Redis)', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService
  let api: Api
  const regionAdminId = nextUserId++

  const userIdOf = async (p: Person): Promise<number> =>
    (
      await t.db
        .selectFrom('channel_identities')
        .select('user_id')
        .where('channel', '=', 'telegram')
        .where('external_id', '=', String(p.user.id))
        .executeTakeFirstOrThrow()
    ).user_id

  /** The region admin's /invite through the buttons: role → Lida → lida-housing; returns the deep-link payload. */
  async function invite(admin: Person, role: 'dispatcher' | 'executor'): Promise<string> {
    admin.sendCommand('/invite')
    await says(admin, 'ru', 'staff.invite.choose-role')
    admin.press(`st:i:${role}`)
    await says(admin, 'ru', 'staff.invite.choose-district')
    admin.press(`st:i:${role}:d:${await idOf(t.db, 'districts', 'lida')}`)
    await says(admin, 'ru', 'staff.invite.choose-organisation')
    admin.press(`st:i:${role}:o:${await idOf(t.db, 'organisations', 'lida-housing')}`)
    const created = await says(admin, 'ru', 'staff.invite.created')
    const payload = /\?start=(inv_[A-Za-z0-9_-]+)/.exec(created.text ?? '')?.[1]
    if (payload === undefined) throw new Error(`no invite link in: ${created.text ?? ''}`)
    return payload
  }

  /** Opens the t.me link (/start inv_…) and is welcomed as a member of lida-housing in that role. */
  async function join(payload: string, role: 'dispatcher' | 'executor'): Promise<{ chat: Person; userId: number }> {
    const chat = telegram.user({ id: nextUserId++, firstName: role, lastName: 'Лидский', languageCode: 'ru' })
    chat.sendCommand('/start', payload)
    const welcome = await says(chat, 'ru', 'staff.welcome')
    expect(welcome.text).toContain(opening('ru', `staff.role.${role}`))
    const userId = await userIdOf(chat)
    const memberships = await t.db
      .selectFrom('staff_memberships')
      .select(['role', 'organisation_id', 'revoked_at'])
      .where('user_id', '=', userId)
      .execute()
    expect(memberships).toEqual([
      { role, organisation_id: await idOf(t.db, 'organisations', 'lida-housing'), revoked_at: null },
    ])
    return { chat, userId }
  }

  /** The resident dialogue of resident-report.test.ts: a cold radiator in Lida, no photos, no phone. */

  /** The bytes of a file the bot sent, fetched through getFile as a Telegram client would. */
  async function download(fileId: string): Promise<Buffer> {
    const file = await api.getFile(fileId)
    const response = await fetch(`${telegram.apiRoot}/file/bot${telegram.token}/${file.file_path ?? ''}`)
    return Buffer.from(await response.arrayBuffer())
  }

  beforeAll(async () => {
    telegram = await startFakeTelegram()
    t = await createTestDatabase()
    service = await startService({
      telegram,
      databaseUrl: t.url,
      timeZone: afternoonZone(),
      adminTelegramIds: [regionAdminId],
    })
    api = new Api(telegram.token, { apiRoot: telegram.apiRoot })
  })
  afterAll(async () => {
    await service.stop()
    await telegram.close()
    await t.drop()
  })

  it('when the admin invites a dispatcher and an executor who accept, assign, start and finish with an after photo, then the resident hears of each step exactly once and the history names who did what', async () => {
    // Invites: the region admin from ADMIN_TELEGRAM_IDS; both links open to members of lida-housing.
    const admin = telegram.user({ id: regionAdminId, firstName: 'Админ', languageCode: 'ru' })
    const dispatcherLink = await invite(admin, 'dispatcher')
    const executorLink = await invite(admin, 'executor')
    const dispatcher = await join(dispatcherLink, 'dispatcher')
    const executor = await join(executorLink, 'executor')
    const adminUserId = await userIdOf(admin)
    const createdBy = await t.db
      .selectFrom('staff_memberships')
      .select('created_by_user_id')
      .where('user_id', 'in', [dispatcher.userId, executor.userId])
      .execute()
    expect(createdBy).toEqual([{ created_by_user_id: adminUserId }, { created_by_user_id: adminUserId }])

    // A Belarusian-speaking resident reports a cold radiator in Lida: it routes to lida-housing.
    const resident = telegram.user({ id: nextUserId++, firstName: 'Жыхар', languageCode: 'be' })
    const number = await fileColdRadiator(resident, 'be', 'Батарэі халодныя трэці дзень, у кватэры +14', {
      street: 'вул. Савецкая',
      house: '12',
      flat: 'кв. 4',
    })
    const request = await t.db
      .selectFrom('requests')
      .select(['id', 'status', 'primary_organisation_id', 'author_user_id'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
    expect(request).toMatchObject({
      status: 'new',
      primary_organisation_id: await idOf(t.db, 'organisations', 'lida-housing'),
    })
    // The main menu follows the confirmation; the count starts once it is there.
    await says(resident, 'be', 'menu.title')
    const sentAt = resident.messages().length

    // Accept: the card comes to the new dispatcher with buttons; the resident is told.
    const card = await dispatcher.chat.waitForMessage((m) => body(m).includes(number), 15_000)
    expect(body(card)).toContain(opening('ru', 'staff.card.title'))
    expect(buttonData(dispatcher.chat, card)).toEqual(expect.arrayContaining([`rq:accept:${request.id}`]))
    dispatcher.chat.press(`rq:accept:${request.id}`)
    const accepted = await says(dispatcher.chat, 'ru', 'dispatch.done.accept')
    expect(buttonData(dispatcher.chat, accepted)).toContain(`rq:assign:${request.id}`)
    const toldAccepted = await resident.waitForMessage(
      (m) => body(m).includes(statusLine('be', number, 'accepted')),
      15_000,
    )
    expect(body(toldAccepted)).toContain(opening('be', 'update.accepted'))

    // Assign: the dispatcher picks the new executor from the buttons; the executor is told.
    dispatcher.chat.press(`rq:assign:${request.id}`)
    const choose = await says(dispatcher.chat, 'ru', 'dispatch.assign.choose')
    expect(buttonData(dispatcher.chat, choose)).toContain(`rq:as:${request.id}:${executor.userId}`)
    dispatcher.chat.press(`rq:as:${request.id}:${executor.userId}`)
    await says(dispatcher.chat, 'ru', 'dispatch.done.assign')
    const assigned = await says(executor.chat, 'ru', 'dispatch.assigned.title')
    expect(body(assigned)).toContain(number)

    // Start: /mine shows the assignment; "start" puts it in progress and the resident is told.
    executor.chat.sendCommand('/mine')
    await says(executor.chat, 'ru', 'executor.mine.title')
    const assignment = await executor.chat.waitForMessage((m) => body(m).includes(number), 15_000)
    expect(buttonData(executor.chat, assignment)).toEqual([`ex:s:${request.id}`, `ex:d:${request.id}`])
    executor.chat.press(`ex:s:${request.id}`)
    await says(executor.chat, 'ru', 'executor.started')
    await resident.waitForMessage((m) => body(m).includes(statusLine('be', number, 'in_progress')), 15_000)

    // Done: an after photo, "that's all", a comment, confirm; the resident gets "done" with that photo.
    executor.chat.press(`ex:d:${request.id}`)
    await says(executor.chat, 'ru', 'executor.finish.ask-photo')
    const afterBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(`after photo of ${number}`)])
    const photoUpdate = executor.chat.sendPhoto({ bytes: afterBytes, width: 1280, height: 960, fileSize: 150_000 })
    await says(executor.chat, 'ru', 'executor.finish.photo-received')
    executor.chat.press('ex:f:photos')
    await says(executor.chat, 'ru', 'executor.finish.ask-comment')
    executor.chat.sendText('Завоздушили стояк, спустили воздух, батареи горячие')
    const confirm = await says(executor.chat, 'ru', 'executor.finish.confirm')
    expect(confirm.text).toContain('Завоздушили стояк')
    executor.chat.press('ex:f:ok')
    await says(executor.chat, 'ru', 'executor.finish.done')
    const toldDone = await resident.waitForMessage((m) => body(m).includes(statusLine('be', number, 'done')), 15_000)
    expect(toldDone.caption).toContain(opening('be', 'update.done'))
    const shown = toldDone.photo?.at(-1)
    expect(shown?.file_unique_id).toBe(photoUpdate.message?.photo?.at(-1)?.file_unique_id)
    expect(await download(shown?.file_id ?? '')).toEqual(afterBytes)

    // History: one event per step, each with the person who did it.
    const events = await t.db
      .selectFrom('request_events')
      .select(['kind', 'to_status', 'actor_user_id'])
      .where('request_id', '=', request.id)
      .where('kind', 'in', ['status_changed', 'assigned'])
      .orderBy('id')
      .execute()
    expect(events).toEqual([
      { kind: 'status_changed', to_status: 'accepted', actor_user_id: dispatcher.userId },
      { kind: 'assigned', to_status: null, actor_user_id: dispatcher.userId },
      { kind: 'status_changed', to_status: 'in_progress', actor_user_id: executor.userId },
      { kind: 'status_changed', to_status: 'done', actor_user_id: executor.userId },
    ])
    const finished = await t.db
      .selectFrom('requests')
      .select(['status', 'executor_user_id', 'done_at'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(finished).toMatchObject({ status: 'done', executor_user_id: executor.userId })
    expect(finished.done_at).toBeInstanceOf(Date)
    const photos = await t.db
      .selectFrom('request_photos')
      .select(['kind', 'telegram_file_id', 'uploaded_by_user_id'])
      .where('request_id', '=', request.id)
      .execute()
    expect(photos).toEqual([{ kind: 'after', telegram_file_id: shown?.file_id, uploaded_by_user_id: executor.userId }])

    // Exactly once: when every outbox row is out and every send to the resident is through, the
    // resident has the three status messages, one each, and nothing else since "registered".
    await eventually(async () => {
      const pending = await t.db.selectFrom('outbox').select('id').where('published_at', 'is', null).executeTakeFirst()
      const sends = await t.db
        .selectFrom('sent_messages')
        .select('state')
        .where('user_id', '=', request.author_user_id)
        .execute()
      return pending === undefined && sends.length >= 3 && sends.every((s) => s.state === 'sent')
    }, 'the workers did not finish the sends to the resident')
    const sends = await t.db
      .selectFrom('sent_messages')
      .select('job_id')
      .where('user_id', '=', request.author_user_id)
      .execute()
    expect(sends).toHaveLength(3)
    const since = resident
      .messages()
      .slice(sentAt)
      .map((m) => body(m).split('\n')[0])
    expect(since).toEqual([
      statusLine('be', number, 'accepted'),
      statusLine('be', number, 'in_progress'),
      statusLine('be', number, 'done'),
    ])

    // The executor's comment is on the resident's request card.
    resident.sendCommand('/status', number)
    const status = await resident.waitForMessage((m) => body(m).includes(`№ ${number}`), 15_000)
    expect(body(status)).toContain('Завоздушили стояк, спустили воздух, батареи горячие')
  })
})
