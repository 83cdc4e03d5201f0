import type { Actor } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { Language, LocalizedText } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { Translate } from '../i18n/translate.js'
import { isoDate, toLocal } from '../sla/zoned-time.js'
import { toCsv } from './csv.js'
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

export type ExportResult =
  { ok: true; csv: string; count: number; personal: boolean } | { ok: false; error: 'not-allowed' }

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

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-01 10:00` on the region's clock: what a spreadsheet reader expects, not UTC. */
export function regionTime(instant: Date, timeZone: string): string {
  const local = toLocal(instant, timeZone)
  return `${isoDate(local)} ${pad(local.hour)}:${pad(local.minute)}`
}

/**
 * /export: a CSV of the requests of the period in the actor's scope, in the admin's language and
 * the region's time; residents' name, phone and full address only for those holding export.personal_data.
 */
export function makeExportRequests(deps: {
  requestsForExport: RequestsForExport
  translate: Translate
  timeZone: string
}) {
  return async (actor: Actor, period: Period, language: Language): Promise<ExportResult> => {
    const scope = reportScope(actor, 'export.requests', null)
    if (!scope.ok) return scope
    const personal = can(actor, 'export.personal_data', { districtId: scope.districtId })
    const rows = await deps.requestsForExport({
      from: period.from,
      to: period.to,
      districtId: scope.districtId,
      personal,
    })
    const header = [...COLUMNS, ...(personal ? PERSONAL_COLUMNS : [])].map((c) =>
      deps.translate(language, text(`admin.export.column.${c}`)),
    )
    const time = (d: Date | null) => (d === null ? null : regionTime(d, deps.timeZone))
    const place = (p: ExportedRequest['place']) =>
      [p.settlement?.[language] ?? null, p.street, p.house].filter((s) => s !== null && s !== '').join(', ')
    const csv = toCsv(
      header,
      rows.map((r) => [
        r.number,
        time(r.createdAt),
        r.district[language],
        r.category[language],
        r.organisation,
        r.status,
        r.priority,
        r.source,
        place(r.place),
        r.description,
        time(r.acceptedAt),
        time(r.fixDueAt),
        time(r.doneAt),
        r.rating,
        ...(personal && r.personal ? [r.personal.addressText, r.personal.name, r.personal.phone] : []),
      ]),
    )
    return { ok: true, csv, count: rows.length, personal }
  }
}
