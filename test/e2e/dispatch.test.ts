import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from 'grammy/types'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import type { RunningService } from './support/service.js'
import { afternoonZone, startService } from './support/service.js'
import { opening, plain } from './support/texts.js'
import type { StaffRole } from '../../src/core/access/permissions.js'
import { makeSubmitRequest } from '../../src/core/requests/submit-request.js'
import { createRequestStore } from '../../src/db/repositories/request-store.js'
import { ensureChannelUser } from '../../src/db/repositories/users.js'
import { createTransact } from '../../src/db/transact.js'
import { aDraft, idOf } from '../support/fixtures.js'
import { fileColdRadiator } from './support/telegram-report.js'

const ZONE = afternoonZone()
type Person = ReturnType<FakeTelegram['user']>

let nextUserId = 710_000_000 + Math.floor(Math.random() * 1_000_000) * 10

const has = (key: string) => (m: Message) => (m.text ?? m.caption ?? '').includes(opening('ru', key))
const says = (p: Person, key: string): Promise<Message> => p.waitForMessage(has(key), 10_000)
const mentions = (p: Person, number: string): Promise<Message> =>
  p.waitForMessage((m) => (m.text ?? m.caption ?? '').includes(number), 10_000)
const buttonData = (p: Person, m: Message): string[] => p.inlineButtons(m).flatMap((b) => (b.data ? [b.data] : []))

describe('the dispatcher works requests in Telegram (fake Bot API, real PostgreSQL and Redis)', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService

  const person = (): Person => telegram.user({ id: nextUserId++, firstName: 'Person', languageCode: 'ru' })

  /** A Telegram user holding a staff role in an organisation. */
  async function staff(role: StaffRole, organisation: string): Promise<Person> {
    const p = person()
    const userId = await ensureChannelUser(t.db, { channel: 'telegram', externalId: String(p.user.id) })
    await t.db
      .insertInto('staff_memberships')
      .values({ user_id: userId, role, organisation_id: await idOf(t.db, 'organisations', organisation) })
      .execute()
    return p
  }

  /** A resident files a cold-radiator request in Lida through the dialogue; returns its number. */
  async function fileRequest(r: Person): Promise<string> {
    return fileColdRadiator(r, 'ru', 'Батареи холодные третий день', {
      house: String(10 + (nextUserId % 80)),
      flat: 'кв. 3',
    })
  }

  const requestByNumber = (number: string) =>
    t.db.selectFrom('requests').selectAll().where('number', '=', number).executeTakeFirstOrThrow()

  beforeAll(async () => {
    telegram = await startFakeTelegram()
    t = await createTestDatabase()
    service = await startService({ telegram, databaseUrl: t.url, timeZone: ZONE })
  })
  afterAll(async () => {
    await service.stop()
    await telegram.close()
    await t.drop()
  })

  it('when a resident files a request, then the card with buttons reaches the dispatcher; accept tells the resident; ask → answer comes back', async () => {
    const dispatcher = await staff('dispatcher', 'lida-housing')
    const resident = person()
    const number = await fileRequest(resident)
    const request = await requestByNumber(number)

    const card = await mentions(dispatcher, number)
    expect(card.text).toContain(opening('ru', 'staff.card.title'))
    expect(buttonData(dispatcher, card)).toEqual(
      expect.arrayContaining([`rq:accept:${request.id}`, `rq:ask:${request.id}`, `rq:reject:${request.id}`]),
    )
    expect(buttonData(dispatcher, card)).not.toContain(`rq:assign:${request.id}`)

    dispatcher.press(`rq:accept:${request.id}`)
    const done = await says(dispatcher, 'dispatch.done.accept')
    expect(buttonData(dispatcher, done)).toContain(`rq:assign:${request.id}`)
    await says(resident, 'update.accepted')
    expect((await requestByNumber(number)).status).toBe('accepted')

    dispatcher.press(`rq:ask:${request.id}`)
    await says(dispatcher, 'dispatch.prompt.ask')
    dispatcher.sendText('В каком подъезде холодно?')
    await says(dispatcher, 'dispatch.done.ask')
    const question = await resident.waitForMessage((m) => (m.text ?? '').includes('В каком подъезде холодно?'), 10_000)
    expect(buttonData(resident, question)).toEqual([`rq:reply:${request.id}`])

    resident.press(`rq:reply:${request.id}`)
    await says(resident, 'dispatch.prompt.reply')
    resident.sendText('Во втором подъезде, с пятого этажа')
    await says(resident, 'dispatch.done.reply')
    const answer = await dispatcher.waitForMessage(
      (m) => (m.text ?? '').includes('Во втором подъезде, с пятого этажа'),
      10_000,
    )
    expect(answer.text).toContain(number)
    expect((await requestByNumber(number)).status).toBe('accepted')
    const messages = await t.db
      .selectFrom('request_messages')
      .select(['kind', 'body'])
      .where('request_id', '=', request.id)
      .orderBy('id')
      .execute()
    expect(messages.map((m) => m.kind)).toEqual(['question', 'answer'])
  })

  it('when the resident presses "Answer" and then goes elsewhere, then a later message is not taken for the answer', async () => {
    const dispatcher = await staff('dispatcher', 'lida-housing')
    const resident = person()
    const number = await fileRequest(resident)
    const request = await requestByNumber(number)
    await mentions(dispatcher, number)
    dispatcher.press(`rq:ask:${request.id}`)
    await says(dispatcher, 'dispatch.prompt.ask')
    dispatcher.sendText('Какой этаж?')
    await says(dispatcher, 'dispatch.done.ask')
    await resident.waitForMessage((m) => (m.text ?? '').includes('Какой этаж?'), 10_000)

    resident.sendCommand('/start')
    await says(resident, 'menu.title')
    resident.press(`rq:reply:${request.id}`)
    await says(resident, 'dispatch.prompt.reply')
    // A button of the menu instead of the answer: the resident moved on.
    resident.press('menu:report')
    await says(resident, 'report.ask-category')
    resident.sendText('Пятый этаж')
    // The report's category question answers it (taken as the answer, it would say "thank you").
    const next = await resident.waitForMessage(
      (m) => has('common.use-buttons')(m) || has('dispatch.done.reply')(m),
      10_000,
    )
    expect(next.text).toContain(opening('ru', 'common.use-buttons'))
    expect((await requestByNumber(number)).status).toBe('needs_info')
    const answers = await t.db
      .selectFrom('request_messages')
      .select('body')
      .where('request_id', '=', request.id)
      .where('kind', '=', 'answer')
      .execute()
    expect(answers).toEqual([])
  })

  it('when the dispatcher assigns an executor and sends an official answer, then the executor and the resident are told', async () => {
    const dispatcher = await staff('dispatcher', 'lida-housing')
    const executor = await staff('executor', 'lida-housing')
    const resident = person()
    const number = await fileRequest(resident)
    const request = await requestByNumber(number)
    await mentions(dispatcher, number)
    dispatcher.press(`rq:accept:${request.id}`)
    await says(dispatcher, 'dispatch.done.accept')

    dispatcher.press(`rq:assign:${request.id}`)
    await says(dispatcher, 'dispatch.assign.choose')
    const executorUserId = await ensureChannelUser(t.db, { channel: 'telegram', externalId: String(executor.user.id) })
    dispatcher.press(`rq:as:${request.id}:${executorUserId}`)
    await says(dispatcher, 'dispatch.done.assign')
    const assigned = await says(executor, 'dispatch.assigned.title')
    expect(assigned.text).toContain(number)
    expect((await requestByNumber(number)).executor_user_id).toBe(executorUserId)

    dispatcher.press(`rq:answer:${request.id}`)
    await says(dispatcher, 'dispatch.prompt.answer')
    dispatcher.sendText('Отопление будет восстановлено до 18:00')
    await says(dispatcher, 'dispatch.done.answer')
    const official = await says(resident, 'dispatch.official-answer.resident')
    expect(official.text).toContain('Отопление будет восстановлено до 18:00')
  })

  it('when the dispatcher rejects with a reason from the list, then the resident reads the reason and the words', async () => {
    const dispatcher = await staff('dispatcher', 'lida-housing')
    const resident = person()
    const number = await fileRequest(resident)
    const request = await requestByNumber(number)
    await mentions(dispatcher, number)

    dispatcher.press(`rq:reject:${request.id}`)
    await says(dispatcher, 'dispatch.reject.choose')
    dispatcher.press(`rq:rj:${request.id}:duplicate`)
    await says(dispatcher, 'dispatch.prompt.reject')
    dispatcher.sendText('Повтор заявки GR-26-000001')
    await says(dispatcher, 'dispatch.done.reject')
    const told = await says(resident, 'dispatch.reject-reason.duplicate')
    expect(told.text).toContain('Повтор заявки GR-26-000001')
    expect(await requestByNumber(number)).toMatchObject({
      status: 'rejected',
      rejection_code: 'duplicate',
      rejection_reason: 'Повтор заявки GR-26-000001',
    })
  })

  it('when a dispatcher of another district asks for the request or presses its button, then they learn nothing and nothing changes', async () => {
    const own = await staff('dispatcher', 'lida-housing')
    const stranger = await staff('dispatcher', 'grodno-city-housing')
    const number = await fileRequest(person())
    const request = await requestByNumber(number)
    await mentions(own, number)

    stranger.sendText(`/req ${number}`)
    const refused = await stranger.waitForReply(10_000)
    expect(refused.text).toContain(opening('ru', 'dispatch.req.not-found'))
    expect(refused.text).not.toContain(number)

    stranger.pressData(`rq:accept:${request.id}`)
    const notFound = await says(stranger, 'dispatch.error.not-found')
    expect(notFound.text).not.toContain(number)
    // Nor are they asked to type a question or pick a reason for it.
    for (const action of ['ask', 'reject', 'assign', 'reroute']) {
      stranger.pressData(`rq:${action}:${request.id}`)
      expect((await stranger.waitForReply(10_000)).text).toBe(plain('ru', 'dispatch.error.not-found'))
    }
    expect((await requestByNumber(number)).status).toBe('new')

    own.sendText(`/req ${number.toLowerCase()}`)
    const details = await mentions(own, number)
    expect(details.text).toContain(opening('ru', 'dispatch.history.title'))
    expect(buttonData(own, details)).toContain(`rq:accept:${request.id}`)
  })

  it('when an operator registers a phone call, then a numbered request routed to its organisation is made for the caller', async () => {
    const operator = await staff('dispatcher', 'region-contact-centre')
    operator.sendText('/call')
    await says(operator, 'dispatch.call.ask-phone')
    operator.sendText('8 029 555-12-34')
    await says(operator, 'dispatch.call.ask-name')
    operator.sendText('Иван Петрович')
    await says(operator, 'dispatch.call.ask-category')
    operator.press(`rq:ct:${await idOf(t.db, 'categories', 'heating')}`)
    await says(operator, 'dispatch.call.ask-subcategory')
    // A stale button of the step before is not taken for a problem.
    operator.pressData(`rq:ct:${await idOf(t.db, 'categories', 'heating')}`)
    await says(operator, 'dispatch.call.use-buttons')
    operator.press(`rq:cc:${await idOf(t.db, 'categories', 'heating.no-heat')}`)
    await says(operator, 'dispatch.call.ask-district')
    operator.press(`rq:cd:${await idOf(t.db, 'districts', 'lida')}`)
    await says(operator, 'dispatch.call.ask-address')
    operator.sendText('Лида, ул. Мицкевича, 7, кв. 12')
    await says(operator, 'dispatch.call.ask-description')
    // Invisible characters are refused at the step, in the resident dialogue's words, not at the end.
    operator.sendText('\u200B\u200F'.repeat(10))
    await says(operator, 'report.description-too-short')
    operator.sendText('Нет отопления во всей квартире')
    const registered = await says(operator, 'dispatch.call.registered')
    const number = /GR-\d{2}-\d{6}/.exec(registered.text ?? '')?.[0] ?? ''
    expect(number).not.toBe('')

    const request = await requestByNumber(number)
    expect(request).toMatchObject({ source: 'phone', contact_phone: '+375295551234', status: 'new' })
    expect(request.primary_organisation_id).toBe(await idOf(t.db, 'organisations', 'lida-housing'))
    const caller = await t.db
      .selectFrom('channel_identities as ci')
      .innerJoin('users as u', 'u.id', 'ci.user_id')
      .select(['ci.user_id', 'u.display_name'])
      .where('ci.channel', '=', 'phone')
      .where('ci.external_id', '=', '+375295551234')
      .executeTakeFirstOrThrow()
    expect(caller).toMatchObject({ user_id: request.author_user_id, display_name: 'Иван Петрович' })
  })

  it('when a district dispatcher takes a call, then only their own district is offered and another one is not taken', async () => {
    const operator = await staff('dispatcher', 'lida-housing')
    operator.sendText('/call')
    await says(operator, 'dispatch.call.ask-phone')
    operator.sendText('8 029 555-12-35')
    await says(operator, 'dispatch.call.ask-name')
    operator.sendText('Мария')
    await says(operator, 'dispatch.call.ask-category')
    operator.press(`rq:ct:${await idOf(t.db, 'categories', 'heating')}`)
    await says(operator, 'dispatch.call.ask-subcategory')
    operator.press(`rq:cc:${await idOf(t.db, 'categories', 'heating.no-heat')}`)
    const districts = await says(operator, 'dispatch.call.ask-district')
    expect(buttonData(operator, districts)).toEqual([`rq:cd:${await idOf(t.db, 'districts', 'lida')}`])
    operator.pressData(`rq:cd:${await idOf(t.db, 'districts', 'slonim')}`)
    await says(operator, 'dispatch.call.use-buttons')
  })

  it('when a dispatcher links a group with /linkchat, then cards come to the group and a button pressed there acts as the presser', async () => {
    const group = { id: -1_000_000_000_000 - (nextUserId % 1_000_000), title: 'Лида ЖКХ — диспетчерская' }
    const first = await staff('dispatcher', 'lida-housing')
    const second = await staff('dispatcher', 'lida-housing')
    const outsider = person()
    const inGroup = (p: Person) =>
      telegram.groupMember(group, { id: p.user.id, firstName: 'Member', languageCode: 'ru' })

    inGroup(outsider).sendText('/linkchat')
    await inGroup(outsider).waitForMessage(has('common.staff-only'), 10_000)
    inGroup(first).sendText('/linkchat')
    await inGroup(first).waitForMessage(has('dispatch.linkchat.done'), 10_000)

    const number = await fileRequest(person())
    const request = await requestByNumber(number)
    const card = await inGroup(first).waitForMessage((m) => (m.text ?? m.caption ?? '').includes(number), 10_000)
    expect(buttonData(first, card)).toContain(`rq:accept:${request.id}`)

    // Someone in the group without a role learns nothing and changes nothing.
    inGroup(outsider).press(`rq:accept:${request.id}`)
    await inGroup(outsider).waitForMessage(has('dispatch.error.not-found'), 10_000)
    expect((await requestByNumber(number)).status).toBe('new')

    inGroup(second).press(`rq:accept:${request.id}`)
    await inGroup(second).waitForMessage(has('dispatch.done.accept'), 10_000)
    const secondUserId = await ensureChannelUser(t.db, { channel: 'telegram', externalId: String(second.user.id) })
    const accepted = await t.db
      .selectFrom('request_events')
      .select('actor_user_id')
      .where('request_id', '=', request.id)
      .where('to_status', '=', 'accepted')
      .executeTakeFirstOrThrow()
    expect(accepted.actor_user_id).toBe(secondUserId)

    // A card asked for in the group leaves out the resident's phone; in a private chat it is there.
    await t.db.updateTable('requests').set({ contact_phone: '+375291230077' }).where('id', '=', request.id).execute()
    inGroup(first).sendText(`/req ${number}`)
    const inGroupCard = await inGroup(first).waitForMessage(has('dispatch.history.title'), 10_000)
    expect(inGroupCard.text).toContain(number)
    expect(inGroupCard.text).not.toContain('+375291230077')
    first.sendText(`/req ${number}`)
    const privateCard = await first.waitForMessage(has('dispatch.history.title'), 10_000)
    expect(privateCard.text).toContain('+375291230077')

    // Two dispatchers in one group each start a wizard: neither ends the other's.
    inGroup(first).press(`rq:ask:${request.id}`)
    await inGroup(first).waitForMessage(has('dispatch.prompt.ask'), 10_000)
    inGroup(second).press(`rq:answer:${request.id}`)
    await inGroup(second).waitForMessage(has('dispatch.prompt.answer'), 10_000)
    inGroup(first).sendText('Какой номер подъезда?')
    await inGroup(first).waitForMessage(has('dispatch.done.ask'), 10_000)
    inGroup(second).sendText('Бригада приедет завтра до обеда.')
    await inGroup(second).waitForMessage(has('dispatch.done.answer'), 10_000)
  })

  it('when the dispatcher reroutes and plans through the buttons, then the request moves and the resident is told', async () => {
    const dispatcher = await staff('dispatcher', 'lida-housing')
    const waterDispatcher = await staff('dispatcher', 'lida-water')
    const resident = person()
    const number = await fileRequest(resident)
    const request = await requestByNumber(number)
    await mentions(dispatcher, number)

    dispatcher.press(`rq:reroute:${request.id}`)
    await says(dispatcher, 'dispatch.reroute.choose')
    const water = await idOf(t.db, 'organisations', 'lida-water')
    dispatcher.press(`rq:ro:${request.id}:${water}`)
    await says(dispatcher, 'dispatch.reroute.choose-category')
    const coldEntrance = await idOf(t.db, 'categories', 'heating.cold-entrance')
    dispatcher.press(`rq:rc:${request.id}:${water}:${coldEntrance}`)
    await says(dispatcher, 'dispatch.done.reroute')
    await says(resident, 'update.rerouted')
    const card = await mentions(waterDispatcher, number)
    expect(buttonData(waterDispatcher, card)).toContain(`rq:plan:${request.id}`)

    waterDispatcher.press(`rq:plan:${request.id}`)
    await says(waterDispatcher, 'dispatch.prompt.plan')
    waterDispatcher.sendText('II квартал 2027 года')
    await says(waterDispatcher, 'dispatch.done.plan')
    const planned = await says(resident, 'update.planned')
    expect(planned.text).toContain('II квартал 2027 года')
    expect(await requestByNumber(number)).toMatchObject({
      status: 'planned',
      planned_period: 'II квартал 2027 года',
      primary_organisation_id: water,
      category_id: coldEntrance,
    })
  })

  it('when the dispatcher opens /queue, then the filters and pages show their requests, emergencies first', async () => {
    const dispatcher = await staff('dispatcher', 'lida-water')
    const submit = makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: () => new Date() })
    const author = await ensureChannelUser(t.db, { channel: 'phone', externalId: `+37529${nextUserId % 10_000_000}` })
    const numbers: string[] = []
    // Six ordinary ones, then an emergency: it must still come first.
    for (const [i, code] of [...Array<string>(6).fill('water.no-cold'), 'water.burst-pipe'].entries()) {
      const result = await submit(
        await aDraft(t.db, author, {
          source: 'phone',
          categoryId: await idOf(t.db, 'categories', code),
          description: `Нет воды в подъезде номер ${i + 1}`,
        }),
      )
      if (!result.ok) throw new Error(result.error)
      numbers.push(result.request.number)
    }
    const [n0, n1, , n3, n4, n5, emergencyNumber] = numbers as [string, string, string, string, string, string, string]

    dispatcher.sendText('/queue new')
    const first = (await says(dispatcher, 'dispatch.queue.title')).text ?? ''
    expect(first.indexOf(emergencyNumber)).toBeGreaterThan(-1)
    expect(first.indexOf(emergencyNumber)).toBeLessThan(first.indexOf(n0))
    expect(first).toContain(n3)
    expect(first).not.toContain(n4)
    dispatcher.press('rq:q:new:1')
    const second = (await says(dispatcher, 'dispatch.queue.title')).text ?? ''
    expect(second).toContain(n4)
    expect(second).toContain(n5)
    expect(second).not.toContain(n0)

    dispatcher.press('rq:q:emergency:0')
    const emergency = (await says(dispatcher, 'dispatch.queue.title')).text ?? ''
    expect(emergency).toContain(emergencyNumber)
    expect(emergency).not.toContain(n1)

    dispatcher.sendText('/queue mine')
    expect((await says(dispatcher, 'dispatch.queue.title')).text).toContain(opening('ru', 'dispatch.queue.empty'))
  })
})
