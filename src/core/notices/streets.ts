import { cleanText } from '../shared/characters.js'
import type { StreetPart } from './notice.js'
import { MAX_NOTICE_STREETS } from './notice.js'

const HOUSES =
  /^(\d+[а-яa-zА-ЯA-Z]?(?:\s*[-–—]\s*\d+[а-яa-zА-ЯA-Z]?)?)(?:\s*,\s*\d+[а-яa-zА-ЯA-Z]?(?:\s*[-–—]\s*\d+[а-яa-zА-ЯA-Z]?)?)*$/
const HOUSE_TAIL =
  /\s+(\d+[а-яa-zА-ЯA-Z]?(?:\s*[-–—]\s*\d+[а-яa-zА-ЯA-Z]?)?(?:\s*,\s*\d+[а-яa-zА-ЯA-Z]?(?:\s*[-–—]\s*\d+[а-яa-zА-ЯA-Z]?)?)*)$/

export type StreetsResult =
  { ok: true; streets: StreetPart[] } | { ok: false; error: 'streets-invalid' | 'too-many-streets' }

/**
 * Streets with optional houses, one per line or separated by ";": "Советская 1-15", "Ленина 2, 4",
 * "Мицкевича". The street name itself may contain digits ("8 Марта"); only a trailing run of house
 * numbers counts as houses.
 */
export function parseStreets(input: string): StreetsResult {
  const parts = cleanText(input)
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
  if (parts.length === 0) return { ok: false, error: 'streets-invalid' }
  if (parts.length > MAX_NOTICE_STREETS) return { ok: false, error: 'too-many-streets' }
  const streets: StreetPart[] = []
  for (const part of parts) {
    const tail = HOUSE_TAIL.exec(part)
    const street = (tail ? part.slice(0, tail.index) : part).replace(/[,.]+$/, '').trim()
    const houses = tail?.[1] ? tail[1].replace(/\s*[-–—]\s*/g, '-').replace(/\s*,\s*/g, ', ') : null
    if (street.length < 2 || street.length > 100 || !/\p{L}/u.test(street))
      return { ok: false, error: 'streets-invalid' }
    if (houses !== null && !HOUSES.test(houses)) return { ok: false, error: 'streets-invalid' }
    streets.push({ street, houses })
  }
  return { ok: true, streets }
}
