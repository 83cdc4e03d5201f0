import type { LocalizedText } from '../i18n/text.js'
import { LANGUAGES } from '../i18n/text.js'

export interface DistrictName {
  id: number
  code: string
  name: LocalizedText
}

/** A district named by its code, else by the start of its name in one of the languages (case aside). */
export function districtNamed(districts: readonly DistrictName[], word: string): DistrictName | null {
  const needle = word.toLowerCase()
  return (
    districts.find((d) => d.code === needle) ??
    districts.find((d) => LANGUAGES.some((language) => d.name[language].toLowerCase().startsWith(needle))) ??
    null
  )
}

export function makeFindDistrict(deps: { districts: () => Promise<DistrictName[]> }) {
  return async (word: string): Promise<DistrictName | null> => districtNamed(await deps.districts(), word)
}
