import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../../src/core/access/permissions.js'
import { toCsv } from '../../../../src/core/admin/csv.js'
import { parsePeriod } from '../../../../src/core/admin/period.js'
import { permittedArea, reportScope } from '../../../../src/core/admin/scope.js'

const ZONE = 'Europe/Minsk'
const NOW = new Date('2026-11-26T10:00:00Z') // Thursday 13:00 in Minsk

describe('parsePeriod', () => {
  it.each([
    ['today', '2026-11-26', '2026-11-26', '2026-11-25T21:00:00.000Z', '2026-11-26T21:00:00.000Z'],
    ['week', '2026-11-23', '2026-11-26', '2026-11-22T21:00:00.000Z', '2026-11-26T21:00:00.000Z'],
    ['month', '2026-11-01', '2026-11-26', '2026-10-31T21:00:00.000Z', '2026-11-26T21:00:00.000Z'],
    ['2026-10-01..2026-10-31', '2026-10-01', '2026-10-31', '2026-09-30T21:00:00.000Z', '2026-10-31T21:00:00.000Z'],
  ])('when the period is %j, then it runs from %s to %s in region time', (word, firstDay, lastDay, from, to) => {
    const p = parsePeriod(word, NOW, ZONE)
    expect(
      p && { firstDay: p.firstDay, lastDay: p.lastDay, from: p.from.toISOString(), to: p.to.toISOString() },
    ).toEqual({ firstDay, lastDay, from, to })
  })

  it.each(['yesterday', '2026-11-31..2026-12-01', '2026-12-01..2026-11-01', '2024-01-01..2026-01-01'])(
    'when the period is %j, then it is refused',
    (word) => {
      expect(parsePeriod(word, NOW, ZONE)).toBeNull()
    },
  )
})

describe('reportScope', () => {
  const region: Actor = { userId: 1, memberships: [{ role: 'region_admin', organisationId: null, districtId: null }] }
  const lida: Actor = { userId: 2, memberships: [{ role: 'district_admin', organisationId: null, districtId: 10 }] }
  const dispatcher: Actor = { userId: 3, memberships: [{ role: 'dispatcher', organisationId: 4, districtId: 10 }] }

  it('when no district is named, then region admins see the region and district admins their district', () => {
    expect(reportScope(region, 'stats.view', null)).toEqual({ ok: true, districtId: null })
    expect(reportScope(lida, 'stats.view', null)).toEqual({ ok: true, districtId: 10 })
    expect(reportScope(dispatcher, 'stats.view', null)).toEqual({ ok: false, error: 'not-allowed' })
  })

  it('when a district is named, then only those covering it may see it', () => {
    expect(reportScope(region, 'stats.view', 20)).toEqual({ ok: true, districtId: 20 })
    expect(reportScope(lida, 'stats.view', 10)).toEqual({ ok: true, districtId: 10 })
    expect(reportScope(lida, 'stats.view', 20)).toEqual({ ok: false, error: 'not-allowed' })
    expect(reportScope(lida, 'export.personal_data', 10)).toEqual({ ok: false, error: 'not-allowed' })
  })
})

describe('permittedArea', () => {
  it('when actors hold a permission region-wide, in districts or nowhere, then the area says so', () => {
    const twoDistricts: Actor = {
      userId: 4,
      memberships: [
        { role: 'district_admin', organisationId: null, districtId: 10 },
        { role: 'district_admin', organisationId: null, districtId: 20 },
        { role: 'dispatcher', organisationId: 4, districtId: 30 },
      ],
    }
    const dispatcher: Actor = { userId: 3, memberships: [{ role: 'dispatcher', organisationId: 4, districtId: 10 }] }
    const region: Actor = { userId: 1, memberships: [{ role: 'region_admin', organisationId: null, districtId: null }] }
    expect(permittedArea(region, 'notice.send')).toEqual({ region: true })
    expect(permittedArea(twoDistricts, 'deadletters.view')).toEqual({ region: false, districtIds: [10, 20] })
    expect(permittedArea(dispatcher, 'deadletters.view')).toEqual({ region: false, districtIds: [] })
  })
})

describe('toCsv', () => {
  it('when cells hold commas, quotes, line breaks or formulas, then they are quoted and neutralised', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['Лида, Советская 5', 'он сказал "срочно"'],
        ['две\nстроки', '=HYPERLINK("x")'],
        [null, 5],
      ],
    )
    expect(csv).toBe(
      '\uFEFFa,b\r\n"Лида, Советская 5","он сказал ""срочно"""\r\n"две\nстроки","\'=HYPERLINK(""x"")"\r\n,5\r\n',
    )
  })
})
