import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import type { FakeViber } from '../support/fake-viber/server.js'
import type { TestDatabase } from '../support/test-database.js'
import { opening } from './support/texts.js'
import { startViberSetup } from './support/viber-service.js'
import type { ViberSetup } from './support/viber-service.js'

/** One resident, whatever the messenger: what they do and what they read, in the channel's own terms. */
interface ResidentChannel {
  channel: 'telegram' | 'viber'
  externalId: string
  /** Opens the chat and reaches the main menu. */
  begin: () => Promise<void>
  press: (value: string) => Promise<void>
  write: (text: string) => Promise<void>
  photo: (bytes: Buffer) => Promise<void>
  sharePhone: (phone: string) => Promise<void>
  /** Waits for the message with this text and returns what it reads. */
  says: (key: string) => Promise<string>
  /** Whether the channel now offers a one-tap "share my phone". */
  offersPhoneButton: () => Promise<boolean>
}

const DESCRIPTION = 'Батареи холодные третий день, в квартире +14'
const jpeg = (label: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(label)])
let nextTelegramId = 710_000_000 + Math.floor(Math.random() * 1_000_000) * 10

/** The scripted report both channels must turn into the same request. */
async function reportNoHeating(r: ResidentChannel, photos: Buffer[]): Promise<string> {
  await r.begin()
  await r.press('menu:report')
  await r.says('report.ask-category')
  await r.press('top:heating')
  await r.says('report.ask-subcategory')
  await r.press('cat:heating.no-heat')
  await r.says('report.ask-district')
  await r.press('dist:lida')
  await r.says('report.ask-settlement')
  await r.press('stl:lida.lida')
  await r.says('report.ask-street')
  await r.write('ул. Советская')
  await r.says('report.ask-house')
  await r.write('5')
  await r.says('report.ask-flat')
  await r.write('кв. 17')
  await r.says('report.confirm-address')
  await r.press('yes')
  await r.says('report.ask-description')
  await r.write(DESCRIPTION)
  await r.says('report.ask-photos')
  for (const bytes of photos) {
    await r.photo(bytes)
    await r.says('report.photo-received')
  }
  await r.press('done')
  await r.says('report.ask-phone-offer')
  await r.press('share')
  await r.says('report.consent')
  await r.press('agree')
  await r.says('report.ask-phone')
  expect(await r.offersPhoneButton()).toBe(true)
  await r.sharePhone('375291234567')
  expect(await r.says('report.summary.title')).toContain(DESCRIPTION)
  await r.press('send')
  const sent = await r.says('report.sent')
  const number = /GR-\d{2}-\d{6}/.exec(sent)?.[0]
  if (number === undefined) throw new Error(`no request number in "${sent}"`)
  return number
}

describe('one scripted report through Telegram and through Viber makes the same request (real HTTP to both fakes)', () => {
  let telegram: FakeTelegram
  let viber: FakeViber
  let t: TestDatabase

  const telegramResident = (): ResidentChannel => {
    const r = telegram.user({ id: nextTelegramId++, firstName: 'Житель', languageCode: 'ru' })
    return {
      channel: 'telegram',
      externalId: String(r.user.id),
      begin: async () => {
        r.sendCommand('/start')
        await r.waitForMessage((m) => (m.text ?? '').includes(opening('ru', 'menu.title')))
      },
      press: (value) => Promise.resolve(void r.press(value)),
      write: (text) => Promise.resolve(void r.sendText(text)),
      photo: (bytes) => Promise.resolve(void r.sendPhoto({ bytes, width: 1280, height: 960 })),
      sharePhone: (phone) => Promise.resolve(void r.sendContact({ phoneNumber: phone, own: true })),
      says: async (key) =>
        (await r.waitForMessage((m) => (m.text ?? '').includes(opening('ru', key)), 10_000)).text ?? '',
      offersPhoneButton: async () => {
        // Telegram's contact button comes in a short message of its own, after the question.
        await r.waitForMessage((m) => (m.text ?? '').includes(opening('ru', 'common.contact-hint')))
        return r.replyKeyboard()?.buttons[0]?.requestContact === true
      },
    }
  }

  const viberResident = (): ResidentChannel => {
    const u = viber.user({ name: 'Житель', language: 'ru' })
    return {
      channel: 'viber',
      externalId: u.id,
      begin: async () => {
        const { welcome } = await u.open()
        // Before the person writes, the welcome can only be the callback's answer.
        expect(welcome?.text).toContain(opening('ru', 'menu.title'))
        expect(viber.calls.filter((c) => c.body.receiver === u.id)).toEqual([])
      },
      press: async (value) => {
        await u.press(value)
      },
      write: async (text) => {
        await u.sendText(text)
      },
      photo: async (bytes) => {
        await u.sendPicture({ bytes })
      },
      sharePhone: async (phone) => {
        await u.sendContact(phone)
      },
      says: async (key) => (await u.waitForMessage((m) => (m.text ?? '').includes(opening('ru', key)))).text ?? '',
      offersPhoneButton: () => Promise.resolve(u.keyboard().some((b) => b.ActionType === 'share-phone')),
    }
  }

  const requestOf = async (r: ResidentChannel) => {
    const request = await t.db
      .selectFrom('requests as r')
      .innerJoin('channel_identities as ci', 'ci.user_id', 'r.author_user_id')
      .selectAll('r')
      .where('ci.channel', '=', r.channel)
      .where('ci.external_id', '=', r.externalId)
      .executeTakeFirstOrThrow()
    const photos = await t.db
      .selectFrom('request_photos')
      .select(['kind', 'content', 'telegram_file_id', 'mime_type'])
      .where('request_id', '=', request.id)
      .orderBy('id')
      .execute()
    return { request, photos }
  }

  let setup: ViberSetup
  beforeAll(async () => {
    setup = await startViberSetup()
    ;({ telegram, viber, t } = setup)
  })
  afterAll(async () => {
    await setup.stop()
  })

  it('when the same resident script runs in both channels, then category, address, description, phone, photos and routing are the same', async () => {
    const viaTelegram = telegramResident()
    const viaViber = viberResident()
    const pictures = [jpeg('first radiator'), jpeg('second radiator')]
    await reportNoHeating(viaTelegram, [jpeg('tg one'), jpeg('tg two')])
    const a = await requestOf(viaTelegram)
    // Closed, so the second report of the same address is not offered as a duplicate of the first.
    await t.db.updateTable('requests').set({ status: 'closed' }).where('id', '=', a.request.id).execute()
    await reportNoHeating(viaViber, pictures)
    const b = await requestOf(viaViber)
    const essentials = (x: typeof a) => ({
      category: x.request.category_id,
      district: x.request.district_id,
      settlement: x.request.settlement_id,
      address: x.request.address_text,
      description: x.request.description,
      phone: x.request.contact_phone,
      status: x.request.status,
      routing: x.request.routing,
      organisation: x.request.primary_organisation_id,
      photos: x.photos.map((p) => p.kind),
    })
    expect(essentials(b)).toEqual(essentials(a))
    expect(essentials(a)).toMatchObject({
      address: 'Лида, ул. Советская, 5, кв. 17',
      description: DESCRIPTION,
      phone: '+375291234567',
      photos: ['before', 'before'],
    })
    expect([a.request.source, b.request.source]).toEqual(['telegram', 'viber'])
    // Viber's links expire: its pictures were fetched at once and are kept as bytes.
    expect(b.photos.map((p) => p.content && Buffer.from(p.content))).toEqual(pictures)
    expect(a.photos.every((p) => p.telegram_file_id !== null && p.content === null)).toBe(true)
    // Once they belong to the request, the uploads are not kept twice.
    expect(await t.db.selectFrom('photo_uploads').select('id').execute()).toEqual([])
  })
})
