import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Api } from 'grammy'
import type { BotCommand, Message } from 'grammy/types'
import { hashInviteToken, newInviteToken } from '../../src/app/cli/invite.js'
import { RESIDENT_COMMANDS } from '../../src/core/access/commands.js'
import { makeCreateInvite } from '../../src/core/access/invites.js'
import type { Language } from '../../src/core/i18n/text.js'
import { createInviteStore } from '../../src/db/repositories/invite-store.js'
import { createTransact } from '../../src/db/transact.js'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import { idOf } from '../support/fixtures.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import type { RunningService } from './support/service.js'
import { startService } from './support/service.js'
import { opening, plain } from './support/texts.js'

type Person = ReturnType<FakeTelegram['user']>

let nextUserId = 710_000_000 + Math.floor(Math.random() * 1_000_000) * 10

const says = (person: Person, language: Language, key: string): Promise<Message> =>
  person.waitForMessage((m) => (m.text ?? '').includes(opening(language, key)), 10_000)

describe('staff join and leave through invite links (real HTTP to a fake Bot API, real PostgreSQL and Redis)', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService
  let api: Api
  const regionAdminId = nextUserId++

  const person = (languageCode = 'ru'): Person => telegram.user({ id: nextUserId++, firstName: 'Ольга', languageCode })
  /** The menu Telegram would show in this private chat (chat scope first, else the default). */
  const chatMenu = (chatId: number, language?: 'be' | 'en'): Promise<BotCommand[]> =>
    api.getMyCommands({ scope: { type: 'chat', chat_id: chatId }, ...(language && { language_code: language }) })
  const membershipsOf = (telegramUserId: number) =>
    t.db
      .selectFrom('staff_memberships as m')
      .innerJoin('channel_identities as ci', 'ci.user_id', 'm.user_id')
      .select(['m.id', 'm.role', 'm.organisation_id', 'm.district_id', 'm.revoked_at', 'm.created_by_user_id'])
      .where('ci.channel', '=', 'telegram')
      .where('ci.external_id', '=', String(telegramUserId))
      .execute()

  beforeAll(async () => {
    telegram = await startFakeTelegram()
    t = await createTestDatabase()
    service = await startService({ telegram, databaseUrl: t.url, adminTelegramIds: [regionAdminId] })
    api = new Api(telegram.token, { apiRoot: telegram.apiRoot })
  })
  afterAll(async () => {
    await service.stop()
    await telegram.close()
    await t.drop()
  })

  it('when the service starts with ADMIN_TELEGRAM_IDS, then that person is a region admin with the full menu', async () => {
    expect(await membershipsOf(regionAdminId)).toMatchObject([{ role: 'region_admin', revoked_at: null }])
    const menu = (await chatMenu(regionAdminId)).map((c) => c.command)
    expect(menu).toEqual(expect.arrayContaining(['invite', 'staff', 'revoke', 'notice', 'stats', 'queue']))
    expect((await chatMenu(regionAdminId, 'en')).find((c) => c.command === 'invite')?.description).toBe(
      'Invite a staff member',
    )
  })

  it('when someone opens an invite link made by the operator, then they become a dispatcher with /queue in their menu, and the link works only once', async () => {
    const createInvite = makeCreateInvite({
      transact: createTransact(t.db, createInviteStore),
      newToken: newInviteToken,
      hashToken: hashInviteToken,
      now: () => new Date(),
    })
    const invite = await createInvite(
      { kind: 'operator' },
      { role: 'dispatcher', organisationId: await idOf(t.db, 'organisations', 'lida-housing'), districtId: null },
    )
    if (!invite.ok) throw new Error(invite.error)
    const olga = person('ru')
    olga.sendCommand('/start', invite.startPayload)
    const welcome = await says(olga, 'ru', 'staff.welcome')
    expect(welcome.text).toContain(opening('ru', 'staff.role.dispatcher'))
    expect(welcome.text).toContain('/queue')
    expect(await membershipsOf(olga.user.id)).toMatchObject([{ role: 'dispatcher', revoked_at: null }])
    const menu = (await chatMenu(olga.user.id)).map((c) => c.command)
    expect(menu).toContain('queue')
    expect(menu).not.toContain('invite')
    // The resident dialogue did not greet her as well: the invite was the whole answer.
    expect(olga.messages().some((m) => (m.text ?? '').includes(opening('ru', 'menu.title')))).toBe(false)

    const stranger = person('be')
    stranger.sendCommand('/start', invite.startPayload)
    await says(stranger, 'be', 'staff.invite.used')
    expect(await membershipsOf(stranger.user.id)).toEqual([])
    expect(await chatMenu(stranger.user.id)).toEqual([])

    const forger = person('en')
    forger.sendCommand('/start', 'inv_NotARealTokenAtAllNotOne')
    await says(forger, 'en', 'staff.invite.invalid')
  })

  it('when a resident types staff commands, then each gets the polite refusal only and their menu has no staff commands', async () => {
    const anna = person('ru')
    anna.sendCommand('/start')
    await says(anna, 'ru', 'menu.title')
    const before = anna.messages().length
    for (const command of ['/queue', '/notice', '/stats']) {
      anna.sendCommand(command)
      await says(anna, 'ru', 'common.staff-only')
    }
    // One chat's updates are handled in order: whatever the staff commands caused came before this answer.
    anna.sendCommand('/help')
    await anna.waitForMessage((m) => (m.text ?? '').includes(opening('ru', 'common.help')), 10_000)
    const answers = anna
      .messages()
      .slice(before)
      .map((m) => m.text ?? '')
    expect(answers).toHaveLength(4)
    for (const answer of answers.slice(0, 3)) expect(answer).toContain(opening('ru', 'common.staff-only'))
    expect(await chatMenu(anna.user.id)).toEqual([])
    const defaultMenu = (await api.getMyCommands()).map((c) => c.command)
    expect(defaultMenu).toEqual([...RESIDENT_COMMANDS])
  })

  it('when the region admin invites with buttons and later revokes the new executor, then the executor joins, then loses the role and the staff menu', async () => {
    const admin = telegram.user({ id: regionAdminId, firstName: 'Админ', languageCode: 'ru' })
    const lida = await idOf(t.db, 'districts', 'lida')
    const lidaHousing = await idOf(t.db, 'organisations', 'lida-housing')
    admin.sendCommand('/invite')
    await says(admin, 'ru', 'staff.invite.choose-role')
    admin.press('st:i:executor')
    await says(admin, 'ru', 'staff.invite.choose-district')
    admin.press(`st:i:executor:d:${lida}`)
    await says(admin, 'ru', 'staff.invite.choose-organisation')
    admin.press(`st:i:executor:o:${lidaHousing}`)
    const created = await says(admin, 'ru', 'staff.invite.created')
    const payload = /\?start=(inv_[A-Za-z0-9_-]+)/.exec(created.text ?? '')?.[1]
    expect(payload).toBeDefined()

    const ivan = telegram.user({ id: nextUserId++, firstName: 'Иван', lastName: 'Сидоров', languageCode: 'ru' })
    ivan.sendCommand('/start', payload)
    await says(ivan, 'ru', 'staff.welcome')
    const [membership] = await membershipsOf(ivan.user.id)
    expect(membership).toMatchObject({ role: 'executor', organisation_id: lidaHousing })
    const adminUser = await t.db
      .selectFrom('channel_identities')
      .select('user_id')
      .where('external_id', '=', String(regionAdminId))
      .executeTakeFirstOrThrow()
    expect(membership?.created_by_user_id).toBe(adminUser.user_id)
    expect((await chatMenu(ivan.user.id)).map((c) => c.command)).toContain('mine')

    admin.sendCommand('/staff')
    const list = await says(admin, 'ru', 'staff.list.title')
    expect(list.text).toContain('Иван Сидоров')
    admin.press(`st:r:${membership?.id ?? 0}`)
    await says(admin, 'ru', 'staff.revoke.confirm')
    admin.press(`st:ry:${membership?.id ?? 0}`)
    await says(admin, 'ru', 'staff.revoke.done')
    await says(ivan, 'ru', 'staff.revoke.notice')
    const [revoked] = await membershipsOf(ivan.user.id)
    expect(revoked?.revoked_at).toBeInstanceOf(Date)
    expect(await chatMenu(ivan.user.id)).toEqual([])
    ivan.sendCommand('/mine')
    await says(ivan, 'ru', 'common.staff-only')
  })

  it('when a staff member made outside the bot sends /start, then their menu gets the staff commands and the greeting follows', async () => {
    const chatId = nextUserId++
    const userId = (await t.db.insertInto('users').values({ language: 'en' }).returning('id').executeTakeFirstOrThrow())
      .id
    await t.db
      .insertInto('channel_identities')
      .values({ user_id: userId, channel: 'telegram', external_id: String(chatId) })
      .execute()
    await t.db
      .insertInto('staff_memberships')
      .values({ user_id: userId, role: 'executor', organisation_id: await idOf(t.db, 'organisations', 'lida-water') })
      .execute()
    expect(await chatMenu(chatId)).toEqual([])
    const executor = telegram.user({ id: chatId, languageCode: 'en' })
    executor.sendCommand('/start')
    await says(executor, 'en', 'menu.title')
    expect((await chatMenu(chatId, 'en')).map((c) => c.command)).toEqual([...RESIDENT_COMMANDS, 'mine'])
  })

  it('when a district admin uses /invite with arguments for another district, then it is refused, and for their own it works', async () => {
    const adminChat = nextUserId++
    const userId = (await t.db.insertInto('users').values({ language: 'ru' }).returning('id').executeTakeFirstOrThrow())
      .id
    await t.db
      .insertInto('channel_identities')
      .values({ user_id: userId, channel: 'telegram', external_id: String(adminChat) })
      .execute()
    await t.db
      .insertInto('staff_memberships')
      .values({ user_id: userId, role: 'district_admin', district_id: await idOf(t.db, 'districts', 'lida') })
      .execute()
    const admin = telegram.user({ id: adminChat, languageCode: 'ru' })
    admin.sendCommand('/invite', 'dispatcher grodno-district-housing')
    await says(admin, 'ru', 'staff.invite.error.not-allowed')
    admin.sendCommand('/invite', 'dispatcher lida-housing')
    await says(admin, 'ru', 'staff.invite.created')
    admin.sendCommand('/invite', 'region_admin')
    await says(admin, 'ru', 'staff.invite.error.not-allowed')
  })

  it('when a district admin has more staff than one page holds, then /staff pages with ◀ ▶ and numbers run on', async () => {
    const adminChat = nextUserId++
    const adminUser = (
      await t.db.insertInto('users').values({ language: 'ru' }).returning('id').executeTakeFirstOrThrow()
    ).id
    await t.db
      .insertInto('channel_identities')
      .values({ user_id: adminUser, channel: 'telegram', external_id: String(adminChat) })
      .execute()
    await t.db
      .insertInto('staff_memberships')
      .values({ user_id: adminUser, role: 'district_admin', district_id: await idOf(t.db, 'districts', 'zelva') })
      .execute()
    const organisationId = await idOf(t.db, 'organisations', 'zelva-housing')
    for (let i = 1; i <= 45; i++) {
      const userId = (
        await t.db
          .insertInto('users')
          .values({ language: 'ru', display_name: `Исполнитель ${i}` })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      await t.db
        .insertInto('staff_memberships')
        .values({ user_id: userId, role: 'executor', organisation_id: organisationId })
        .execute()
    }
    const admin = telegram.user({ id: adminChat, languageCode: 'ru' })
    admin.sendCommand('/staff')
    const first = await says(admin, 'ru', 'staff.list.title')
    // 45 executors and the admin, 15 to a page.
    expect(first.text).toContain(plain('ru', 'staff.list.page', { page: 1, pages: 4 }))
    expect(first.text).toContain('15. ')
    expect(first.text).not.toContain('16. ')
    const pagingData = (m: Message) =>
      admin
        .inlineButtons(m)
        .map((b) => b.data ?? '')
        .filter((d) => d.startsWith('st:p:'))
    expect(pagingData(first)).toEqual(['st:p:1'])

    admin.press('st:p:1')
    const second = await admin.waitForMessage((m) =>
      (m.text ?? '').includes(plain('ru', 'staff.list.page', { page: 2, pages: 4 })),
    )
    expect(second.text).toContain('16. ')
    expect(second.text).toContain('30. ')
    expect(second.text).not.toContain('31. ')
    expect(pagingData(second)).toEqual(['st:p:0', 'st:p:2'])
    // The revoke buttons carry the running numbers of this page.
    const revokeNumbers = admin
      .inlineButtons(second)
      .filter((b) => b.data?.startsWith('st:r:'))
      .map((b) => Number(/(\d+)\./.exec(b.text)?.[1]))
    expect(revokeNumbers.length).toBeGreaterThanOrEqual(14)
    expect(revokeNumbers.every((n) => n >= 16 && n <= 30)).toBe(true)
  })
})
