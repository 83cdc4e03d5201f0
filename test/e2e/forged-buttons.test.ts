import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../../src/core/i18n/text.js'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import type { WebhookDelivery } from '../support/fake-telegram/types.js'
import { idOf } from '../support/fixtures.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import type { RunningService } from './support/service.js'
import { freePort, startService } from './support/service.js'
import { opening, plain } from './support/texts.js'

type Person = ReturnType<FakeTelegram['user']>

const PREFIX = `e2e${Math.random().toString(36).slice(2, 10)}`
const SECRET = 'forged-buttons-secret-for-e2e_0123'
let nextUserId = 820_000_000 + Math.floor(Math.random() * 1_000_000) * 10

describe('forged and outdated buttons in webhook mode (real HTTP to a fake Bot API, real PostgreSQL and Redis)', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService
  const regionAdminId = nextUserId++

  /** The webhook's answer to one update, once the service has answered it. */
  async function deliveryOf(updateId: number): Promise<WebhookDelivery> {
    for (;;) {
      const delivery = telegram.deliveries.find((d) => d.updateId === updateId)
      if (delivery) return delivery
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  /** The next new message with exactly this text (an edit of an older one does not count). */
  const newMessage = (person: Person, language: Language, key: string) => {
    const seen = Math.max(0, ...person.messages().map((m) => m.message_id))
    return person.waitForMessage((m) => m.message_id > seen && (m.text ?? '') === plain(language, key), 10_000)
  }

  const started = async (language: Language, id = nextUserId++): Promise<Person> => {
    const person = telegram.user({ id, firstName: 'Forger', languageCode: language })
    person.sendCommand('/start')
    await person.waitForMessage((m) => (m.text ?? '').includes(opening(language, 'menu.title')), 10_000)
    return person
  }

  beforeAll(async () => {
    telegram = await startFakeTelegram()
    t = await createTestDatabase()
    const port = await freePort()
    service = await startService({
      telegram,
      redisPrefix: PREFIX,
      databaseUrl: t.url,
      webhook: { port, secret: SECRET },
      adminTelegramIds: [regionAdminId],
    })
  })
  afterAll(async () => {
    await service.stop()
    await telegram.close()
    await t.drop()
  })

  it.each<[string, Language]>([
    ['nt:stop:99999999999', 'ru'],
    ['rate:99999999999:1', 'be'],
    ['rq:accept:99999999999', 'en'],
    ['ex:d:2147483648', 'ru'],
    ['st:ry:99999999999', 'ru'],
    ['nt:fix:-1', 'en'],
    ['2|rq:open:1', 'ru'],
  ])(
    'when a resident presses forged data %s, then the webhook answers 200 and they read "out of date" in %s',
    async (data, language) => {
      const resident = await started(language)
      const before = resident.messages().length
      const update = resident.pressData(data)
      const answer = await resident.waitForCallbackAnswer(10_000)
      expect(answer.text).toBe(plain(language, 'common.outdated-button'))
      const reply = await resident.waitForMessage(
        (m) => (m.text ?? '') === plain(language, 'common.outdated-button'),
        10_000,
      )
      expect(reply).toBeDefined()
      expect((await deliveryOf(update.update_id)).status).toBe(200)
      // Nothing else happens: the one polite reply is all.
      expect(resident.messages().length).toBe(before + 1)
    },
  )

  it('when a region admin presses a notice button with an id past PostgreSQL integer, then it is out of date, not a 500', async () => {
    const admin = await started('ru', regionAdminId)
    const reply = newMessage(admin, 'ru', 'common.outdated-button')
    const update = admin.pressData('nt:stop:99999999999')
    await reply
    expect((await deliveryOf(update.update_id)).status).toBe(200)
  })

  it('when a resident presses forged invite buttons, then no picker is shown, only a polite refusal', async () => {
    const resident = await started('ru')
    const lida = await idOf(t.db, 'districts', 'lida')
    const forged = ['st:i:dispatcher', 'st:i:dispatcher:d:0', `st:i:dispatcher:d:${lida}`, 'st:i:district_admin:d:0']
    for (const data of forged) {
      const before = resident.messages().length
      const reply = newMessage(resident, 'ru', 'common.staff-only')
      const update = resident.pressData(data)
      await reply
      expect((await deliveryOf(update.update_id)).status).toBe(200)
      expect(resident.messages().length).toBe(before + 1)
    }
    const pickers = ['staff.invite.choose-role', 'staff.invite.choose-district', 'staff.invite.choose-organisation']
    const shown = resident.messages().filter((m) => pickers.some((key) => (m.text ?? '').includes(opening('ru', key))))
    expect(shown).toEqual([])
    expect(
      resident
        .messages()
        .flatMap((m) => resident.inlineButtons(m))
        .filter((b) => b.data?.startsWith('st:')),
    ).toEqual([])
  })

  it('when a resident presses the staff list buttons, then each is refused without a word about any member', async () => {
    const resident = await started('en')
    for (const data of ['st:p:0', 'st:r:1', 'st:ry:1', 'st:rn']) {
      const before = resident.messages().length
      const reply = newMessage(resident, 'en', 'common.staff-only')
      resident.pressData(data)
      await reply
      expect(resident.messages().length).toBe(before + 1)
    }
  })
})
