import type { Actor } from '../access/permissions.js'
import type { LocalizedText } from '../i18n/text.js'
import type { Period } from './period.js'
import { reportScope } from './scope.js'

/** One organisation's figures for a period (the primary one; a null name is the region's triage). */
export interface OrganisationFigures {
  code: string | null
  name: LocalizedText | null
  received: number
  /** Of those received, still not done, closed or rejected. */
  open: number
  /** Open and past the deadline to fix. */
  overdue: number
  /** Of those done, the share done by the deadline (0–100), null when none is done. */
  doneOnTimePct: number | null
  medianAcceptMinutes: number | null
  medianFinishMinutes: number | null
  /** Share of those received that were ever reopened (0–100). */
  reopenPct: number | null
  averageRating: number | null
}

/** What /stats reads (implemented in src/db). */
export interface StatsStore {
  /** Figures per organisation for requests received in [from, to) in a district, or the region for null. */
  figures: (query: { from: Date; to: Date; districtId: number | null; now: Date }) => Promise<OrganisationFigures[]>
  districtName: (districtId: number) => Promise<LocalizedText | null>
}

export type StatsResult =
  { ok: true; district: LocalizedText | null; rows: OrganisationFigures[] } | { ok: false; error: 'not-allowed' }

/** /stats: the figures of the district asked for, or of the area the actor oversees. */
export function makeShowStats(deps: { store: StatsStore; now: () => Date }) {
  return async (actor: Actor, period: Period, requested: number | null): Promise<StatsResult> => {
    const scope = reportScope(actor, 'stats.view', requested)
    if (!scope.ok) return scope
    const rows = await deps.store.figures({
      from: period.from,
      to: period.to,
      districtId: scope.districtId,
      now: deps.now(),
    })
    const district = scope.districtId === null ? null : await deps.store.districtName(scope.districtId)
    return { ok: true, district, rows }
  }
}
