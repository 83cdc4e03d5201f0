import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTelegramSender } from '../../../src/bot/telegram/telegram-sender.js'
import type { RenderedMessage } from '../../../src/core/delivery/ports.js'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startFakeTelegram } from '../../support/fake-telegram/server.js'

describe("the workers' Telegram sender against the fake Bot API on loopback", () => {
  let telegram: FakeTelegram
  let chat = 700_000_100

  beforeAll(async () => {
    telegram = await startFakeTelegram()
  })
  afterAll(async () => {
    await telegram.close()
  })

  const cases: [string, RenderedMessage][] = [
    ['a text', { html: '<b>Заявка</b> принята', buttons: [], photo: null }],
    [
      'a photo with a short caption',
      { html: 'Работы выполнены', buttons: [], photo: 'https://media.example/after.jpg' },
    ],
    [
      'a photo and a text too long for a caption',
      { html: 'Ответ организации. '.repeat(80), buttons: [], photo: 'https://media.example/after.jpg' },
    ],
  ]

  it.each(cases)(
    'when it sends %s, then the calls it says it makes are the messages Telegram gets',
    async (_, message) => {
      chat += 1
      const sender = createTelegramSender({ token: telegram.token, apiRoot: telegram.apiRoot })
      expect(await sender.send(String(chat), message)).toEqual({ kind: 'sent' })
      expect(telegram.chat(chat).messages()).toHaveLength(sender.calls?.(message) ?? 1)
    },
  )

  it('when the long text follows the photo, then the text is whole and comes second', async () => {
    chat += 1
    const sender = createTelegramSender({ token: telegram.token, apiRoot: telegram.apiRoot })
    const html = 'Ответ организации. '.repeat(80).trim()
    await sender.send(String(chat), { html, buttons: [], photo: 'https://media.example/after.jpg' })
    const [photo, text] = telegram.chat(chat).messages()
    expect(photo?.photo).toBeDefined()
    expect(text?.text).toBe(html)
  })
})
