import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../../src/core/access/permissions.js'
import { districtNamed, makeFindDistrict } from '../../../../src/core/admin/find-district.js'
import type { OrganisationFigures, StatsStore } from '../../../../src/core/admin/organisation-stats.js'
import { makeShowStats } from '../../../../src/core/admin/organisation-stats.js'
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
  doneOnTimePct: 100,
  medianAcceptMinutes: 12,
  medianFinishMinutes: 300,
  reopenPct: 0,
  averageRating: 4.5,
}

function memoryStats() {
  const asked: (number | null)[] = []
  const store: StatsStore = {
    figures: (query) => {
      asked.push(query.districtId)
      return Promise.resolve([ROW])
    },
    districtName: (districtId) => Promise.resolve(districtId === 10 ? LIDA : null),
  }
  return { asked, showStats: makeShowStats({ store, now: () => NOW }) }
}

const region: Actor = { userId: 1, memberships: [{ role: 'region_admin', organisationId: null, districtId: null }] }
const lida: Actor = { userId: 2, memberships: [{ role: 'district_admin', organisationId: null, districtId: 10 }] }
const dispatcher: Actor = { userId: 3, memberships: [{ role: 'dispatcher', organisationId: 4, districtId: 10 }] }

describe('makeShowStats', () => {
  it('when a region admin names no district, then the whole region is counted and no district is named', async () => {
    const { asked, showStats } = memoryStats()
    expect(await showStats(region, PERIOD, null)).toEqual({ ok: true, district: null, rows: [ROW] })
    expect(asked).toEqual([null])
  })

  it('when a district admin names no district, then their own district is counted and named', async () => {
    const { asked, showStats } = memoryStats()
    expect(await showStats(lida, PERIOD, null)).toEqual({ ok: true, district: LIDA, rows: [ROW] })
    expect(asked).toEqual([10])
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
