import type { StaffFeature } from '../../bot/telegram/context.js'
import { createReportsFeature } from '../../bot/telegram/staff/stats/feature.js'
import type { ReportPorts } from '../../bot/telegram/staff/stats/ports.js'
import { makeExportRequests } from '../../core/admin/export-requests.js'
import { makeFindDistrict } from '../../core/admin/find-district.js'
import { makeListDeadLetters } from '../../core/admin/list-dead-letters.js'
import { makeShowStats } from '../../core/admin/organisation-stats.js'
import type { ReportStores } from './stores.js'
import type { StaffWiring } from './wiring.js'

/** /stats, /export and /deadletters, scoped by the core permission catalogue. */
export function createReportsFeatureFor(
  { config, translate, logger }: StaffWiring,
  stores: ReportStores,
): StaffFeature {
  const now = () => new Date()
  const ports: ReportPorts = {
    timeZone: config.timeZone,
    now,
    findDistrict: makeFindDistrict({ districts: stores.districts }),
    stats: makeShowStats({ store: stores.stats, now, timeZone: config.timeZone }),
    exportRequests: makeExportRequests({
      requestsForExport: stores.requestsForExport,
      stats: stores.stats,
      now,
      translate,
      timeZone: config.timeZone,
    }),
    deadLetters: makeListDeadLetters({ deadLetters: stores.deadLetters }),
  }
  return createReportsFeature({ ports, translate, log: logger })
}
