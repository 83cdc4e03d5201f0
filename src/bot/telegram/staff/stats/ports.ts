import type { Actor } from '../../../../core/access/permissions.js'
import type { ExportResult } from '../../../../core/admin/export-requests.js'
import type { DeadLetter } from '../../../../core/admin/list-dead-letters.js'
import type { OrganisationFigures, StatsResult } from '../../../../core/admin/organisation-stats.js'
import type { Period } from '../../../../core/admin/period.js'
import type { Language, LocalizedText } from '../../../../core/i18n/text.js'

export type { OrganisationFigures }

type Refused = { ok: false; error: 'not-allowed' }

/** What /stats, /export and /deadletters need; the app wires them to the core and PostgreSQL. */
export interface ReportPorts {
  timeZone: string
  now: () => Date
  /** A district named by its code or the start of its name in one of the languages. */
  findDistrict: (word: string) => Promise<{ id: number; name: LocalizedText } | null>
  stats: (actor: Actor, period: Period, districtId: number | null) => Promise<StatsResult>
  exportRequests: (
    actor: Actor,
    period: Period,
    language: Language,
    options: { figures: boolean },
  ) => Promise<ExportResult>
  deadLetters: (
    actor: Actor,
    offset: number,
    limit: number,
  ) => Promise<Refused | { ok: true; rows: DeadLetter[]; total: number }>
}
