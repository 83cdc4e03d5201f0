import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/app/config.js'
import { mediaLinksFor } from '../../src/app/viber.js'
import { makeSubmitRequest } from '../../src/core/requests/submit-request.js'
import { createRequestStore } from '../../src/db/repositories/request-store.js'
import { createTransact } from '../../src/db/transact.js'
import { aDraft, aPhoto, aResident } from '../support/fixtures.js'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import type { FakeViber, ReceivedMessage } from '../support/fake-viber/server.js'
import { bigToken, callbackJson } from '../support/fake-viber/signed-post.js'
import type { TestDatabase } from '../support/test-database.js'
import { opening } from './support/texts.js'
import { runEntry } from '../support/run-process.js'
import { startViberSetup } from './support/viber-service.js'
import type { ViberSetup } from './support/viber-service.js'

const reads =
  (key: string, language: 'ru' | 'be' | 'en' = 'ru') =>
  (m: ReceivedMessage) =>
    (m.text ?? '').includes(opening(language, key))

describe('a resident in Viber (real HTTP to a fake Viber API, real PostgreSQL and Redis)', () => {
  let telegram: FakeTelegram
  let viber: FakeViber
  let t: TestDatabase
  let publicUrl: string

  const identity = (externalId: string) =>
    t.db
      .selectFrom('channel_identities')
      .selectAll()
      .where('channel', '=', 'viber')
      .where('external_id', '=', externalId)
      .executeTakeFirst()

  let setup: ViberSetup
  beforeAll(async () => {
    setup = await startViberSetup()
    ;({ telegram, viber, t, publicUrl } = setup)
  })
  afterAll(async () => {
    await setup.stop()
  })

  it('when someone opens the chat, then the welcome with the main menu keyboard is the answer to that callback, and nothing is sent', async () => {
    const olga = viber.user({ language: 'be' })
    const { status, welcome } = await olga.open()
    expect(status).toBe(200)
    expect(welcome).toMatchObject({ type: 'text', sender: { name: 'Служба 115' } })
    expect(welcome?.text).toContain(opening('be', 'menu.welcome'))
    expect(welcome?.text).toContain(opening('be', 'menu.title'))
    expect(welcome?.keyboard?.Buttons.map((b) => b.ActionBody)).toContain('menu:report')
    expect(viber.calls.filter((c) => c.method === 'send_message' && c.body.receiver === olga.id)).toEqual([])
  })

  it("when the chat is opened from a category poster's link, then the context starts that report as /start would", async () => {
    const pavel = viber.user()
    const { welcome } = await pavel.open('c_heating_no-heat')
    expect(welcome?.text).toContain(opening('ru', 'report.ask-district'))
    expect(welcome?.keyboard?.Buttons.map((b) => b.ActionType)).toContain('location-picker')
    expect(welcome?.keyboard?.Buttons.map((b) => b.ActionBody)).toContain('dist:lida')
  })

  it('when a callback carries a wrong signature, then it gets 403 and nobody is created', async () => {
    const ghost = viber.user()
    const body = callbackJson({
      event: 'message',
      timestamp: Date.now(),
      message_token: bigToken(),
      sender: { id: ghost.id, name: 'x' },
      message: { type: 'text', text: '/menu' },
    })
    expect((await viber.postRaw(body, { signature: 'ab'.repeat(32) })).status).toBe(403)
    expect((await viber.postRaw(body, { signature: null })).status).toBe(403)
    expect(await identity(ghost.id)).toBeUndefined()
  })

  it('when Viber delivers the same message twice, then it is handled once', async () => {
    const ivan = viber.user()
    const token = bigToken()
    await ivan.send({ type: 'text', text: '/help' }, token)
    await ivan.send({ type: 'text', text: '/help' }, token)
    await ivan.sendText('/menu')
    // One person's messages are handled in order: once /menu is answered, any second /help would have been too.
    const inbox = await ivan.waitForInbox((all) => all.filter(reads('menu.title')).length >= 2)
    expect(inbox.filter(reads('common.help'))).toHaveLength(1)
    const processed = await t.db
      .selectFrom('processed_updates')
      .select('update_id')
      .where('channel', '=', 'viber')
      .where('update_id', '=', token)
      .execute()
    expect(processed).toEqual([{ update_id: token }])
  })

  it('when a user unsubscribes, then their Viber identity is unreachable until they write again', async () => {
    const nina = viber.user()
    await nina.sendText('/menu')
    await nina.waitForMessage(reads('menu.title'))
    expect((await nina.unsubscribe()).status).toBe(200)
    expect(await identity(nina.id)).toMatchObject({ unreachable_reason: 'unsubscribed' })
    expect((await identity(nina.id))?.unreachable_since).not.toBeNull()
    await nina.sendText('/menu')
    await nina.waitForMessage(reads('menu.title'))
    expect((await identity(nina.id))?.unreachable_since).toBeNull()
  })

  const uploadsOf = async (externalId: string) => {
    const userId = (await identity(externalId))?.user_id ?? 0
    return t.db.selectFrom('photo_uploads').select(['id', 'mime_type']).where('user_id', '=', userId).execute()
  }
  const jpeg = (label: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(label)])

  it('when pictures come where no photo is asked for, then they are answered and none is stored', async () => {
    const kira = viber.user()
    await kira.sendText('/menu')
    await kira.waitForMessage(reads('menu.title'))
    for (let i = 0; i < 10; i++) await kira.sendPicture({ bytes: jpeg(`idle ${i}`) })
    // At the main menu a picture gets "please use the buttons", once per picture.
    await kira.waitForInbox((all) => all.filter(reads('common.use-buttons')).length >= 10)
    expect(await uploadsOf(kira.id)).toEqual([])
  })

  it('when the photo step takes three pictures, then only those three are stored: not a fake one, not a PDF, not a fourth', async () => {
    const oleg = viber.user()
    await oleg.sendText('/menu')
    await oleg.waitForMessage(reads('menu.title'))
    const steps: [string, string][] = [
      ['menu:report', 'report.ask-category'],
      ['top:heating', 'report.ask-subcategory'],
      ['cat:heating.no-heat', 'report.ask-district'],
      ['dist:lida', 'report.ask-settlement'],
      ['stl:lida.lida', 'report.ask-street'],
    ]
    for (const [button, next] of steps) {
      await oleg.press(button)
      await oleg.waitForMessage(reads(next))
    }
    for (const [answer, next] of [
      ['ул. Советская', 'report.ask-house'],
      ['41', 'report.ask-flat'],
      ['кв. 3', 'report.confirm-address'],
    ]) {
      await oleg.sendText(answer ?? '')
      await oleg.waitForMessage(reads(next ?? ''))
    }
    await oleg.press('yes')
    await oleg.waitForMessage(reads('report.ask-description'))
    await oleg.sendText('Холодные батареи в спальне и на кухне')
    await oleg.waitForMessage(reads('report.ask-photos'))
    await oleg.sendPicture({ bytes: Buffer.from('<html>not a picture</html>') })
    await oleg.waitForMessage(reads('report.photo-not-image'))
    // Files too: a PDF is a document, a picture sent as a file is a photo.
    const file = (bytes: Buffer, name: string) =>
      oleg.send({
        type: 'file',
        media: viber.hostMedia(bytes, 'application/octet-stream'),
        file_name: name,
        size: bytes.length,
      })
    await file(Buffer.from('%PDF-1.7\n'), 'scan.pdf')
    await oleg.waitForMessage(reads('common.unexpected.document'))
    await file(jpeg('kept 0'), 'kept.jpg')
    await oleg.waitForMessage(reads('report.photo-received'))
    await oleg.sendPicture({ bytes: jpeg('kept 1') })
    await oleg.waitForMessage(reads('report.photo-received'))
    await oleg.sendPicture({ bytes: jpeg('kept 2') })
    await oleg.waitForMessage(reads('report.ask-phone-offer'))
    await oleg.sendPicture({ bytes: jpeg('one too many') })
    await oleg.waitForMessage(reads('common.unexpected.photo'))
    expect(await uploadsOf(oleg.id)).toHaveLength(3)
  })

  it('when a Viber user taps a rating button of a done request, then it is rated and closed', async () => {
    const lena = viber.user()
    await lena.sendText('/menu')
    await lena.waitForMessage(reads('menu.title'))
    const userId = (await identity(lena.id))?.user_id ?? 0
    const submit = makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: () => new Date() })
    const submitted = await submit(
      await aDraft(t.db, userId, { source: 'viber', description: 'Не горит свет в подъезде' }),
    )
    if (!submitted.ok) throw new Error(submitted.error)
    const id = submitted.request.id
    await t.db.updateTable('requests').set({ status: 'done', done_at: new Date() }).where('id', '=', id).execute()
    await lena.sendText(`rate:${id}:5`)
    const thanks = await lena.waitForMessage(reads('rating.thanks'))
    expect(thanks.keyboard?.Buttons.map((b) => b.ActionBody)).toContain('menu:report')
    const row = await t.db
      .selectFrom('requests')
      .select(['status', 'rating'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'closed', rating: 5 })
    await lena.sendText(`rate:${id}:4`)
    await lena.waitForMessage(reads('rating.already'))
  })

  it('when Viber fetches a photo by its signed link, then it gets the bytes; forged or Telegram-held photos work as they should', async () => {
    const config = loadConfig({ VIBER_AUTH_TOKEN: viber.authToken, PUBLIC_URL: publicUrl })
    const links = mediaLinksFor({ ...config, viber: config.viber ?? { authToken: '', apiRoot: '', botName: '' } })
    if (!links) throw new Error('PUBLIC_URL makes media links')
    const submit = makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: () => new Date() })
    const userId = await aResident(t.db)
    const base = await aDraft(t.db, userId)
    // Another house: not a duplicate of the other tests' requests.
    const draft = {
      ...base,
      photos: [aPhoto('before')],
      address: { ...base.address, house: '77', text: 'Лида, ул. Советская, 77' },
    }
    const submitted = await submit(draft)
    if (!submitted.ok) throw new Error(submitted.error)
    const photo = await t.db
      .selectFrom('request_photos')
      .select('id')
      .where('request_id', '=', submitted.request.id)
      .executeTakeFirstOrThrow()
    const url = links.url({ kind: 'photo', id: photo.id })
    const response = await fetch(url)
    expect(response.status).toBe(200)
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(aPhoto().content)
    const forged = url.replace(/[0-9a-f](?=\.jpeg$)/, (c) => (c === '0' ? '1' : '0'))
    expect((await fetch(forged)).status).toBe(404)

    // A Telegram user's photo, shown to a Viber user: fetched through getFile.
    const sent = telegram
      .user({ id: 720_000_000 + Math.floor(Math.random() * 1_000_000) })
      .sendPhoto({ bytes: Buffer.from([0xff, 0xd8, 0xff, 0x01, 0x02]) })
    const fileId = sent.message?.photo?.at(-1)?.file_id ?? ''
    const fromTelegram = await fetch(links.url({ kind: 'telegram', fileId }))
    expect(fromTelegram.status).toBe(200)
    expect(Buffer.from(await fromTelegram.arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0x01, 0x02]))
  })
  it('when viber:set-webhook runs, then Viber checks our URL with a signed callback and takes it with every event type', async () => {
    viber.webhookUrl = undefined
    const result = await runEntry('cli', ['viber:set-webhook'], {
      VIBER_AUTH_TOKEN: viber.authToken,
      VIBER_API_ROOT: viber.apiRoot,
      PUBLIC_URL: publicUrl,
    })
    expect(result.stdout).toContain(`Viber webhook set: ${publicUrl}/viber/webhook`)
    expect(result.code).toBe(0)
    expect(viber.webhookUrl).toBe(`${publicUrl}/viber/webhook`)
    const call = viber.calls.filter((c) => c.method === 'set_webhook').at(-1)
    expect(call?.body.event_types).toEqual(expect.arrayContaining(['conversation_started', 'unsubscribed']))
  })

  it('when viber:set-webhook runs without a Viber token, then it says what is missing on stderr and exits 2', async () => {
    const result = await runEntry('cli', ['viber:set-webhook'], { PUBLIC_URL: publicUrl })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('VIBER_AUTH_TOKEN')
  })
})
