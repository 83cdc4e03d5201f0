import type { Actor } from '../access/permissions.js'
import type { LocalizedText } from '../i18n/text.js'
import { addDays, isoDate } from '../sla/zoned-time.js'
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
  /** Of those received, done by the deadline to fix. */
  doneOnTime: number
  /** Of those done, the share done by the deadline (0–100), null when none is done. */
  doneOnTimePct: number | null
  medianAcceptMinutes: number | null
  medianFinishMinutes: number | null
  /** Share of those received that were ever reopened (0–100). */
  reopenPct: number | null
  averageRating: number | null
}

/** One day of the region's calendar (YYYY-MM-DD): requests received that day and requests done that day. */
export interface DayFigures {
  day: string
  received: number
  done: number
}

/** How many of the period's requests were rated `rating` (1–5). */
export interface RatingCount {
  rating: number
  count: number
}

export const RATINGS = [1, 2, 3, 4, 5] as const

type Area = { from: Date; to: Date; districtId: number | null }

/** What /stats reads (implemented in src/db). */
export interface StatsStore {
  /** Figures per organisation for requests received in [from, to) in a district, or the region for null. */
  figures: (query: Area & { now: Date }) => Promise<OrganisationFigures[]>
  /** Days of [from, to) in the region's calendar that had a request received or done; quiet days may be absent. */
  dailyTrend: (query: Area & { timeZone: string }) => Promise<DayFigures[]>
  /** Ratings of the requests received in [from, to); ratings nobody gave may be absent. */
  ratings: (query: Area) => Promise<RatingCount[]>
  districtName: (districtId: number) => Promise<LocalizedText | null>
}

export type StatsResult =
  | {
      ok: true
      district: LocalizedText | null
      rows: OrganisationFigures[]
      /** Every day of the period, quiet ones as zeros. */
      trend: DayFigures[]
      /** Every rating 1–5, unused ones as zeros. */
      ratings: RatingCount[]
    }
  | { ok: false; error: 'not-allowed' }

/** Every day from `firstDay` to `lastDay` (YYYY-MM-DD), with the store's figures or zeros. */
export function everyDay(period: Pick<Period, 'firstDay' | 'lastDay'>, days: readonly DayFigures[]): DayFigures[] {
  const known = new Map(days.map((d) => [d.day, d]))
  const [year, month, day] = period.firstDay.split('-').map(Number)
  const out: DayFigures[] = []
  let cursor = { year: year ?? 0, month: month ?? 0, day: day ?? 0 }
  // A period is at most a year long; the bound only guards against a malformed lastDay.
  for (let i = 0; i <= 366; i++) {
    const iso = isoDate(cursor)
    out.push(known.get(iso) ?? { day: iso, received: 0, done: 0 })
    if (iso >= period.lastDay) break
    cursor = addDays(cursor, 1)
  }
  return out
}

export const everyRating = (counts: readonly RatingCount[]): RatingCount[] =>
  RATINGS.map((rating) => ({ rating, count: counts.find((c) => c.rating === rating)?.count ?? 0 }))

/** /stats: the figures of the district asked for, or of the area the actor oversees. */
export function makeShowStats(deps: { store: StatsStore; now: () => Date; timeZone: string }) {
  return async (actor: Actor, period: Period, requested: number | null): Promise<StatsResult> => {
    const scope = reportScope(actor, 'stats.view', requested)
    if (!scope.ok) return scope
    const area = { from: period.from, to: period.to, districtId: scope.districtId }
    const [rows, trend, ratings, district] = await Promise.all([
      deps.store.figures({ ...area, now: deps.now() }),
      deps.store.dailyTrend({ ...area, timeZone: deps.timeZone }),
      deps.store.ratings(area),
      scope.districtId === null ? null : deps.store.districtName(scope.districtId),
    ])
    return { ok: true, district, rows, trend: everyDay(period, trend), ratings: everyRating(ratings) }
  }
}
