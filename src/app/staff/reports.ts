import type { StaffFeature } from '../../bot/telegram/context.js'
import { createReportsFeature } from '../../bot/telegram/staff/stats/feature.js'
import type { ReportPorts } from '../../bot/telegram/staff/stats/ports.js'
import { makeExportRequests } from '../../core/admin/export-requests.js'
import { makeListDeadLetters } from '../../core/admin/list-dead-letters.js'
import { reportScope } from '../../core/admin/scope.js'
import { LANGUAGES } from '../../core/i18n/text.js'
import { deadLetterPage, requestsForExport } from '../../db/repositories/admin-reports.js'
import { organisationStats } from '../../db/repositories/stats.js'
import type { StaffWiring } from './wiring.js'

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
    exportRequests: makeExportRequests({
      requestsForExport: requestsForExport(db),
      translate,
      timeZone: wiring.config.timeZone,
    }),
    deadLetters: makeListDeadLetters({ deadLetters: deadLetterPage(db) }),
  }
  return createReportsFeature({ ports, translate })
}
