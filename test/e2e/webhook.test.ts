import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import type { RunningService } from './support/service.js'
import { freePort, startService } from './support/service.js'
import { opening } from './support/texts.js'

// One Redis namespace for this file's service, kept when it restarts.
const PREFIX = `e2e${Math.random().toString(36).slice(2, 10)}`

let nextUserId = 800_000_000 + Math.floor(Math.random() * 1_000_000) * 10
const SECRET = 'webhook-secret-for-e2e-tests_0123'

describe('webhook mode', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService
  let port: number

  beforeAll(async () => {
    telegram = await startFakeTelegram()
    t = await createTestDatabase()
    port = await freePort()
    service = await startService({
      telegram,
      redisPrefix: PREFIX,
      databaseUrl: t.url,
      webhook: { port, secret: SECRET },
      floodLimit: 5,
    })
  })
  afterAll(async () => {
    await service.stop()
    await telegram.close()
    await t.drop()
  })

  it('when the service starts with WEBHOOK_URL, then it registers the webhook with its secret and the resident commands', () => {
    expect(telegram.webhook).toEqual({ url: `http://127.0.0.1:${port}/telegram/webhook`, secretToken: SECRET })
    const commands = telegram.calls.filter((c) => c.method === 'setMyCommands')
    expect(commands.length).toBe(3)
  })

  it('when updates come through the webhook, then the resident is answered', async () => {
    const r = telegram.user({ id: nextUserId++, firstName: 'Web', languageCode: 'ru' })
    r.sendCommand('/start')
    await r.waitForMessage((m) => (m.text ?? '').includes(opening('ru', 'menu.title')), 10_000)
    r.press('menu:phones')
    await r.waitForMessage((m) => (m.text ?? '').includes(opening('ru', 'phones.ask-district')), 10_000)
    r.press('dist:lida')
    const phones = await r.waitForMessage((m) => (m.text ?? '').includes('104'), 10_000)
    expect(phones.text).toContain('112')
    expect(telegram.deliveries.every((d) => d.status === 200)).toBe(true)
  })

  it('when a call has a wrong or no secret, then it gets 401 and nothing is handled', async () => {
    const stranger = telegram.user({ id: nextUserId++, firstName: 'Forger' })
    const update = {
      update_id: 999_000_001,
      message: {
        message_id: 1,
        date: 1,
        chat: { id: stranger.user.id, type: 'private', first_name: 'Forger' },
        from: stranger.user,
        text: '/start',
      },
    }
    expect((await telegram.postToWebhook(update, { secretToken: 'wrong-secret-wrong-secret' })).status).toBe(401)
    expect((await telegram.postToWebhook(update, { secretToken: null })).status).toBe(401)
    expect((await fetch(`${service.origin}/telegram/webhook`)).status).toBe(405)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(stranger.messages()).toEqual([])
    const processed = await t.db
      .selectFrom('processed_updates')
      .select('update_id')
      .where('update_id', '=', '999000001')
      .execute()
    expect(processed).toEqual([])
  })

  it('when a resident floods the bot, then one polite "slow down" comes and the rest is dropped', async () => {
    const r = telegram.user({ id: nextUserId++, firstName: 'Fast', languageCode: 'ru' })
    for (let i = 0; i < 9; i++) r.sendText(`сообщение ${i}`)
    await r.waitForMessage((m) => (m.text ?? '').includes(opening('ru', 'common.flood')), 10_000)
    await telegram.waitForIdle(5000)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const texts = r.messages().map((m) => m.text ?? '')
    expect(texts.filter((text) => text.includes(opening('ru', 'common.flood')))).toHaveLength(1)
    // Five messages answered (each with a hint and the menu), then one warning, then silence.
    expect(texts.filter((text) => text.includes(opening('ru', 'common.use-menu')))).toHaveLength(5)
  })

  it("when handling an update fails and nobody could be told, then Telegram's redelivery after the 500 is handled once", async () => {
    const r = telegram.user({ id: nextUserId++, firstName: 'Retry', languageCode: 'ru' })
    // The answer and the apology both fail: the update must stay unhandled for the retry.
    telegram.refuseNextCalls(r.user.id, 2)
    const update = r.sendCommand('/start')
    await r.waitForMessage((m) => (m.text ?? '').includes(opening('ru', 'menu.title')), 10_000)
    await telegram.waitForIdle(5000)
    const posts = telegram.deliveries.filter((d) => d.updateId === update.update_id).map((d) => d.status)
    expect(posts).toEqual([500, 200])
    expect(r.messages().filter((m) => (m.text ?? '').includes(opening('ru', 'menu.title')))).toHaveLength(1)
    expect(r.messages().filter((m) => (m.text ?? '').includes(opening('ru', 'common.error')))).toHaveLength(0)
    const processed = await t.db
      .selectFrom('processed_updates')
      .select('update_id')
      .where('channel', '=', 'telegram')
      .where('update_id', '=', String(update.update_id))
      .execute()
    expect(processed).toHaveLength(1)
  })

  it('when the answer fails but the apology goes out, then the person is told once and the update is not handled again', async () => {
    const r = telegram.user({ id: nextUserId++, firstName: 'Told', languageCode: 'ru' })
    telegram.refuseNextCalls(r.user.id, 1)
    const update = r.sendCommand('/start')
    await r.waitForMessage((m) => (m.text ?? '').includes(opening('ru', 'common.error')), 10_000)
    await telegram.waitForIdle(5000)
    expect(telegram.deliveries.filter((d) => d.updateId === update.update_id).map((d) => d.status)).toEqual([200])
    telegram.deliverDuplicate(update)
    r.sendCommand('/help')
    await r.waitForMessage((m) => (m.text ?? '').includes(opening('ru', 'common.help')), 10_000)
    expect(r.messages().filter((m) => (m.text ?? '').includes(opening('ru', 'menu.title')))).toHaveLength(0)
  })
})
