import { Bot } from 'grammy'
import type { Update } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HttpServer } from '../../../src/http/create-http-server.js'
import { startHttpServer } from '../../../src/http/create-http-server.js'
import type { Readiness } from '../../../src/http/health.js'
import { healthChecks, readinessOf } from '../../../src/http/health.js'
import { homePage } from '../../../src/http/home.js'
import { telegramWebhook } from '../../../src/http/telegram-webhook.js'

const SECRET = 'webhook-secret-for-unit-tests_42'
const BOT_INFO = {
  id: 1,
  is_bot: true as const,
  first_name: 'Service 115',
  username: 'service115_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
}

const anUpdate = (updateId: number): Update => ({
  update_id: updateId,
  message: {
    message_id: 1,
    date: 1,
    chat: { id: 5, type: 'private', first_name: 'R' },
    from: { id: 5, is_bot: false, first_name: 'R' },
    text: 'hello',
  },
})

describe('the HTTP surfaces (Fastify on loopback)', () => {
  let http: HttpServer
  const handled: number[] = []
  let botReady = true
  let readiness: Readiness = { ok: true, checks: {} }

  beforeAll(async () => {
    const bot = new Bot('123456:test-token-for-the-unit-tests', { botInfo: BOT_INFO })
    bot.on('message', (ctx) => {
      handled.push(ctx.update.update_id)
    })
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      surfaces: [
        healthChecks({ readiness: () => Promise.resolve(readiness) }),
        homePage({ parts: () => [{ name: 'Telegram', state: 'off <not set>' }] }),
        telegramWebhook({ path: '/telegram/webhook', secret: SECRET, bot, ready: () => botReady }),
      ],
      onError: () => undefined,
    })
  })
  afterAll(async () => {
    await http.close()
  })

  const post = (body: string, secret: string | null) =>
    fetch(`${http.origin}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret !== null && { 'x-telegram-bot-api-secret-token': secret }),
      },
      body,
    })

  it('when an update comes with the secret, then grammY handles it and Telegram gets 200', async () => {
    handled.length = 0
    const response = await post(JSON.stringify(anUpdate(10)), SECRET)
    expect(response.status).toBe(200)
    expect(handled).toEqual([10])
  })

  it('when the secret is wrong or missing, then 401 and nothing is handled', async () => {
    handled.length = 0
    expect((await post(JSON.stringify(anUpdate(11)), 'wrong-secret-wrong-secret')).status).toBe(401)
    expect((await post(JSON.stringify(anUpdate(12)), null)).status).toBe(401)
    expect(handled).toEqual([])
  })

  it('when the bot does not know itself yet, then 503 (Telegram retries) and nothing is handled', async () => {
    handled.length = 0
    botReady = false
    try {
      const response = await post(JSON.stringify(anUpdate(13)), SECRET)
      expect(response.status).toBe(503)
      expect(handled).toEqual([])
    } finally {
      botReady = true
    }
  })

  it('when the body is no update, is no JSON, or is over 1 MB, then 400 or 413 and nothing is handled', async () => {
    handled.length = 0
    expect((await post('{"message":{}}', SECRET)).status).toBe(400)
    expect((await post('{"update_id":', SECRET)).status).toBe(400)
    const large = JSON.stringify({ ...anUpdate(14), padding: 'x'.repeat(1024 * 1024) })
    expect((await post(large, SECRET)).status).toBe(413)
    expect(handled).toEqual([])
  })

  it('when the webhook is asked with GET, then 405 names the method it takes', async () => {
    const response = await fetch(`${http.origin}/telegram/webhook`)
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
  })

  it('when a part is not ready, then /ready is 503 with each part, while /health still says the process is up', async () => {
    readiness = await readinessOf({
      database: () => Promise.resolve('ok'),
      redis: () => Promise.reject(new Error('no answer')),
      telegram: () => Promise.resolve('connecting'),
    })
    const ready = await fetch(`${http.origin}/ready`)
    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({
      ok: false,
      checks: { database: 'ok', redis: 'failing', telegram: 'connecting' },
    })
    const health = await fetch(`${http.origin}/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })
  })

  it('when the home page shows what runs, then nothing in it is taken as HTML', async () => {
    const page = await (await fetch(`${http.origin}/`)).text()
    expect(page).toContain('Telegram: off &lt;not set&gt;')
    expect(page).toContain('href="/health"')
  })

  it('when one address asks a public page too often, then it gets 429, while webhook calls are never limited', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 125; i++) statuses.push((await fetch(`${http.origin}/`)).status)
    expect(statuses.slice(0, 100).every((status) => status === 200)).toBe(true)
    expect(statuses.at(-1)).toBe(429)

    const webhook: number[] = []
    for (let i = 0; i < 125; i++)
      webhook.push((await post(JSON.stringify(anUpdate(1000 + i)), 'wrong-secret-x')).status)
    expect(new Set(webhook)).toEqual(new Set([401]))
  })
})
