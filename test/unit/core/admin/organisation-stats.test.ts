import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../../src/core/access/permissions.js'
import { districtNamed, makeFindDistrict } from '../../../../src/core/admin/find-district.js'
import type { OrganisationFigures, StatsStore } from '../../../../src/core/admin/organisation-stats.js'
import { everyDay, makeShowStats } from '../../../../src/core/admin/organisation-stats.js'
import { parsePeriod } from '../../../../src/core/admin/period.js'

const NOW = new Date('2026-11-26T10:00:00Z')
const PERIOD = parsePeriod('month', NOW, 'Europe/Minsk')
if (!PERIOD) throw new Error('the month must parse')

const LIDA = { ru: 'Лидский', be: 'Лідскі', en: 'Lida' }
const ROW: OrganisationFigures = {
  code: 'lida-housing',
  name: LIDA,
  received: 3,
  open: 1,
  overdue: 0,
  doneOnTime: 2,
  doneOnTimePct: 100,
  medianAcceptMinutes: 12,
  medianFinishMinutes: 300,
  reopenPct: 0,
  averageRating: 4.5,
}

function memoryStats() {
  const asked: (number | null)[] = []
  const zones: string[] = []
  const store: StatsStore = {
    figures: (query) => {
      asked.push(query.districtId)
      return Promise.resolve([ROW])
    },
    dailyTrend: (query) => {
      zones.push(query.timeZone)
      return Promise.resolve([{ day: '2026-11-03', received: 2, done: 1 }])
    },
    ratings: () => Promise.resolve([{ rating: 4, count: 1 }]),
    districtName: (districtId) => Promise.resolve(districtId === 10 ? LIDA : null),
  }
  return { asked, zones, showStats: makeShowStats({ store, now: () => NOW, timeZone: 'Europe/Minsk' }) }
}

const zeroDay = (day: string) => ({ day, received: 0, done: 0 })

const region: Actor = { userId: 1, memberships: [{ role: 'region_admin', organisationId: null, districtId: null }] }
const lida: Actor = { userId: 2, memberships: [{ role: 'district_admin', organisationId: null, districtId: 10 }] }
const dispatcher: Actor = { userId: 3, memberships: [{ role: 'dispatcher', organisationId: 4, districtId: 10 }] }

describe('makeShowStats', () => {
  it('when a region admin names no district, then the whole region is counted and no district is named', async () => {
    const { asked, showStats } = memoryStats()
    expect(await showStats(region, PERIOD, null)).toMatchObject({ ok: true, district: null, rows: [ROW] })
    expect(asked).toEqual([null])
  })

  it('when a district admin names no district, then their own district is counted and named', async () => {
    const { asked, showStats } = memoryStats()
    expect(await showStats(lida, PERIOD, null)).toMatchObject({ ok: true, district: LIDA, rows: [ROW] })
    expect(asked).toEqual([10])
  })

  it('when some days and ratings have no figures, then every day of the period and every rating 1–5 is there, quiet ones as zeros', async () => {
    const { zones, showStats } = memoryStats()
    const result = await showStats(region, PERIOD, null)
    if (!result.ok) throw new Error(result.error)
    // The month so far: 1 to 26 November, on the region's calendar.
    expect(result.trend).toHaveLength(26)
    expect(result.trend.slice(0, 4)).toEqual([
      zeroDay('2026-11-01'),
      zeroDay('2026-11-02'),
      { day: '2026-11-03', received: 2, done: 1 },
      zeroDay('2026-11-04'),
    ])
    expect(result.trend.at(-1)).toEqual(zeroDay('2026-11-26'))
    expect(result.ratings).toEqual([
      { rating: 1, count: 0 },
      { rating: 2, count: 0 },
      { rating: 3, count: 0 },
      { rating: 4, count: 1 },
      { rating: 5, count: 0 },
    ])
    expect(zones).toEqual(['Europe/Minsk'])
  })

  it('when a period crosses the end of a month, then the days run on into the next month', () => {
    const days = everyDay({ firstDay: '2026-11-29', lastDay: '2026-12-02' }, [])
    expect(days.map((d) => d.day)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'])
  })

  it('when a district admin names another district or a dispatcher asks, then it is refused and nothing is read', async () => {
    const { asked, showStats } = memoryStats()
    expect(await showStats(lida, PERIOD, 20)).toEqual({ ok: false, error: 'not-allowed' })
    expect(await showStats(dispatcher, PERIOD, null)).toEqual({ ok: false, error: 'not-allowed' })
    expect(asked).toEqual([])
  })
})

describe('districtNamed', () => {
  const districts = [
    { id: 1, code: 'grodno', name: { ru: 'Гродно', be: 'Гродна', en: 'Grodno' } },
    { id: 2, code: 'lida', name: LIDA },
  ]

  it('when a code or the start of a name in any language is given, then the district is found', async () => {
    expect(districtNamed(districts, 'lida')?.id).toBe(2)
    expect(districtNamed(districts, 'ЛІД')?.id).toBe(2)
    expect(districtNamed(districts, 'гродн')?.id).toBe(1)
    expect((await makeFindDistrict({ districts: () => Promise.resolve(districts) })('Gro'))?.id).toBe(1)
  })

  it('when the word names nothing, then no district is found', () => {
    expect(districtNamed(districts, 'minsk')).toBeNull()
  })
})
