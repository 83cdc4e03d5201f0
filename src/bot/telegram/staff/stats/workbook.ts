import ExcelJS from 'exceljs'
import type { ExportCell, ExportColumn, ExportTable } from '../../../../core/admin/export-requests.js'
import type { OrganisationFigures } from '../../../../core/admin/organisation-stats.js'
import type { Language } from '../../../../core/i18n/text.js'
import { toLocal } from '../../../../core/sla/zoned-time.js'

/** The words of the file, already in the reader's language (plain text, no markup). */
export interface WorkbookTexts {
  requestsSheet: string
  statsSheet: string
  statsTitle: string
  statsColumns: readonly string[]
  total: string
  triage: string
}

const WIDTHS: Record<ExportColumn, number> = {
  number: 14,
  created: 17,
  district: 22,
  category: 30,
  organisation: 22,
  status: 13,
  priority: 11,
  source: 11,
  place: 34,
  description: 60,
  accepted: 17,
  'fix-due': 17,
  done: 17,
  rating: 9,
  address: 40,
  name: 24,
  phone: 17,
}

const DATE_TIME = 'dd.mm.yyyy hh:mm'
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }

/**
 * A spreadsheet has no time zones: an instant becomes the date and time on the region's clock,
 * stored as if it were UTC (which is how a spreadsheet date is written).
 */
export function regionDate(instant: Date, timeZone: string): Date {
  const l = toLocal(instant, timeZone)
  return new Date(Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second))
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true }
  row.alignment = { vertical: 'middle', wrapText: true }
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL
  })
}

function requestsSheet(book: ExcelJS.Workbook, table: ExportTable, name: string, timeZone: string): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = table.columns.map((c) => ({ header: c.title, key: c.key, width: WIDTHS[c.key] }))
  const value = (cell: ExportCell): ExcelJS.CellValue =>
    cell !== null && typeof cell === 'object' ? regionDate(cell.at, timeZone) : cell
  for (const row of table.rows) sheet.addRow(row.map(value))
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1)
    if (['created', 'accepted', 'fix-due', 'done'].includes(c.key)) column.numFmt = DATE_TIME
    if (c.key === 'description' || c.key === 'place' || c.key === 'address')
      column.alignment = { wrapText: true, vertical: 'top' }
  })
  styleHeader(sheet.getRow(1))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } }
}

const hours = (minutes: number | null): number | null => (minutes === null ? null : Math.round(minutes / 6) / 10)

function statsSheet(
  book: ExcelJS.Workbook,
  figures: readonly OrganisationFigures[],
  texts: WorkbookTexts,
  language: Language,
): void {
  const header = 3
  const sheet = book.addWorksheet(texts.statsSheet, { views: [{ state: 'frozen', ySplit: header }] })
  sheet.getCell('A1').value = texts.statsTitle
  sheet.getCell('A1').font = { bold: true, size: 13 }
  sheet.getRow(header).values = [...texts.statsColumns]
  styleHeader(sheet.getRow(header))
  sheet.getRow(header).height = 32
  for (const f of figures)
    sheet.addRow([
      f.name ? f.name[language] : texts.triage,
      f.received,
      f.open,
      f.overdue,
      f.doneOnTime,
      f.doneOnTimePct,
      hours(f.medianAcceptMinutes),
      hours(f.medianFinishMinutes),
      f.reopenPct,
      f.averageRating,
    ])
  const sum = (pick: (f: OrganisationFigures) => number) => figures.reduce((n, f) => n + pick(f), 0)
  const total = sheet.addRow([
    texts.total,
    sum((f) => f.received),
    sum((f) => f.open),
    sum((f) => f.overdue),
    sum((f) => f.doneOnTime),
  ])
  total.font = { bold: true }
  sheet.getColumn(1).width = 48
  sheet.getColumn(1).alignment = { wrapText: true, vertical: 'top' }
  for (let i = 2; i <= texts.statsColumns.length; i++) sheet.getColumn(i).width = 14
  sheet.autoFilter = { from: { row: header, column: 1 }, to: { row: header, column: texts.statsColumns.length } }
}

/** /export as XLSX: the requests on sheet 1, the period's figures per organisation on sheet 2. */
export async function requestsWorkbook(input: {
  table: ExportTable
  figures: readonly OrganisationFigures[]
  texts: WorkbookTexts
  language: Language
  timeZone: string
}): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.created = new Date(0)
  requestsSheet(book, input.table, input.texts.requestsSheet, input.timeZone)
  statsSheet(book, input.figures, input.texts, input.language)
  return Buffer.from(await book.xlsx.writeBuffer())
}
