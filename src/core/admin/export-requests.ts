import type { Actor } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { Language, LocalizedText } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { Translate } from '../i18n/translate.js'
import { isoDate, toLocal } from '../sla/zoned-time.js'
import { toCsv } from './csv.js'
import type { OrganisationFigures, StatsStore } from './organisation-stats.js'
import type { Period } from './period.js'
import { reportScope } from './scope.js'

export interface ExportedRequest {
  number: string
  createdAt: Date
  district: LocalizedText
  category: LocalizedText
  organisation: string | null
  status: string
  priority: string
  source: string
  /** Settlement, street and house only: entrance and flat point to a person. */
  place: { settlement: LocalizedText | null; street: string | null; house: string | null }
  description: string
  acceptedAt: Date | null
  fixDueAt: Date
  doneAt: Date | null
  rating: number | null
  personal: { addressText: string; name: string | null; phone: string | null } | null
}

/** Requests received in [from, to) in a district or the whole region, oldest first. */
export type RequestsForExport = (query: {
  from: Date
  to: Date
  districtId: number | null
  personal: boolean
}) => Promise<ExportedRequest[]>

/** A cell of the export: text, a number, an instant (shown on the region's clock) or empty. */
export type ExportCell = string | number | { at: Date } | null

/** The requests as a table in the reader's language, for any file format. */
export interface ExportTable {
  columns: { key: ExportColumn; title: string }[]
  rows: ExportCell[][]
}

export type ExportResult =
  | {
      ok: true
      csv: string
      table: ExportTable
      count: number
      personal: boolean
      /** The district covered, null for the whole region. */
      district: LocalizedText | null
      /** The same period's figures per organisation, when asked for. */
      figures: OrganisationFigures[] | null
    }
  | { ok: false; error: 'not-allowed' }

const COLUMNS = [
  'number',
  'created',
  'district',
  'category',
  'organisation',
  'status',
  'priority',
  'source',
  'place',
  'description',
  'accepted',
  'fix-due',
  'done',
  'rating',
] as const
const PERSONAL_COLUMNS = ['address', 'name', 'phone'] as const
export type ExportColumn = (typeof COLUMNS)[number] | (typeof PERSONAL_COLUMNS)[number]

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-01 10:00` on the region's clock: what a spreadsheet reader expects, not UTC. */
export function regionTime(instant: Date, timeZone: string): string {
  const local = toLocal(instant, timeZone)
  return `${isoDate(local)} ${pad(local.hour)}:${pad(local.minute)}`
}

/** The table as CSV text, instants written on the region's clock. */
export function tableToCsv(table: ExportTable, timeZone: string): string {
  return toCsv(
    table.columns.map((c) => c.title),
    table.rows.map((row) =>
      row.map((cell) => (cell !== null && typeof cell === 'object' ? regionTime(cell.at, timeZone) : cell)),
    ),
  )
}

/**
 * /export: the requests of the period in the actor's scope, in the admin's language and the
 * region's time; residents' name, phone and full address only for those holding export.personal_data.
 * With `figures`, the same scope's statistics come along (the spreadsheet's second sheet).
 */
export function makeExportRequests(deps: {
  requestsForExport: RequestsForExport
  stats: Pick<StatsStore, 'figures' | 'districtName'>
  now: () => Date
  translate: Translate
  timeZone: string
}) {
  return async (
    actor: Actor,
    period: Period,
    language: Language,
    options: { figures: boolean } = { figures: false },
  ): Promise<ExportResult> => {
    const scope = reportScope(actor, 'export.requests', null)
    if (!scope.ok) return scope
    const personal = can(actor, 'export.personal_data', { districtId: scope.districtId })
    const area = { from: period.from, to: period.to, districtId: scope.districtId }
    const [rows, figures, district] = await Promise.all([
      deps.requestsForExport({ ...area, personal }),
      options.figures ? deps.stats.figures({ ...area, now: deps.now() }) : null,
      scope.districtId === null ? null : deps.stats.districtName(scope.districtId),
    ])
    const columns = [...COLUMNS, ...(personal ? PERSONAL_COLUMNS : [])].map((key) => ({
      key,
      title: deps.translate(language, text(`admin.export.column.${key}`)),
    }))
    const at = (d: Date | null): ExportCell => (d === null ? null : { at: d })
    const place = (p: ExportedRequest['place']) =>
      [p.settlement?.[language] ?? null, p.street, p.house].filter((s) => s !== null && s !== '').join(', ')
    const table: ExportTable = {
      columns,
      rows: rows.map((r) => [
        r.number,
        at(r.createdAt),
        r.district[language],
        r.category[language],
        r.organisation,
        r.status,
        r.priority,
        r.source,
        place(r.place),
        r.description,
        at(r.acceptedAt),
        at(r.fixDueAt),
        at(r.doneAt),
        r.rating,
        ...(personal && r.personal ? [r.personal.addressText, r.personal.name, r.personal.phone] : []),
      ]),
    }
    return {
      ok: true,
      csv: tableToCsv(table, deps.timeZone),
      table,
      count: rows.length,
      personal,
      district,
      figures,
    }
  }
}
