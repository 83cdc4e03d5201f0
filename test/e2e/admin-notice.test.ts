import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from 'grammy/types'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import { aRequestWith } from '../support/admin-requests.js'
import { idOf, residentsLivingIn } from '../support/fixtures.js'
import { ensureChannelUser } from '../../src/db/repositories/users.js'
import type { StaffRole } from '../../src/core/access/permissions.js'
import type { RunningService } from './support/service.js'
import { afternoonZone, startService } from './support/service.js'
import { opening, plain } from './support/texts.js'
import { eventually } from '../support/workers.js'

const ZONE = afternoonZone()

type Person = ReturnType<FakeTelegram['user']>

// Distinct ids per run: several test files share one Redis.
let nextUserId = 710_000_000 + Math.floor(Math.random() * 1_000_000) * 10

describe('an admin sends an outage notice from Telegram (fake Bot API, real PostgreSQL and Redis, workers running)', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService

  const says = (person: Person, key: string, timeoutMs = 10_000): Promise<Message> =>
    person.waitForMessage((m) => (m.text ?? m.caption ?? '').includes(opening('ru', key)), timeoutMs)

  /** A Telegram user who is staff: the role in a district (admins) or the whole region. */
  async function anAdmin(role: StaffRole, district: string | null): Promise<Person> {
    const person = telegram.user({ id: nextUserId++, firstName: 'Админ', languageCode: 'ru' })
    const userId = await ensureChannelUser(t.db, { channel: 'telegram', externalId: String(person.user.id) })
    await t.db
      .insertInto('staff_memberships')
      .values({
        user_id: userId,
        role,
        organisation_id: null,
        district_id: district === null ? null : await idOf(t.db, 'districts', district),
      })
      .execute()
    return person
  }

  const copies = async (userIds: number[], body: string): Promise<number[]> => {
    const rows = await t.db
      .selectFrom('channel_identities')
      .select('external_id')
      .where('user_id', 'in', userIds)
      .orderBy('user_id')
      .execute()
    return rows.map(
      (r) =>
        telegram
          .chat(Number(r.external_id))
          .messages()
          .filter((m) => (m.text ?? '').includes(body)).length,
    )
  }

  /** /notice up to the settlement question: planned outage of water, "a settlement or streets". */
  async function startNotice(admin: Person, district: string | null): Promise<void> {
    admin.sendCommand('/notice')
    await says(admin, 'admin.notice.ask-kind')
    admin.press('nt:k:planned_outage')
    await says(admin, 'admin.notice.ask-area')
    admin.press('nt:a:settlement')
    if (district !== null) {
      await says(admin, 'admin.notice.ask-district')
      admin.press(`nt:d:${await idOf(t.db, 'districts', district)}`)
    }
    await says(admin, 'admin.notice.ask-settlement')
  }

  /** From the streets question to the preview's question. */
  /** At the window question: 13:00–23:00 (late in the evening, tomorrow's when asked), the text, no photo. */
  async function windowTextNoPhoto(admin: Person, body: string): Promise<void> {
    admin.sendText('13:00–23:00')
    const next = await admin.waitForMessage((m) =>
      ['admin.notice.ask-body', 'admin.notice.error.window-past-today'].some((key) =>
        (m.text ?? '').includes(opening('ru', key)),
      ),
    )
    if ((next.text ?? '').includes(opening('ru', 'admin.notice.error.window-past-today'))) {
      admin.press('nt:tw:yes')
      await says(admin, 'admin.notice.ask-body')
    }
    admin.sendText(body)
    await says(admin, 'admin.notice.ask-photo')
    admin.press('nt:ph:none')
  }

  async function describeOutage(admin: Person, body: string): Promise<void> {
    await says(admin, 'admin.notice.ask-streets')
    admin.press('nt:st:all')
    await says(admin, 'admin.notice.ask-service')
    admin.press('nt:sv:water')
    await says(admin, 'admin.notice.ask-window')
    admin.sendText('завтра утром')
    await says(admin, 'admin.notice.error.window-invalid')
    // Over today (but in the first minute of the day): tomorrow is offered, not assumed; "no" asks again.
    admin.sendText('00:00–00:01')
    await says(admin, 'admin.notice.error.window-past-today')
    admin.press('nt:tw:no')
    await says(admin, 'admin.notice.ask-window')
    await windowTextNoPhoto(admin, body)
  }

  const districtName = async (code: string) =>
    (await t.db.selectFrom('districts').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name

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

  it('when a region admin composes, previews and confirms a notice for a settlement, then its residents get it once and the progress message shows them all sent', async () => {
    const inside = await residentsLivingIn(t.db, 'lida.lida', 3)
    const outside = await residentsLivingIn(t.db, 'slonim.slonim', 2)
    const body = 'Отключение холодной воды в Лиде: ремонт водовода'
    const admin = await anAdmin('region_admin', null)
    await startNotice(admin, 'lida')
    admin.press(`nt:s:${await idOf(t.db, 'settlements', 'lida.lida')}`)
    await describeOutage(admin, body)

    await says(admin, 'admin.notice.preview-title')
    const preview = await admin.waitForMessage((m) => (m.text ?? '').includes(body))
    expect(preview.text).toContain(plain('ru', 'notice.kind.planned_outage'))
    expect(preview.text).toContain('Услуга: Холодная вода')
    expect(preview.text).toContain('Где: Лида')
    expect(preview.text).toMatch(/Когда: \d+ [а-я]+ с 13:00 до 23:00/)
    await says(admin, 'admin.notice.preview-ask')
    expect(await copies(inside, body)).toEqual([0, 0, 0])

    admin.press('nt:pv:send')
    const progress = await says(admin, 'admin.notice.progress.title')
    const done = await admin.waitForMessage(
      (m) =>
        m.message_id === progress.message_id &&
        (m.text ?? '').includes(plain('ru', 'admin.notice.state.sent')) &&
        (m.text ?? '').includes(
          plain('ru', 'admin.notice.progress.counts', {
            recipients: 3,
            sent: 3,
            failed: 0,
            blocked: 0,
            waiting: 0,
          }),
        ),
      30_000,
    )
    expect(done.message_id).toBe(progress.message_id)
    expect(await copies(inside, body)).toEqual([1, 1, 1])
    expect(await copies(outside, body)).toEqual([0, 0])
    const notice = await t.db
      .selectFrom('notices')
      .select(['state', 'kind', 'service', 'area', 'starts_at', 'ends_at'])
      .where('body', '=', body)
      .executeTakeFirstOrThrow()
    expect(notice).toMatchObject({ state: 'sent', kind: 'planned_outage', service: 'water' })
    expect(notice.area).toEqual({
      scope: 'settlement',
      settlementId: await idOf(t.db, 'settlements', 'lida.lida'),
      streets: [],
    })
    expect(notice.ends_at?.getTime()).toBeGreaterThan(Date.now())

    // A correction reaches those who already received the notice.
    const corrected = 'Воды не будет до 23:00, ремонт затянулся'
    admin.sendCommand('/notices')
    await admin.waitForMessage((m) => (m.text ?? '').includes(body))
    admin.press(plain('ru', 'admin.notice.button.correct'))
    await says(admin, 'admin.notice.ask-correction')
    admin.sendText(corrected)
    await says(admin, 'admin.notice.corrected-done')
    await eventually(async () => (await copies(inside, corrected)).every((n) => n === 1), 20_000)
    expect(await copies(outside, corrected)).toEqual([0, 0])

    // The end is announced: who received it hears the service is restored.
    const restored = plain('ru', 'admin.notice.restored', { service: plain('ru', 'admin.notice.service.water') }).split(
      '.',
    )[0] as string
    admin.sendCommand('/notices')
    await admin.waitForMessage((m) => (m.text ?? '').includes(corrected))
    admin.press(plain('ru', 'admin.notice.button.end'))
    await says(admin, 'admin.notice.ended')
    await new Promise<void>((resolve, reject) => {
      const started = Date.now()
      const check = async () => {
        const told = await copies(inside, restored)
        if (told.every((n) => n === 1)) resolve()
        else if (Date.now() - started > 20_000) reject(new Error(`restored messages: ${told.join(',')}`))
        else setTimeout(() => void check(), 200)
      }
      void check()
    })
    expect(await copies(outside, restored)).toEqual([0, 0])
  })

  it("when a region admin ticks two districts, then the preview names both and the residents of both get the notice, and a third district's do not", async () => {
    const lida = await residentsLivingIn(t.db, 'lida.lida', 2)
    const slonim = await residentsLivingIn(t.db, 'slonim.slonim', 2)
    const mosty = await residentsLivingIn(t.db, 'mosty.mosty', 2)
    const body = 'Отключение газа в двух районах: проверка газопровода'
    const [lidaId, slonimId] = [await idOf(t.db, 'districts', 'lida'), await idOf(t.db, 'districts', 'slonim')]
    const admin = await anAdmin('region_admin', null)
    admin.sendCommand('/notice')
    await says(admin, 'admin.notice.ask-kind')
    admin.press('nt:k:planned_outage')
    await says(admin, 'admin.notice.ask-area')
    admin.press('nt:a:district')
    await says(admin, 'admin.notice.ask-districts')
    // "Done" with nothing ticked is refused with a hint, the picker stays.
    admin.press('nt:dt:done')
    expect((await admin.waitForCallbackAnswer()).text).toBe(plain('ru', 'admin.notice.error.area-empty'))
    for (const id of [lidaId, slonimId, await idOf(t.db, 'districts', 'mosty')]) {
      admin.press(`nt:dt:${id}`)
      await admin.waitForCallbackAnswer()
    }
    // A second press takes Mosty away again.
    admin.press(`nt:dt:${await idOf(t.db, 'districts', 'mosty')}`)
    await admin.waitForCallbackAnswer()
    const ticked = admin
      .inlineButtons()
      .filter((b) => b.text.startsWith('✅'))
      .map((b) => b.data)
    expect(ticked).toEqual([`nt:dt:${lidaId}`, `nt:dt:${slonimId}`])
    admin.press('nt:dt:done')
    await says(admin, 'admin.notice.ask-service')
    admin.press('nt:sv:gas')
    await says(admin, 'admin.notice.ask-window')
    await windowTextNoPhoto(admin, body)
    const preview = await says(admin, 'admin.notice.preview-title')
    expect(preview.text).toContain((await districtName('lida')).ru)
    expect(preview.text).toContain((await districtName('slonim')).ru)
    expect(preview.text).not.toContain((await districtName('mosty')).ru)
    await says(admin, 'admin.notice.preview-ask')
    admin.press('nt:pv:send')
    await says(admin, 'admin.notice.progress.title')
    await eventually(
      async () => [...(await copies(lida, body)), ...(await copies(slonim, body))].every((n) => n === 1),
      30_000,
    )
    expect(await copies(mosty, body)).toEqual([0, 0])
    const notice = await t.db.selectFrom('notices').select('area').where('body', '=', body).executeTakeFirstOrThrow()
    expect(notice.area).toEqual({ scope: 'districts', districtIds: [lidaId, slonimId] })

    // /notices names the districts too.
    admin.sendCommand('/notices')
    const listed = await admin.waitForMessage((m) => (m.text ?? '').includes(body))
    expect(listed.text).toContain((await districtName('slonim')).ru)
  })

  it('when a district admin of another district picks a settlement outside it, then the notice is refused and nobody gets it', async () => {
    const inside = await residentsLivingIn(t.db, 'lida.lida', 2)
    const body = 'Чужое объявление, которое не должно уйти'
    const admin = await anAdmin('district_admin', 'slonim')
    await startNotice(admin, null)
    // Only Slonim's settlements are offered; a modified client sends Lida's anyway.
    admin.pressData(`nt:s:${await idOf(t.db, 'settlements', 'lida.lida')}`)
    await describeOutage(admin, body)
    await says(admin, 'admin.notice.preview-ask')
    admin.press('nt:pv:send')
    await says(admin, 'admin.notice.error.not-allowed')
    const stored = await t.db.selectFrom('notices').select('id').where('body', '=', body).execute()
    expect(stored).toEqual([])
    expect(await copies(inside, body)).toEqual([0, 0])
  })

  it('when an admin leaves the notice wizard at the preview with /cancel, then nothing is stored', async () => {
    const body = 'Объявление, которое передумали отправлять'
    const admin = await anAdmin('district_admin', 'slonim')
    await startNotice(admin, null)
    admin.press(`nt:s:${await idOf(t.db, 'settlements', 'slonim.slonim')}`)
    await describeOutage(admin, body)
    await says(admin, 'admin.notice.preview-ask')
    admin.sendCommand('/cancel')
    await says(admin, 'staff.cancelled')
    expect(await t.db.selectFrom('notices').select('id').where('body', '=', body).execute()).toEqual([])
  })

  it('when an admin loses the role while the wizard waits, then "send" is refused and nothing goes out', async () => {
    const body = 'Объявление от того, кого уже сняли'
    const admin = await anAdmin('district_admin', 'slonim')
    await startNotice(admin, null)
    admin.press(`nt:s:${await idOf(t.db, 'settlements', 'slonim.slonim')}`)
    await describeOutage(admin, body)
    await says(admin, 'admin.notice.preview-ask')
    const userId = await ensureChannelUser(t.db, { channel: 'telegram', externalId: String(admin.user.id) })
    await t.db.updateTable('staff_memberships').set({ revoked_at: new Date() }).where('user_id', '=', userId).execute()
    admin.press('nt:pv:send')
    await says(admin, 'admin.notice.error.not-allowed')
    const stored = await t.db.selectFrom('notices').select('state').where('body', '=', body).execute()
    expect(stored.filter((n) => n.state !== 'draft' && n.state !== 'cancelled')).toEqual([])
  })

  it('when an admin of another district presses "correct" on a notice, then no text is asked for', async () => {
    const body = 'Объявление Лиды, которое правит только Лида'
    const lida = await anAdmin('district_admin', 'lida')
    await startNotice(lida, null)
    lida.press(`nt:s:${await idOf(t.db, 'settlements', 'lida.lida')}`)
    await describeOutage(lida, body)
    await says(lida, 'admin.notice.preview-ask')
    lida.press('nt:pv:send')
    const notice = await eventually(async () => {
      const row = await t.db.selectFrom('notices').select('id').where('body', '=', body).executeTakeFirst()
      return row?.id
    })
    const slonim = await anAdmin('district_admin', 'slonim')
    slonim.sendCommand('/notices')
    slonim.pressData(`nt:fix:${notice}`)
    await says(slonim, 'admin.notice.error.not-allowed')
    expect(slonim.messages().some((m) => (m.text ?? '').includes(opening('ru', 'admin.notice.ask-correction')))).toBe(
      false,
    )
  })

  /** The bytes of a file the bot sent, through the fake Bot API's getFile and file download. */
  async function download(fileId: string): Promise<Buffer> {
    const api = `${telegram.apiRoot}/bot${telegram.token}`
    const info = (await (await fetch(`${api}/getFile?file_id=${encodeURIComponent(fileId)}`)).json()) as {
      result: { file_path: string }
    }
    const response = await fetch(`${telegram.apiRoot}/file/bot${telegram.token}/${info.result.file_path}`)
    return Buffer.from(await response.arrayBuffer())
  }

  it('when admins ask for /stats and /export, then they get figures as text and three charts, and the requests in their scope as CSV or XLSX', async () => {
    const now = Date.now()
    await aRequestWith(t.db, {
      organisation: 'mosty-housing',
      district: 'mosty',
      createdAt: new Date(now - 60_000),
      status: 'new',
      phone: '+375291112233',
    })
    await aRequestWith(t.db, {
      organisation: 'mosty-housing',
      district: 'mosty',
      createdAt: new Date(now - 120_000),
      status: 'accepted',
      acceptedAfterH: 0.01,
    })
    await aRequestWith(t.db, {
      organisation: 'zelva-housing',
      district: 'zelva',
      createdAt: new Date(now - 60_000),
      status: 'new',
    })
    const numbers = async (district: string) =>
      (
        await t.db
          .selectFrom('requests')
          .select('number')
          .where('district_id', '=', await idOf(t.db, 'districts', district))
          .execute()
      ).map((r) => r.number)

    const region = await anAdmin('region_admin', null)
    region.sendCommand('/stats', 'today mosty')
    const figures = await says(region, 'admin.stats.legend')
    expect(figures.text).toContain('Мостовский район')
    expect(figures.text).toContain('поступило 2 ')
    const chart = await region.waitForMessage((m) => m.photo !== undefined)
    const png = await download(chart.photo?.at(-1)?.file_id ?? '')
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG')
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1000)
    // Three pictures in one album: per organisation, per day, per rating.
    const album = region.messages().filter((m) => m.media_group_id === chart.media_group_id)
    expect(album).toHaveLength(3)

    region.sendCommand('/export', 'today')
    const full = await region.waitForMessage((m) => m.document !== undefined)
    expect(full.document?.file_name).toMatch(/^requests-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/)
    const all = (await download(full.document?.file_id ?? '')).toString('utf8')
    expect(all.startsWith('\uFEFF')).toBe(true)
    const allLines = all.slice(1).trimEnd().split('\r\n')
    expect(allLines[0]).toContain(plain('ru', 'admin.export.column.phone'))
    for (const number of [...(await numbers('mosty')), ...(await numbers('zelva'))])
      expect(allLines.some((l) => l.startsWith(`${number},`))).toBe(true)
    expect(all).toContain('+375291112233')

    // The same as a spreadsheet: the button under the CSV, and `/export today xlsx`.
    expect(region.inlineButtons(full).map((b) => b.data)).toEqual([expect.stringMatching(/^ad:x:\d{8}:\d{8}$/)])
    region.press(plain('ru', 'admin.export.xlsx-button'))
    const pressed = await region.waitForMessage((m) => m.document?.file_name?.endsWith('.xlsx') === true)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await download(pressed.document?.file_id ?? '')) as unknown as ExcelJS.Buffer)
    const sheet = book.worksheets[0]
    const column = (sheet?.getRow(1).values as unknown[]).slice(1)
    expect(column).toContain(plain('ru', 'admin.export.column.phone'))
    const xlsxNumbers = (sheet?.getColumn(1).values ?? []).slice(2)
    expect([...xlsxNumbers].sort()).toEqual([...(await numbers('mosty')), ...(await numbers('zelva'))].sort())
    expect(sheet?.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.Date)
    expect(book.worksheets[1]?.name).toBe(plain('ru', 'admin.export.sheet.stats'))

    const mosty = await anAdmin('district_admin', 'mosty')
    mosty.sendCommand('/export', 'today')
    const own = await mosty.waitForMessage((m) => m.document !== undefined)
    const mine = (await download(own.document?.file_id ?? '')).toString('utf8').slice(1).trimEnd().split('\r\n')
    expect(mine[0]).not.toContain(plain('ru', 'admin.export.column.phone'))
    expect(
      mine
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual((await numbers('mosty')).sort())
    expect(mine.join('\n')).not.toContain('+375291112233')
    mosty.sendCommand('/export', 'today xlsx')
    const ownBook = await mosty.waitForMessage((m) => m.document?.file_name?.endsWith('.xlsx') === true)
    const ownXlsx = new ExcelJS.Workbook()
    await ownXlsx.xlsx.load((await download(ownBook.document?.file_id ?? '')) as unknown as ExcelJS.Buffer)
    expect((ownXlsx.worksheets[0]?.getRow(1).values as unknown[]).slice(1)).not.toContain(
      plain('ru', 'admin.export.column.phone'),
    )

    mosty.sendCommand('/stats', 'today zelva')
    await says(mosty, 'admin.report.error.not-allowed')
  })

  it('when an admin schedules a notice for a district and then cancels it in /notices, then it waits for its time and never goes out', async () => {
    const people = await residentsLivingIn(t.db, 'dyatlovo.dyatlovo', 2)
    const body = 'Запланированное и отменённое объявление'
    const admin = await anAdmin('district_admin', 'dyatlovo')
    admin.sendCommand('/notice')
    await says(admin, 'admin.notice.ask-kind')
    admin.press('nt:k:information')
    await says(admin, 'admin.notice.ask-area')
    expect(admin.inlineButtons().map((b) => b.data)).not.toContain('nt:a:region')
    // Their own district is the only one they may send to: nothing to choose.
    admin.press('nt:a:district')
    await says(admin, 'admin.notice.ask-service')
    expect(admin.inlineButtons().some((b) => b.data?.startsWith('nt:dt:'))).toBe(false)
    admin.press('nt:sv:heating')
    await says(admin, 'admin.notice.ask-window')
    await windowTextNoPhoto(admin, body)
    const preview = await says(admin, 'admin.notice.preview-title')
    expect(preview.text).toContain((await districtName('dyatlovo')).ru)
    await says(admin, 'admin.notice.preview-ask')
    admin.press('nt:pv:schedule')
    await says(admin, 'admin.notice.ask-send-at')
    admin.sendText('23:30')
    await says(admin, 'admin.notice.error.send-at-after-end')
    await says(admin, 'admin.notice.preview-ask')
    admin.press('nt:pv:schedule')
    await says(admin, 'admin.notice.ask-send-at')
    admin.sendText('22:00')
    await says(admin, 'admin.notice.scheduled-for')
    // The refused first time left a cancelled draft behind; the notice is the newest row.
    const stateOf = async () =>
      (
        await t.db
          .selectFrom('notices')
          .select('state')
          .where('body', '=', body)
          .orderBy('id', 'desc')
          .executeTakeFirst()
      )?.state
    await eventually(async () => (await stateOf()) === 'scheduled')
    const notice = await t.db
      .selectFrom('notices')
      .select(['id', 'state', 'send_at', 'area'])
      .where('body', '=', body)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(
      await t.db.selectFrom('notices').select('state').where('body', '=', body).where('id', '<>', notice.id).execute(),
    ).toEqual([{ state: 'cancelled' }])
    expect(notice.state).toBe('scheduled')
    expect(notice.area).toEqual({ scope: 'districts', districtIds: [await idOf(t.db, 'districts', 'dyatlovo')] })
    expect(notice.send_at?.getTime()).toBeGreaterThan(Date.now())

    admin.sendCommand('/notices')
    await admin.waitForMessage((m) => (m.text ?? '').includes(body))
    admin.press(`nt:stop:${notice.id}`)
    await says(admin, 'admin.notice.cancelled')
    const after = await t.db.selectFrom('notices').select('state').where('id', '=', notice.id).executeTakeFirstOrThrow()
    expect(after.state).toBe('cancelled')
    expect(await copies(people, body)).toEqual([0, 0])
  })

  it('when an admin opens /deadletters, then the undelivered messages are listed with their reasons and without their payloads', async () => {
    await t.db
      .insertInto('dead_letters')
      .values({
        queue: 'telegram-send',
        job_name: 'status-update',
        job_id: 'ob-424242',
        payload: JSON.stringify({ secret: 'не показывать' }),
        reason: 'send failed: 500 Internal Server Error',
        attempts: 5,
      })
      .execute()
    const admin = await anAdmin('region_admin', null)
    admin.sendCommand('/deadletters')
    const list = await says(admin, 'admin.deadletters.title')
    expect(list.text).toContain('send failed: 500 Internal Server Error')
    expect(list.text).toContain('telegram-send/status-update')
    expect(list.text).not.toContain('не показывать')
  })
})
