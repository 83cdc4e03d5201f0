import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { Bot, GrammyError, InlineKeyboard, InputFile, InputMediaBuilder, Keyboard, webhookCallback } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'

// A PNG signature and IHDR chunk are enough for the fake to read 640×480.
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 0x02, 0x80, 0, 0, 0x01, 0xe0, 8, 2, 0, 0, 0]),
  Buffer.from('rest-of-the-picture'),
])
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

async function download(telegram: FakeTelegram, filePath: string | undefined): Promise<Buffer> {
  const response = await fetch(`${telegram.apiRoot}/file/bot${telegram.token}/${filePath ?? ''}`)
  expect(response.status).toBe(200)
  return Buffer.from(await response.arrayBuffer())
}

/** "400 Bad Request: …" of a call grammY rejected, to compare in one line. */
async function failure(call: Promise<unknown>): Promise<string> {
  const error = await call.catch((e: unknown) => e)
  expect(error).toBeInstanceOf(GrammyError)
  return `${(error as GrammyError).error_code} ${(error as GrammyError).description}`
}

/** A small bot exercising what Service 115 needs from Telegram. */
function buildBot(telegram: FakeTelegram): Bot {
  const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } })
  bot.command('start', async (ctx) => {
    const keyboard = new InlineKeyboard().text('Report a problem', 'report').text('Help', 'help')
    await ctx.reply(`<b>Hello</b>, ${ctx.from?.first_name ?? ''}! payload=${ctx.match}`, {
      parse_mode: 'HTML',
      reply_markup: keyboard,
    })
  })
  bot.command('photo', async (ctx) => {
    await ctx.replyWithPhoto(new InputFile(png, 'pic.png'), { caption: 'a <i>picture</i>', parse_mode: 'HTML' })
  })
  bot.callbackQuery('report', async (ctx) => {
    await ctx.answerCallbackQuery({ text: 'Send a photo' })
    await ctx.editMessageText('Send a photo of the problem')
  })
  bot.on('message:photo', async (ctx) => {
    const file = await ctx.getFile()
    await ctx.reply(`sha256 ${sha256(await download(telegram, file.file_path))}`)
  })
  bot.command('where', (ctx) =>
    ctx.reply('Share your location or number', {
      reply_markup: new Keyboard().requestLocation('Location').requestContact('Phone').oneTime().resized(),
    }),
  )
  bot.on(['message:location', 'message:contact'], (ctx) =>
    ctx.reply(`got ${JSON.stringify(ctx.message.location ?? ctx.message.contact)}`, {
      reply_markup: { remove_keyboard: true },
    }),
  )
  bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`))
  return bot
}

describe('the fake Telegram with a grammY bot on long polling', () => {
  let telegram: FakeTelegram
  let bot: Bot
  let running: Promise<void>

  beforeAll(async () => {
    telegram = await startFakeTelegram()
    bot = buildBot(telegram)
    running = bot.start({ drop_pending_updates: false })
    await telegram.waitForCall('getUpdates')
  })
  afterAll(async () => {
    await bot.stop()
    await running
    await telegram.close()
  })

  it('when a resident sends /start with a payload, then the reply is parsed HTML with an inline keyboard', async () => {
    const anna = telegram.user({ id: 1001, firstName: 'Anna', languageCode: 'ru' })
    anna.sendCommand('/start', 'inv_abc')
    const reply = await anna.waitForReply()
    expect(reply.text).toBe('Hello, Anna! payload=inv_abc')
    expect(reply.entities).toEqual([{ type: 'bold', offset: 0, length: 5 }])
    expect(reply.from?.id).toBe(telegram.bot.id)
    expect(reply.chat).toEqual({ id: 1001, type: 'private', first_name: 'Anna' })
    expect(anna.inlineButtons(reply).map((b) => b.data)).toEqual(['report', 'help'])

    anna.press('Report a problem')
    expect(await anna.waitForCallbackAnswer()).toMatchObject({ text: 'Send a photo', showAlert: false })
    const edited = await anna.waitForReply()
    expect(edited).toMatchObject({ message_id: reply.message_id, text: 'Send a photo of the problem' })
    expect(edited.reply_markup).toBeUndefined()
    expect(anna.messages()).toHaveLength(1)
    expect(anna.history().map((op) => op.kind)).toEqual(['sent', 'edited'])
  })

  it('when a resident sends a photo, then the bot downloads exactly its bytes through getFile', async () => {
    const boris = telegram.user({ id: 1002, firstName: 'Boris' })
    const bytes = Buffer.from('a photo of a broken streetlight')
    const update = boris.sendPhoto({ bytes, width: 1600, height: 1200 })
    expect(update.message?.photo?.at(-1)).toMatchObject({ width: 1600, height: 1200, file_size: bytes.length })
    expect((await boris.waitForReply()).text).toBe(`sha256 ${sha256(bytes)}`)
  })

  it('when the bot uploads files, then multipart is parsed and the files can be fetched back', async () => {
    const vera = telegram.user({ id: 1003, firstName: 'Vera' })
    vera.sendCommand('/photo')
    const photo = await vera.waitForReply()
    expect(photo.caption).toBe('a picture')
    expect(photo.caption_entities).toEqual([{ type: 'italic', offset: 2, length: 7 }])
    expect(photo.photo?.at(-1)).toMatchObject({ width: 640, height: 480 })
    const file = await bot.api.getFile(photo.photo?.at(-1)?.file_id ?? '')
    expect(await download(telegram, file.file_path)).toEqual(png)

    const document = await bot.api.sendDocument(1003, new InputFile(Buffer.from('%PDF-1.4'), 'report.pdf'))
    expect(document.document).toMatchObject({ file_name: 'report.pdf', mime_type: 'application/pdf', file_size: 8 })
    const album = await bot.api.sendMediaGroup(1003, [
      InputMediaBuilder.photo(new InputFile(png)),
      InputMediaBuilder.photo(photo.photo?.at(-1)?.file_id ?? '', { caption: 'again' }),
    ])
    expect(album).toHaveLength(2)
    const groups = vera.messages().map((m) => m.media_group_id)
    expect(groups[2]).toMatch(/^\d+$/)
    expect(groups).toEqual([undefined, undefined, groups[2], groups[2]])

    // A client other than grammY: undici's FormData quotes names and puts spaces in headers.
    const form = new FormData()
    form.set('chat_id', '1003')
    form.set('photo', new Blob([png]), 'other.png')
    const sent = await fetch(`${telegram.apiRoot}/bot${telegram.token}/sendPhoto`, { method: 'POST', body: form })
    expect(await sent.json()).toMatchObject({
      ok: true,
      result: { photo: [{ width: 90 }, { width: 320 }, { width: 640 }] },
    })
  })

  it('when a resident shares a location and a contact, then the reply keyboard comes and goes', async () => {
    const zoya = telegram.user({ id: 1005, firstName: 'Zoya' })
    zoya.sendCommand('where')
    await zoya.waitForReply()
    expect(zoya.replyKeyboard()).toMatchObject({
      buttons: [
        { text: 'Location', requestLocation: true, requestContact: false },
        { text: 'Phone', requestLocation: false, requestContact: true },
      ],
      oneTime: true,
    })
    zoya.sendLocation(53.68, 23.83)
    expect((await zoya.waitForReply()).text).toBe('got {"latitude":53.68,"longitude":23.83}')
    expect(zoya.replyKeyboard()).toBeUndefined()
    const contact = zoya.sendContact({ phoneNumber: '+375291112233', own: true })
    expect((await zoya.waitForReply()).text).toContain('"user_id":1005')
    zoya.deliverDuplicate(contact)
    expect((await zoya.waitForReply()).text).toContain('"user_id":1005')
    expect(telegram.stats().calls.getUpdates).toBeLessThan(40)
  })

  it('when requests are malformed, then Telegram’s 400, 401 and 404 answers come back', async () => {
    telegram.user({ id: 1004, firstName: 'Gleb' })
    const html = { parse_mode: 'HTML' } as const
    const fails = async (call: Promise<unknown>, description: RegExp) => {
      expect(await failure(call)).toMatch(description)
    }
    await fails(bot.api.sendMessage(1004, '<b>unclosed', html), /^400 .*can't parse entities: Can't find end tag/)
    await fails(bot.api.sendMessage(1004, '<br>line', html), /^400 .*Unsupported start tag "br"/)
    await fails(bot.api.sendMessage(1004, 'a & b', html), /^400 Bad Request: can't parse entities/)
    await fails(bot.api.sendMessage(1004, '<b>a</i>', html), /^400 .*Unmatched end tag/)
    await fails(bot.api.sendMessage(1004, 'x'.repeat(4097)), /^400 Bad Request: message is too long/)
    await fails(bot.api.sendMessage(1004, ''), /^400 Bad Request: message text is empty/)
    const longData = new InlineKeyboard().text('too long', 'd'.repeat(65))
    await fails(bot.api.sendMessage(1004, 'hi', { reply_markup: longData }), /^400 Bad Request: BUTTON_DATA_INVALID/)
    await fails(bot.api.editMessageText(1004, 999, 'nothing'), /^400 Bad Request: message to edit not found/)

    const expectError = async (path: string, code: number, description: string) => {
      const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"hi"}' }
      const response = await fetch(`${telegram.apiRoot}${path}`, init)
      expect([response.status, await response.json()]).toEqual([code, { ok: false, error_code: code, description }])
    }
    await expectError(`/bot${telegram.token}/sendMessage`, 400, 'Bad Request: chat_id is empty')
    await expectError('/bot123:wrong/getMe', 401, 'Unauthorized')
    await expectError(`/bot${telegram.token}/sendHologram`, 404, 'Not Found')
    const form = await fetch(`${telegram.apiRoot}/bot${telegram.token}/sendMessage?chat_id=1004`, {
      method: 'POST',
      body: new URLSearchParams({ text: '<b>by form</b>', parse_mode: 'HTML' }),
    })
    expect(await form.json()).toMatchObject({ ok: true, result: { text: 'by form', chat: { id: 1004 } } })
  })
})

describe('the fake Telegram with a grammY bot on a webhook', () => {
  let telegram: FakeTelegram
  let bot: Bot
  let server: Server
  let url: string

  beforeAll(async () => {
    telegram = await startFakeTelegram({ webhookRetryDelayMs: 5 })
    bot = buildBot(telegram)
    const handle = webhookCallback(bot, 'http', { secretToken: 'right-secret' })
    server = createServer((request, response) => {
      void handle(request, response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/telegram/webhook`
    await bot.api.setWebhook(url, { secret_token: 'right-secret' })
  })
  afterAll(async () => {
    await telegram.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('when a resident talks to the bot, then updates are posted with the secret and the bot answers', async () => {
    expect(telegram.webhook).toEqual({ url, secretToken: 'right-secret' })
    const dina = telegram.user({ id: 2001, firstName: 'Dina' })
    dina.sendCommand('/start')
    expect(dina.inlineButtons(await dina.waitForReply()).map((b) => b.text)).toEqual(['Report a problem', 'Help'])
    dina.press('report')
    expect((await dina.waitForCallbackAnswer()).text).toBe('Send a photo')
    await telegram.waitForIdle()
    expect(telegram.deliveries.map((d) => d.status)).toEqual([200, 200])
    await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 })
  })

  it('when a post carries a wrong secret, then grammY answers 401 and the fake retries and records it', async () => {
    const update = telegram.user({ id: 2002, firstName: 'Egor' }).sendText('hello')
    await telegram.waitForIdle()
    expect((await telegram.postToWebhook(update, { secretToken: 'wrong' })).status).toBe(401)
    expect((await telegram.postToWebhook(update, { secretToken: null })).status).toBe(401)

    await bot.api.setWebhook(url, { secret_token: 'stale-secret' })
    telegram.user({ id: 2002 }).sendText('lost')
    await telegram.waitForIdle()
    const lastPosts = telegram.deliveries.slice(-3).map((d) => `${d.status} on attempt ${d.attempt}`)
    expect(lastPosts).toEqual(['401 on attempt 1', '401 on attempt 2', '401 on attempt 3'])
    expect((await bot.api.getWebhookInfo()).last_error_message).toContain('401')
  })
})

describe('the fake Telegram’s limits', () => {
  it('when a chat or the bot sends too fast, then 429 carries retry_after; blocked and unknown chats are refused', async () => {
    const telegram = await startFakeTelegram({
      limits: { perChatPerSecond: 2, retryAfterSeconds: 3 },
      blockedChats: new Set([3003]),
      strictChats: true,
    })
    const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } })
    telegram.user({ id: 3001 })
    telegram.user({ id: 3002 })
    await bot.api.sendMessage(3001, 'one')
    await bot.api.sendMessage(3001, 'two')
    const third = bot.api.sendMessage(3001, 'three')
    await expect(third).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 3 } })
    expect(await failure(third)).toBe('429 Too Many Requests: retry after 3')
    await bot.api.sendMessage(3002, 'another chat is fine')

    telegram.setLimits({ globalPerSecond: 0, retryAfterSeconds: 1 })
    expect(await failure(bot.api.sendMessage(3002, 'x'))).toBe('429 Too Many Requests: retry after 1')
    telegram.setLimits({})
    expect(await failure(bot.api.sendMessage(3003, 'x'))).toBe('403 Forbidden: bot was blocked by the user')
    expect(await failure(bot.api.sendMessage(4004, 'x'))).toBe('400 Bad Request: chat not found')
    const stats = telegram.stats()
    expect(stats).toMatchObject({ sentMessages: 3, tooManyRequests: 2, forbidden: 1, calls: { sendMessage: 7 } })
    await telegram.close()
  })
})
