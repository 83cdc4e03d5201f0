import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import type { RunningService } from './support/service.js'
import { afternoonZone, startService } from './support/service.js'
import { opening } from './support/texts.js'
import type { TelegramPerson } from './support/telegram-report.js'
import { reachDescription, says, sendWithoutExtras } from './support/telegram-report.js'
import { makeChangeRequestStatus } from '../../src/core/requests/change-status.js'
import { createRequestStore } from '../../src/db/repositories/request-store.js'
import { loadActor } from '../../src/db/repositories/users.js'
import { createTransact } from '../../src/db/transact.js'
import { aPhoto, aStaffMember } from '../support/fixtures.js'

// One Redis namespace for this file's service, kept when it restarts.
const PREFIX = `e2e${Math.random().toString(36).slice(2, 10)}`
const ZONE = afternoonZone()

type Resident = TelegramPerson

// Distinct ids per run: several test files share one Redis.
let nextUserId = 700_000_000 + Math.floor(Math.random() * 1_000_000) * 10

describe('a resident reports a problem in Telegram (real HTTP to a fake Bot API, real PostgreSQL and Redis)', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService

  const resident = (languageCode = 'ru'): Resident =>
    telegram.user({ id: nextUserId++, firstName: 'Житель', languageCode })

  const requestsOf = async (telegramUserId: number) =>
    t.db
      .selectFrom('requests as r')
      .innerJoin('channel_identities as ci', 'ci.user_id', 'r.author_user_id')
      .selectAll('r')
      .where('ci.channel', '=', 'telegram')
      .where('ci.external_id', '=', String(telegramUserId))
      .execute()

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

  it('when a Russian-speaking resident completes a report with two photos and a phone, then a routed request is stored', async () => {
    const anna = resident('ru')
    await reachDescription(anna, 'ru', { top: 'heating', leaf: 'heating.no-heat' })
    anna.sendText('Батареи холодные третий день, в квартире +14')
    await says(anna, 'ru', 'report.ask-photos')
    anna.sendPhoto({ width: 1280, height: 960, fileSize: 200_000 })
    await says(anna, 'ru', 'report.photo-received')
    anna.sendPhoto({ width: 1280, height: 960, fileSize: 180_000 })
    await says(anna, 'ru', 'report.photo-received')
    anna.press('done')
    await says(anna, 'ru', 'report.ask-phone-offer')
    anna.press('share')
    await says(anna, 'ru', 'report.consent')
    anna.press('agree')
    await says(anna, 'ru', 'common.contact-hint')
    expect(anna.replyKeyboard()?.buttons[0]?.requestContact).toBe(true)
    anna.sendContact({ phoneNumber: '375291234567', own: true })
    const summary = await says(anna, 'ru', 'report.summary.title')
    expect(summary.text).toContain('Батареи холодные третий день')
    anna.press('send')
    const sent = await says(anna, 'ru', 'report.sent')
    const number = /GR-\d{2}-\d{6}/.exec(sent.text ?? '')?.[0]
    expect(number).toBeDefined()

    const [request] = await requestsOf(anna.user.id)
    expect(request).toMatchObject({ number, status: 'new', source: 'telegram', contact_phone: '+375291234567' })
    expect(request?.address_text).toBe('Лида, ул. Советская, 5, кв. 17')
    expect(request?.routing).toMatchObject({ kind: 'routed' })
    const photos = await t.db
      .selectFrom('request_photos')
      .select(['kind', 'telegram_file_id'])
      .where('request_id', '=', request?.id ?? 0)
      .execute()
    expect(photos).toHaveLength(2)
    expect(photos.every((p) => p.kind === 'before' && p.telegram_file_id !== null)).toBe(true)
    const organisation = await t.db
      .selectFrom('organisations')
      .select('code')
      .where('id', '=', request?.primary_organisation_id ?? 0)
      .executeTakeFirst()
    expect(organisation?.code).toBe('lida-housing')
  })

  it('when an English-speaking resident shares a location, then the nearest district is offered and the point is stored', async () => {
    const john = resident('en')
    john.sendCommand('/start')
    await says(john, 'en', 'menu.welcome')
    await says(john, 'en', 'menu.title')
    john.press('menu:report')
    await says(john, 'en', 'report.ask-category')
    john.press('top:water')
    await says(john, 'en', 'report.ask-subcategory')
    john.press('cat:water.no-cold')
    await says(john, 'en', 'report.ask-district')
    await says(john, 'en', 'common.location-hint')
    expect(john.replyKeyboard()?.buttons[0]?.requestLocation).toBe(true)
    john.sendLocation(53.8885, 25.2846) // Lida
    const confirm = await says(john, 'en', 'report.confirm-district')
    expect(confirm.text).toContain('Lida')
    john.press('yes')
    await says(john, 'en', 'report.ask-settlement')
    john.press('stl:lida.lida')
    await says(john, 'en', 'report.ask-street')
    john.sendText('Mickiewicza street')
    await says(john, 'en', 'report.ask-house')
    john.sendText('12A')
    await says(john, 'en', 'report.ask-flat')
    john.press('skip')
    await says(john, 'en', 'report.confirm-address')
    john.press('yes')
    await says(john, 'en', 'report.ask-description')
    john.sendText('No cold water in the whole building since morning')
    await sendWithoutExtras(john, 'en')
    const [request] = await requestsOf(john.user.id)
    expect(request).toMatchObject({ location_lat: 53.8885, location_lon: 25.2846, contact_phone: null })
  })

  it('when the same problem is already open at the address, then the resident can follow it instead of filing again', async () => {
    const first = resident('ru')
    await reachDescription(first, 'ru', { top: 'lift', leaf: 'lift.not-working' }, { street: 'ул. Ленина' })
    first.sendText('Лифт не работает с утра, застревает между этажами')
    await sendWithoutExtras(first, 'ru')
    const [original] = await requestsOf(first.user.id)

    const second = resident('ru')
    await reachDescription(second, 'ru', { top: 'lift', leaf: 'lift.not-working' }, { street: 'Ленина' })
    second.sendText('В нашем подъезде опять стоит лифт')
    await says(second, 'ru', 'report.ask-photos')
    second.press('skip')
    await says(second, 'ru', 'report.ask-phone-offer')
    second.press('skip')
    await says(second, 'ru', 'report.summary.title')
    second.press('send')
    const offer = await says(second, 'ru', 'report.duplicate-found')
    expect(offer.text).toContain(original?.number ?? 'missing')
    second.press(`follow:${original?.id ?? 0}`)
    await says(second, 'ru', 'report.followed')
    expect(await requestsOf(second.user.id)).toEqual([])
    const followers = await t.db
      .selectFrom('request_followers')
      .select('request_id')
      .where('request_id', '=', original?.id ?? 0)
      .execute()
    expect(followers).toHaveLength(1)
  })

  it('when gas is smelled, then the resident is told to call 104 at once and nothing is registered', async () => {
    const olga = resident('ru')
    olga.sendCommand('/start')
    await says(olga, 'ru', 'menu.title')
    olga.press('menu:report')
    await says(olga, 'ru', 'report.ask-category')
    olga.press('top:gas')
    await says(olga, 'ru', 'report.ask-subcategory')
    olga.press('cat:gas.smell')
    const stop = await says(olga, 'ru', 'report.hard-stop')
    expect(stop.text).toContain('104')
    expect(await requestsOf(olga.user.id)).toEqual([])
  })

  it('when "send" is pressed twice and Telegram redelivers an update, then exactly one request exists', async () => {
    const ivan = resident('ru')
    await reachDescription(ivan, 'ru', { top: 'building', leaf: 'building.door-intercom' }, { street: 'ул. Замковая' })
    ivan.sendText('Домофон не открывает дверь подъезда')
    await says(ivan, 'ru', 'report.ask-photos')
    ivan.press('skip')
    await says(ivan, 'ru', 'report.ask-phone-offer')
    ivan.press('skip')
    const summary = await says(ivan, 'ru', 'report.summary.title')
    const firstTap = ivan.pressData('send', summary.message_id)
    ivan.pressData('send', summary.message_id)
    ivan.deliverDuplicate(firstTap)
    await says(ivan, 'ru', 'report.sent')
    await telegram.waitForIdle(5000)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await requestsOf(ivan.user.id)).toHaveLength(1)
  })

  it('when a step gets a sticker, a voice message or a forged button, then it says what it expects and asks again', async () => {
    const petr = resident('ru')
    petr.sendCommand('/start')
    await says(petr, 'ru', 'menu.title')
    petr.press('menu:report')
    await says(petr, 'ru', 'report.ask-category')
    petr.press('top:roads')
    await says(petr, 'ru', 'report.ask-subcategory')
    petr.press('cat:roads.pothole')
    await says(petr, 'ru', 'report.ask-district')
    petr.press('dist:grodno-city')
    await says(petr, 'ru', 'report.ask-street')
    petr.sendSticker()
    await says(petr, 'ru', 'common.unexpected.sticker')
    await says(petr, 'ru', 'report.ask-street')
    petr.sendVoice()
    await says(petr, 'ru', 'common.unexpected.voice')
    petr.pressData('dist:lida')
    await says(petr, 'ru', 'common.stale-button')
    petr.sendText('<b>Горького</b>')
    await says(petr, 'ru', 'report.bad-street')
    petr.sendText('Горького')
    await says(petr, 'ru', 'report.ask-house')
    petr.sendText('дом без номера')
    await says(petr, 'ru', 'report.bad-house')
    petr.sendText('7')
    await says(petr, 'ru', 'report.ask-flat')
    petr.press('skip')
    await says(petr, 'ru', 'report.confirm-address')
    petr.press('yes')
    await says(petr, 'ru', 'report.ask-description')
    petr.sendText('Яма')
    await says(petr, 'ru', 'report.description-too-short')
    petr.sendText('Глубокая <b>яма</b> & лужа у остановки')
    await says(petr, 'ru', 'report.ask-photos-required')
    petr.sendText('фото потом')
    await says(petr, 'ru', 'report.expected-photo')
    petr.sendDocument({ fileName: 'report.pdf', mimeType: 'application/pdf', fileSize: 10_000 })
    await says(petr, 'ru', 'common.unexpected.document')
    petr.sendDocument({ fileName: 'huge.jpg', mimeType: 'image/jpeg', fileSize: 12 * 1024 * 1024 })
    await says(petr, 'ru', 'report.photo-too-large')
    petr.sendPhoto({ width: 800, height: 600, fileSize: 90_000 })
    await says(petr, 'ru', 'report.photo-received')
    petr.press('done')
    await says(petr, 'ru', 'report.ask-phone-offer')
    petr.press('skip')
    const summary = await says(petr, 'ru', 'report.summary.title')
    // The resident's own text comes back as text, never as markup.
    expect(summary.text).toContain('Глубокая <b>яма</b> & лужа у остановки')
    expect(summary.entities?.filter((e) => e.type === 'bold')).toHaveLength(1)
    petr.sendCommand('/cancel')
    await says(petr, 'ru', 'common.cancelled')
    expect(await requestsOf(petr.user.id)).toEqual([])
  })

  it('when the bot restarts in the middle of a dialogue, then the draft survives and the report completes', async () => {
    const maria = resident('be')
    await reachDescription(maria, 'be', { top: 'yard', leaf: 'yard.playground' }, { street: 'вул. Савецкая' })
    await service.stop()
    service = await startService({ telegram, redisPrefix: PREFIX, databaseUrl: t.url, timeZone: ZONE })
    maria.sendText('На дзіцячай пляцоўцы зламаная арэлі')
    await sendWithoutExtras(maria, 'be')
    const [request] = await requestsOf(maria.user.id)
    expect(request?.address_text).toBe('Лида, вул. Савецкая, 5, кв. 17')
  })

  it('when the resident looks at "my requests" and checks a number, then the card shows status, history and organisation', async () => {
    const nina = resident('ru')
    await reachDescription(nina, 'ru', { top: 'waste', leaf: 'waste.container-full' }, { street: 'ул. Кирова' })
    nina.sendText('Контейнеры переполнены, мусор вокруг площадки')
    const sent = await sendWithoutExtras(nina, 'ru')
    const number = /GR-\d{2}-\d{6}/.exec(sent.text ?? '')?.[0] ?? ''
    nina.sendCommand('/my')
    await says(nina, 'ru', 'my.title')
    nina.press(`req:${(await requestsOf(nina.user.id))[0]?.id ?? 0}`)
    const card = await nina.waitForMessage((m) => (m.text ?? '').includes(`№ ${number}`), 10_000)
    expect(card.text).toContain('Контейнеры переполнены')
    nina.sendCommand('/status', number.toLowerCase().replace(/-/g, ' '))
    await nina.waitForMessage((m) => (m.text ?? '').includes(`№ ${number}`), 10_000)
    nina.sendCommand('/status', 'GR-26-999999')
    await says(nina, 'ru', 'status.not-found')
  })

  it('when the work is done, then the resident hears of each step, is asked to rate, and "not solved" reopens the request', async () => {
    const vera = resident('ru')
    await reachDescription(
      vera,
      'ru',
      { top: 'building', leaf: 'building.stairwell-windows' },
      { street: 'ул. Победы' },
    )
    vera.sendText('Разбито окно на лестнице между 3 и 4 этажом')
    await sendWithoutExtras(vera, 'ru')
    const [request] = await requestsOf(vera.user.id)
    if (!request) throw new Error('the report made a request')
    const dispatcher = await loadActor(t.db, await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' }))
    const change = makeChangeRequestStatus({
      transact: createTransact(t.db, createRequestStore),
      now: () => new Date(),
    })
    await change({ actor: dispatcher, requestId: request.id, action: 'accept' })
    await says(vera, 'ru', 'update.accepted')
    await change({
      actor: dispatcher,
      requestId: request.id,
      action: 'finish',
      afterPhotos: [aPhoto('after')],
      comment: 'Стекло заменено',
    })
    await vera.waitForMessage((m) => (m.caption ?? m.text ?? '').includes(opening('ru', 'update.done')), 15_000)
    // Three hours later: the rating question is due (the sweep finds it, as after a restart).
    await t.db
      .updateTable('requests')
      .set({ done_at: new Date(Date.now() - 3 * 3_600_000) })
      .where('id', '=', request.id)
      .execute()
    await says(vera, 'ru', 'rating.ask')
    vera.press(`rate:${request.id}:0`)
    await says(vera, 'ru', 'rating.reopened')
    const row = await t.db
      .selectFrom('requests')
      .select('status')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('reopened')
    vera.pressData(`rate:${request.id}:5`)
    await says(vera, 'ru', 'rating.already')
  })

  it('when a document says it is a JPEG, then its bytes decide: a PDF in disguise is refused, a real picture is taken', async () => {
    const r = telegram.user({ id: nextUserId++, firstName: 'Doc', languageCode: 'ru' })
    await reachDescription(r, 'ru', { top: 'heating', leaf: 'heating.no-heat' })
    r.sendText('Холодные батареи во всей квартире')
    await says(r, 'ru', 'report.ask-photos')
    r.sendDocument({ fileName: 'photo.jpg', mimeType: 'image/jpeg', bytes: Buffer.from('%PDF-1.7\n1 0 obj\n') })
    await says(r, 'ru', 'report.photo-not-image')
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
    r.sendDocument({ fileName: 'photo.jpg', mimeType: 'image/jpeg', bytes: png })
    await says(r, 'ru', 'report.photo-received')
  })
})
