import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../../src/core/access/permissions.js'
import type { ExportedRequest, RequestsForExport } from '../../../../src/core/admin/export-requests.js'
import { makeExportRequests } from '../../../../src/core/admin/export-requests.js'
import { parsePeriod } from '../../../../src/core/admin/period.js'
import type { Text } from '../../../../src/core/i18n/text.js'
import type { Translate } from '../../../../src/core/i18n/translate.js'

const ZONE = 'Europe/Minsk'
const PERIOD = parsePeriod('month', new Date('2026-11-26T10:00:00Z'), ZONE)
if (!PERIOD) throw new Error('period')

const region: Actor = { userId: 1, memberships: [{ role: 'region_admin', organisationId: null, districtId: null }] }
const lida: Actor = { userId: 2, memberships: [{ role: 'district_admin', organisationId: null, districtId: 10 }] }
const dispatcher: Actor = { userId: 3, memberships: [{ role: 'dispatcher', organisationId: 4, districtId: 10 }] }

const name = (ru: string, be: string, en: string) => ({ ru, be, en })
const ROW: ExportedRequest = {
  number: 'ST-26-000001',
  createdAt: new Date('2026-11-01T07:00:00Z'),
  district: name('Лидский', 'Лідскі', 'Lida'),
  category: name('Отопление', 'Ацяпленне', 'Heating'),
  organisation: 'lida-housing',
  status: 'done',
  priority: 'normal',
  source: 'telegram',
  place: { settlement: name('Лида', 'Ліда', 'Lida'), street: 'Советская', house: '5' },
  description: 'Холодные батареи',
  acceptedAt: new Date('2026-11-01T08:30:00Z'),
  fixDueAt: new Date('2026-11-03T07:00:00Z'),
  doneAt: null,
  rating: null,
  personal: { addressText: 'Лида, ул. Советская, 5, кв. 7', name: 'Иван', phone: '+375291234567' },
}

const keys: Translate = (_language, message) =>
  (Array.isArray(message) ? message : [message]).map((m: Text) => m.key).join(' ')

function exporter() {
  const asked: Parameters<RequestsForExport>[0][] = []
  const run = makeExportRequests({
    requestsForExport: (query) => {
      asked.push(query)
      return Promise.resolve([{ ...ROW, personal: query.personal ? ROW.personal : null }])
    },
    stats: {
      figures: () => Promise.resolve([]),
      districtName: (id) => Promise.resolve(id === 10 ? { ru: 'Лидский', be: 'Лідскі', en: 'Lida' } : null),
    },
    now: () => new Date('2026-11-26T10:00:00Z'),
    translate: keys,
    timeZone: ZONE,
  })
  return { run, asked }
}

const lines = (csv: string) => csv.slice(1).trimEnd().split('\r\n')

describe('makeExportRequests', () => {
  it('when a region admin exports in English, then times are on the region clock, the place is in English and personal data is in', async () => {
    const { run, asked } = exporter()
    const result = await run(region, PERIOD, 'en')
    expect(asked).toEqual([{ from: PERIOD.from, to: PERIOD.to, districtId: null, personal: true }])
    if (!result.ok) throw new Error(result.error)
    expect(result).toMatchObject({ count: 1, personal: true })
    const [header, row] = lines(result.csv)
    expect(header).toContain('admin.export.column.phone')
    expect(row).toBe(
      'ST-26-000001,2026-11-01 10:00,Lida,Heating,lida-housing,done,normal,telegram,"Lida, Советская, 5",' +
        'Холодные батареи,2026-11-01 11:30,2026-11-03 10:00,,,"Лида, ул. Советская, 5, кв. 7",Иван,\'+375291234567',
    )
  })

  it('when a district admin exports, then it covers their district and leaves personal data out', async () => {
    const { run, asked } = exporter()
    const result = await run(lida, PERIOD, 'be')
    expect(asked).toEqual([{ from: PERIOD.from, to: PERIOD.to, districtId: 10, personal: false }])
    if (!result.ok) throw new Error(result.error)
    expect(result.personal).toBe(false)
    const [header, row] = lines(result.csv)
    expect(header).not.toContain('admin.export.column.phone')
    expect(row).toContain('"Ліда, Советская, 5"')
    expect(row).not.toContain('+375291234567')
  })

  it('when someone without export.requests asks, then it is refused and nothing is read', async () => {
    const { run, asked } = exporter()
    expect(await run(dispatcher, PERIOD, 'ru')).toEqual({ ok: false, error: 'not-allowed' })
    expect(asked).toEqual([])
  })
})
