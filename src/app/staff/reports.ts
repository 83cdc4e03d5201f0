import type { StaffFeature } from '../../bot/telegram/context.js'
import { createReportsFeature } from '../../bot/telegram/staff/stats/feature.js'
import type { ReportPorts } from '../../bot/telegram/staff/stats/ports.js'
import { toCsv } from '../../core/admin/csv.js'
import { makeListDeadLetters } from '../../core/admin/list-dead-letters.js'
import { reportScope } from '../../core/admin/scope.js'
import { can } from '../../core/access/permissions.js'
import { LANGUAGES, text } from '../../core/i18n/text.js'
import { deadLetterPage, requestsForExport } from '../../db/repositories/admin-reports.js'
import { organisationStats } from '../../db/repositories/stats.js'
import type { StaffWiring } from './wiring.js'

const EXPORT_COLUMNS = [
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

/** /stats, /export and /deadletters over PostgreSQL, scoped by the core permission catalogue. */
export function createReportsFeatureFor(wiring: StaffWiring): StaffFeature {
  const { db, translate } = wiring
  const now = () => new Date()
  const districtName = async (districtId: number | null) =>
    districtId === null
      ? null
      : ((await db.selectFrom('districts').select('name').where('id', '=', districtId).executeTakeFirst())?.name ??
        null)

  const ports: ReportPorts = {
    timeZone: wiring.config.timeZone,
    now,
    findDistrict: async (word) => {
      const needle = word.toLowerCase()
      const rows = await db.selectFrom('districts').select(['id', 'code', 'name']).orderBy('id').execute()
      return (
        rows.find((d) => d.code === needle) ??
        rows.find((d) => LANGUAGES.some((language) => d.name[language].toLowerCase().startsWith(needle))) ??
        null
      )
    },
    stats: async (actor, period, requested) => {
      const scope = reportScope(actor, 'stats.view', requested)
      if (!scope.ok) return scope
      const rows = await organisationStats(db, {
        from: period.from,
        to: period.to,
        districtId: scope.districtId,
        now: now(),
      })
      return { ok: true, district: await districtName(scope.districtId), rows }
    },
    exportRequests: async (actor, period, language) => {
      const scope = reportScope(actor, 'export.requests', null)
      if (!scope.ok) return scope
      const personal = can(actor, 'export.personal_data', { districtId: scope.districtId })
      const rows = await requestsForExport(db, {
        from: period.from,
        to: period.to,
        districtId: scope.districtId,
        personal,
      })
      const header = [...EXPORT_COLUMNS, ...(personal ? PERSONAL_COLUMNS : [])].map((c) =>
        translate(language, text(`admin.export.column.${c}`)),
      )
      const iso = (d: Date | null) => d?.toISOString() ?? null
      const csv = toCsv(
        header,
        rows.map((r) => [
          r.number,
          iso(r.createdAt),
          r.district[language],
          r.category[language],
          r.organisation,
          r.status,
          r.priority,
          r.source,
          r.place,
          r.description,
          iso(r.acceptedAt),
          iso(r.fixDueAt),
          iso(r.doneAt),
          r.rating,
          ...(r.personal ? [r.personal.addressText, r.personal.name, r.personal.phone] : []),
        ]),
      )
      return { ok: true, csv, count: rows.length, personal }
    },
    deadLetters: makeListDeadLetters({ deadLetters: deadLetterPage(db) }),
  }
  return createReportsFeature({ ports, translate })
}
