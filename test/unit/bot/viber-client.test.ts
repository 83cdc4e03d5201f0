import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDictionaries } from '../../../src/app/locales.js'
import { createViberClient, parseViberJson } from '../../../src/bot/viber/client.js'
import { createViberRenderer } from '../../../src/bot/viber/render.js'
import { createViberSender } from '../../../src/bot/viber/sender.js'
import { fromText } from '../../../src/bot/viber/to-inbound-event.js'
import { choices, say } from '../../../src/core/dialogue/messages.js'
import { MAIN_MENU } from '../../../src/core/dialogue/step-kit.js'
import { text } from '../../../src/core/i18n/text.js'
import { createTranslator } from '../../../src/core/i18n/translate.js'
import type { FakeViber } from '../../support/fake-viber/server.js'
import { startFakeViber } from '../../support/fake-viber/server.js'

const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })

describe('the Viber client against a fake Viber API on loopback', () => {
  let viber: FakeViber
  let client: ReturnType<typeof createViberClient>

  beforeAll(async () => {
    viber = await startFakeViber()
    client = createViberClient({ authToken: viber.authToken, apiRoot: viber.apiRoot, botName: 'Служба 115' })
  })
  afterAll(async () => {
    await viber.close()
  })

  it('when a message goes to a subscriber, then it is sent with the token header and the bot as sender', async () => {
    const anna = viber.user()
    viber.subscribed.add(anna.id)
    expect(await client.sendMessage(anna.id, { type: 'text', text: 'Прывітанне' })).toEqual({ kind: 'sent' })
    const call = viber.calls.at(-1)
    expect(call).toMatchObject({ method: 'send_message', authToken: viber.authToken, status: 0 })
    expect(call?.body).toMatchObject({ receiver: anna.id, sender: { name: 'Служба 115' }, type: 'text' })
    expect(anna.messages()[0]?.text).toBe('Прывітанне')
  })

  it('when the receiver never wrote or unsubscribed (status 6), then the send is "unreachable"', async () => {
    expect(await client.sendMessage('nobody==', { type: 'text', text: 'x' })).toEqual({
      kind: 'unreachable',
      reason: 'blocked',
    })
  })

  it('when Viber limits the rate (status 12), then the send is "rate-limited", to be retried later', async () => {
    const boris = viber.user()
    viber.subscribed.add(boris.id)
    viber.failSends.set(boris.id, 12)
    expect(await client.sendMessage(boris.id, { type: 'text', text: 'x' })).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 60,
      scope: 'recipient',
    })
    viber.failSends.set(boris.id, 3)
    expect((await client.sendMessage(boris.id, { type: 'text', text: 'x' })).kind).toBe('failed')
  })

  it('when the account has used up its message quota (status 23 or 24), then the send is "rate-limited" for the whole account, for an hour', async () => {
    const vera = viber.user()
    viber.subscribed.add(vera.id)
    for (const status of [23, 24]) {
      viber.failSends.set(vera.id, status)
      expect(await client.sendMessage(vera.id, { type: 'text', text: 'x' })).toEqual({
        kind: 'rate-limited',
        retryAfterSeconds: 3600,
        scope: 'account',
      })
    }
  })

  it('when the token is wrong, then every call fails and nothing is sent', async () => {
    const wrong = createViberClient({ authToken: 'wrong-token-000', apiRoot: viber.apiRoot, botName: 'x' })
    expect((await wrong.sendMessage('a', { type: 'text', text: 'x' })).kind).toBe('failed')
    await expect(wrong.getAccountInfo()).rejects.toThrow(/invalidAuthToken/)
  })

  it('when the account is asked for, then its name comes back', async () => {
    expect((await client.getAccountInfo()).name).toBe('Service 115 (fake)')
  })

  it('when a broadcast reaches some, then those it did not reach come back with why', async () => {
    const vera = viber.user()
    viber.subscribed.add(vera.id)
    const failed = await client.broadcastMessage([vera.id, 'gone=='], { type: 'text', text: 'Адключэнне вады' })
    expect(failed).toEqual([{ receiver: 'gone==', result: { kind: 'unreachable', reason: 'blocked' } }])
    expect(vera.messages().at(-1)?.via).toBe('broadcast_message')
  })

  it('when a response carries a 19-digit message token, then it stays exact', () => {
    const parsed = parseViberJson('{"status":0,"message_token":5098034272017990123}') as { message_token: string }
    expect(parsed.message_token).toBe('5098034272017990123')
  })
})

describe("the workers' Viber sender", () => {
  let viber: FakeViber
  beforeAll(async () => {
    viber = await startFakeViber()
  })
  afterAll(async () => {
    await viber.close()
  })

  it('when a picture comes with a text too long to go under it, then two messages go, as many as the sender counts', async () => {
    const client = createViberClient({ authToken: viber.authToken, apiRoot: viber.apiRoot, botName: 'Служба 115' })
    const sender = createViberSender({ client, photoUrl: (id) => `https://media.example/${id}.jpeg` })
    const lena = viber.user()
    viber.subscribed.add(lena.id)
    for (const html of ['Работы выполнены', 'Ответ организации. '.repeat(60)]) {
      const before = lena.messages().length
      const message = { html, buttons: [], photo: 'AgAC-after' }
      expect(await sender.send(lena.id, message)).toEqual({ kind: 'sent' })
      expect(lena.messages().length - before).toBe(sender.calls?.(message))
    }
    expect(lena.messages().map((m) => m.type)).toEqual(['picture', 'picture', 'text'])
  })

  it('when a rating request is sent, then its HTML is plain text and its buttons a keyboard of their data', async () => {
    const client = createViberClient({ authToken: viber.authToken, apiRoot: viber.apiRoot, botName: 'Служба 115' })
    const sender = createViberSender({ client, photoUrl: (id) => `https://media.example/${id}.jpeg` })
    const gleb = viber.user()
    viber.subscribed.add(gleb.id)
    const result = await sender.send(gleb.id, {
      html: '<b>Заявка GR-26-000001</b> выполнена. Проблема решена?',
      buttons: [
        [1, 2, 3, 4, 5].map((n) => ({ text: '★'.repeat(n), data: `rate:42:${n}` })),
        [{ text: 'Не решена', data: 'rate:42:0' }],
      ],
      photo: 'AgAC-after',
    })
    expect(result).toEqual({ kind: 'sent' })
    const [message] = gleb.messages()
    expect(message).toMatchObject({
      type: 'picture',
      media: 'https://media.example/AgAC-after.jpeg',
      text: 'Заявка GR-26-000001 выполнена. Проблема решена?',
    })
    expect(message?.keyboard?.Buttons.map((b) => b.ActionBody)).toEqual([
      'rate:42:1',
      'rate:42:2',
      'rate:42:3',
      'rate:42:4',
      'rate:42:5',
      'rate:42:0',
    ])
  })

  it('when the user unsubscribed, then the outcome is "unreachable"', async () => {
    const client = createViberClient({ authToken: viber.authToken, apiRoot: viber.apiRoot, botName: 'Служба 115' })
    const sender = createViberSender({ client, photoUrl: () => null })
    expect(await sender.send('left==', { html: 'x', buttons: [], photo: null })).toMatchObject({ kind: 'unreachable' })
  })
})

describe('the dialogue rendered for Viber', () => {
  const render = createViberRenderer({ translate, photoUrl: (id) => `https://media.example/${id}.jpeg` })

  it('when the dialogue asks for a location, then one keyboard has the location picker and the choices', () => {
    const [message] = render('ru', [
      say(text('report.ask-phone'), {
        kind: 'location',
        choices: [{ value: 'skip', label: text('common.button.skip') }],
      }),
    ])
    expect(message?.keyboard?.Buttons.map((b) => [b.ActionType, b.ActionBody])).toEqual([
      ['location-picker', 'location'],
      ['reply', 'skip'],
    ])
    expect(message?.type === 'text' && message.text).not.toMatch(/<[a-z]/)
  })

  it('when the main menu is shown in two columns, then each button takes half a row', () => {
    const [message] = render('be', [say(text('menu.title'), choices(MAIN_MENU, 2))])
    expect(message?.keyboard?.Buttons.every((b) => b.Columns === 3 && b.Silent === true)).toBe(true)
  })

  it('when a request card has photos, then they go as pictures by URL before the text', () => {
    const messages = render('en', [{ ...say(text('menu.title')), photos: [{ telegramFileId: 'F1' }] }])
    expect(messages.map((m) => m.type)).toEqual(['picture', 'text'])
  })
})

describe('a Viber text as the dialogue reads it', () => {
  it('when it is a value the pending prompt offers, then it is a choice', () => {
    expect(fromText('cat:heating.no-heat', ['cat:heating.no-heat', 'back'])).toEqual({
      type: 'choice',
      value: 'cat:heating.no-heat',
    })
  })

  it('when it is a main menu value, then it is a choice whatever the prompt', () => {
    expect(fromText('menu:report', [])).toEqual({ type: 'choice', value: 'menu:report' })
  })

  it('when someone types a word that is not on offer, then it is text', () => {
    expect(fromText('back', ['yes', 'no'])).toEqual({ type: 'text', text: 'back' })
  })

  it('when it is a slash command, then it is a command as in Telegram', () => {
    expect(fromText('/start c_heating_no-heat', [])).toEqual({ type: 'start', payload: 'c_heating_no-heat' })
    expect(fromText('/cancel', [])).toEqual({ type: 'command', name: 'cancel', args: '' })
  })
})
