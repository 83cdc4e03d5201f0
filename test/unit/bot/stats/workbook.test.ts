import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { WorkbookTexts } from '../../../../src/bot/telegram/staff/stats/workbook.js'
import { regionDate, requestsWorkbook } from '../../../../src/bot/telegram/staff/stats/workbook.js'
import type { Actor } from '../../../../src/core/access/permissions.js'
import type { ExportedRequest } from '../../../../src/core/admin/export-requests.js'
import { makeExportRequests } from '../../../../src/core/admin/export-requests.js'
import type { OrganisationFigures } from '../../../../src/core/admin/organisation-stats.js'
import { parsePeriod } from '../../../../src/core/admin/period.js'
import type { Language, Text } from '../../../../src/core/i18n/text.js'
import type { Translate } from '../../../../src/core/i18n/translate.js'

const ZONE = 'Europe/Minsk'
const PERIOD = parsePeriod('2026-11-01..2026-11-30', new Date('2026-12-01T10:00:00Z'), ZONE)
if (!PERIOD) throw new Error('period')

const name = (ru: string, be: string, en: string) => ({ ru, be, en })
const ROW: ExportedRequest = {
  number: 'ST-26-000001',
  createdAt: new Date('2026-11-01T07:05:00Z'),
  district: name('Лидский', 'Лідскі', 'Lida'),
  category: name('Отопление', 'Ацяпленне', 'Heating'),
  organisation: 'lida-housing',
  status: 'done',
  priority: 'normal',
  source: 'telegram',
  place: { settlement: name('Лида', 'Ліда', 'Lida'), street: 'Советская', house: '5' },
  description: 'Холодные батареи',
  acceptedAt: null,
  fixDueAt: new Date('2026-11-03T07:00:00Z'),
  doneAt: null,
  rating: 4,
  personal: { addressText: 'Лида, ул. Советская, 5, кв. 7', name: 'Иван', phone: '+375291234567' },
}
const FIGURES: OrganisationFigures[] = [
  {
    code: 'lida-housing',
    name: name('ЖКХ Лидского района', 'ЖКГ Лідскага раёна', 'Lida housing'),
    received: 10,
    open: 3,
    overdue: 1,
    doneOnTime: 6,
    doneOnTimePct: 85.7,
    medianAcceptMinutes: 90,
    medianFinishMinutes: 600,
    reopenPct: 10,
    averageRating: 4.25,
  },
  {
    code: null,
    name: null,
    received: 2,
    open: 2,
    overdue: 0,
    doneOnTime: 0,
    doneOnTimePct: null,
    medianAcceptMinutes: null,
    medianFinishMinutes: null,
    reopenPct: 0,
    averageRating: null,
  },
]

const keys: Translate = (_language, message) =>
  (Array.isArray(message) ? message : [message]).map((m: Text) => m.key).join(' ')
const TEXTS: WorkbookTexts = {
  requestsSheet: 'Заявки',
  statsSheet: 'Статистика',
  statsTitle: 'Статистика с 2026-11-01 по 2026-11-30 — Лидский район',
  statsColumns: [
    'Организация',
    'Поступило',
    'Открыто',
    'Просрочено',
    'В срок',
    '%',
    'Принятие',
    'Выполнение',
    'Повт.',
    'Оценка',
  ],
  total: 'Итого',
  triage: 'Без организации',
}

/** The export as /export xlsx makes it for this actor, read back with exceljs. */
async function exportedWorkbook(actor: Actor, language: Language): Promise<ExcelJS.Workbook> {
  const run = makeExportRequests({
    requestsForExport: (query) => Promise.resolve([{ ...ROW, personal: query.personal ? ROW.personal : null }]),
    stats: { figures: () => Promise.resolve(FIGURES), districtName: () => Promise.resolve(null) },
    now: () => new Date('2026-12-01T10:00:00Z'),
    translate: keys,
    timeZone: ZONE,
  })
  if (!PERIOD) throw new Error('period')
  const result = await run(actor, PERIOD, language, { figures: true })
  if (!result.ok) throw new Error(result.error)
  const file = await requestsWorkbook({
    table: result.table,
    figures: result.figures ?? [],
    texts: TEXTS,
    language,
    timeZone: ZONE,
  })
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(file as unknown as ExcelJS.Buffer)
  return book
}

const region: Actor = { userId: 1, memberships: [{ role: 'region_admin', organisationId: null, districtId: null }] }
const lida: Actor = { userId: 2, memberships: [{ role: 'district_admin', organisationId: null, districtId: 10 }] }

const everything = (sheet: ExcelJS.Worksheet): string[] => {
  const out: string[] = []
  sheet.eachRow((row) => {
    row.eachCell((cell) => {
      out.push(cell.text)
    })
  })
  return out
}

describe('/export as XLSX', () => {
  it('when a region admin exports, then sheet 1 has the header frozen and filtered, real dates on the region clock, numbers as numbers, and personal data', async () => {
    const book = await exportedWorkbook(region, 'en')
    expect(book.worksheets.map((s) => s.name)).toEqual(['Заявки', 'Статистика'])
    const sheet = book.worksheets[0]
    if (!sheet) throw new Error('sheet 1')
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header[0]).toBe('admin.export.column.number')
    expect(header.at(-1)).toBe('admin.export.column.phone')
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.autoFilter).toBeTruthy()
    expect(sheet.rowCount).toBe(2)

    const row = sheet.getRow(2)
    expect(row.getCell(1).value).toBe('ST-26-000001')
    const created = row.getCell(2)
    expect(created.type).toBe(ExcelJS.ValueType.Date)
    // 07:05 UTC is 10:05 in Minsk: the spreadsheet shows the region's clock.
    expect(created.value).toEqual(new Date('2026-11-01T10:05:00Z'))
    expect(created.numFmt).toBe('dd.mm.yyyy hh:mm')
    expect(row.getCell(3).value).toBe('Lida')
    expect(row.getCell(9).value).toBe('Lida, Советская, 5')
    expect(row.getCell(11).type).toBe(ExcelJS.ValueType.Null)
    expect(row.getCell(12).type).toBe(ExcelJS.ValueType.Date)
    expect(row.getCell(14).type).toBe(ExcelJS.ValueType.Number)
    expect(row.getCell(14).value).toBe(4)
    expect(row.getCell(17).value).toBe('+375291234567')
    expect(sheet.getColumn(10).width).toBeGreaterThan(sheet.getColumn(14).width ?? 0)
  })

  it('when a district admin without export.personal_data exports, then no personal column or value is anywhere in the file', async () => {
    const book = await exportedWorkbook(lida, 'ru')
    const sheet = book.worksheets[0]
    if (!sheet) throw new Error('sheet 1')
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toHaveLength(14)
    expect(header).not.toContain('admin.export.column.phone')
    for (const s of book.worksheets) {
      const cells = everything(s).join('\n')
      expect(cells).not.toContain('+375291234567')
      expect(cells).not.toContain('Иван')
      expect(cells).not.toContain('кв. 7')
    }
  })

  it('when the period has figures, then sheet 2 lists them per organisation in the language with a total row', async () => {
    const book = await exportedWorkbook(lida, 'be')
    const sheet = book.worksheets[1]
    if (!sheet) throw new Error('sheet 2')
    expect(sheet.getCell('A1').value).toBe(TEXTS.statsTitle)
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(TEXTS.statsColumns)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 })
    expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual([
      'ЖКГ Лідскага раёна',
      10,
      3,
      1,
      6,
      85.7,
      1.5,
      10,
      10,
      4.25,
    ])
    expect(sheet.getRow(5).getCell(1).value).toBe('Без организации')
    expect(sheet.getRow(5).getCell(6).type).toBe(ExcelJS.ValueType.Null)
    expect((sheet.getRow(6).values as unknown[]).slice(1, 6)).toEqual(['Итого', 12, 5, 1, 6])
  })
})

describe('regionDate', () => {
  it('when an instant is past midnight in Minsk but not in UTC, then the spreadsheet date is the Minsk day', () => {
    expect(regionDate(new Date('2026-11-30T22:30:00Z'), ZONE)).toEqual(new Date('2026-12-01T01:30:00Z'))
  })
})
