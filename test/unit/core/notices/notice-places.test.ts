import { describe, expect, it } from 'vitest'
import type { Actor } from '../../../../src/core/access/permissions.js'
import { makeNoticePlaces } from '../../../../src/core/notices/notice-places.js'

const place = (id: number, name: string) => ({ id, name: { ru: name, be: name, en: name } })
const DISTRICTS = [place(1, 'Гродно'), place(2, 'Лида'), place(3, 'Слоним')]

const places = makeNoticePlaces({
  store: {
    activeDistricts: () => Promise.resolve(DISTRICTS),
    settlementsOf: (districtId) => Promise.resolve(districtId === 2 ? [place(20, 'Лида')] : []),
  },
})

const regionAdmin: Actor = {
  userId: 1,
  memberships: [{ role: 'region_admin', organisationId: null, districtId: null }],
}
const lidaAdmin: Actor = { userId: 2, memberships: [{ role: 'district_admin', organisationId: null, districtId: 2 }] }
const dispatcher: Actor = { userId: 3, memberships: [{ role: 'dispatcher', organisationId: 5, districtId: 2 }] }

describe('makeNoticePlaces', () => {
  it('when a region admin composes a notice, then the region and every district are offered', async () => {
    expect(await places.areaChoices(regionAdmin)).toEqual({ ok: true, region: true, districts: DISTRICTS })
  })

  it('when a district admin composes a notice, then only their district is offered, not the region', async () => {
    expect(await places.areaChoices(lidaAdmin)).toEqual({ ok: true, region: false, districts: [place(2, 'Лида')] })
    expect(await places.districtsFor(lidaAdmin)).toEqual([place(2, 'Лида')])
  })

  it('when someone who may send notices nowhere composes one, then it is refused', async () => {
    expect(await places.areaChoices(dispatcher)).toEqual({ ok: false, error: 'not-allowed' })
    expect(await places.districtsFor(dispatcher)).toEqual([])
  })

  it('when a district is chosen, then its settlements come from the store', async () => {
    expect(await places.settlementsOf(2)).toEqual([place(20, 'Лида')])
  })
})
