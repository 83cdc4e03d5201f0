import type { LocalizedText } from '../i18n/text.js'

/** The reference data the dialogue needs, read once and kept in memory (it is small and changes rarely). */
export interface Catalogue {
  /** The letters of request numbers, e.g. GR; a resident may type a number without them. */
  requestNumberPrefix: string
  districts: CatalogueDistrict[]
  topCategories: CatalogueTopCategory[]
  emergencyNumbers: { code: string; phone: string; name: LocalizedText }[]
  organisations: CatalogueOrganisation[]
}

export interface CatalogueDistrict {
  id: number
  code: string
  name: LocalizedText
  centre: { lat: number; lon: number }
  settlements: { id: number; code: string; name: LocalizedText }[]
}

export interface CatalogueTopCategory {
  id: number
  code: string
  name: LocalizedText
  children: CatalogueCategory[]
}

export interface CatalogueCategory {
  id: number
  code: string
  name: LocalizedText
  emergency: boolean
  hardStop: { phone: string; message: LocalizedText } | null
  notOurCompetence: { phone: string | null; guidance: LocalizedText } | null
  photoRequired: boolean
}

export interface CatalogueOrganisation {
  id: number
  code: string
  type: string
  districtId: number | null
  name: LocalizedText
  phones: { number: string; placeholder: boolean }[]
  workingHours: string | null
}

export const findDistrict = (c: Catalogue, code: string): CatalogueDistrict | undefined =>
  c.districts.find((d) => d.code === code)

export function findCategory(
  c: Catalogue,
  code: string,
): { top: CatalogueTopCategory; leaf: CatalogueCategory } | undefined {
  for (const top of c.topCategories) {
    const leaf = top.children.find((l) => l.code === code)
    if (leaf) return { top, leaf }
  }
  return undefined
}

const toRadians = (deg: number): number => (deg * Math.PI) / 180

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = toRadians(b.lat - a.lat)
  const dLon = toRadians(b.lon - a.lon)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}

/** The district whose centre is nearest; the resident confirms it, since districts are not circles. */
export function nearestDistrict(
  c: Catalogue,
  point: { lat: number; lon: number },
): { district: CatalogueDistrict; km: number } | undefined {
  let best: { district: CatalogueDistrict; km: number } | undefined
  for (const district of c.districts) {
    const km = distanceKm(point, district.centre)
    if (!best || km < best.km) best = { district, km }
  }
  return best
}
