import { characters, cleanText } from './characters.js'

/**
 * How long each text a person types may be. Texts relayed in a message of their own (questions,
 * answers, comments, reasons) leave room in Telegram's 4096 characters for the card lines around
 * them; every limit is below its column's CHECK, so the database never has to refuse one.
 */
export const TEXT_LIMITS = {
  /** A question, an answer, an official answer, a comment, a rejection's words. */
  message: 3000,
  plannedPeriod: 200,
  callerName: 200,
  address: 500,
} as const

export type FreeTextRefusal = { ok: false; error: 'text-too-long'; max: number; length: number }

export type FreeText = { ok: true; value: string } | FreeTextRefusal | { ok: false; error: 'text-empty' }

/** A typed text, cleaned (see `cleanText`) and trimmed, within `max` characters; empty is refused too. */
export function freeText(raw: string, max: number): FreeText {
  const value = cleanText(raw).trim()
  if (value === '') return { ok: false, error: 'text-empty' }
  const length = characters(value)
  if (length > max) return { ok: false, error: 'text-too-long', max, length }
  return { ok: true, value }
}

/**
 * Checks several optional texts at once: the cleaned values, or the first refusal. Absent and
 * blank texts stay as they are, for the use case's own rules about required words.
 */
export function freeTexts<K extends string>(
  texts: Partial<Record<K, string | undefined>>,
  limits: Record<K, number>,
): { ok: true; values: Partial<Record<K, string>> } | FreeTextRefusal {
  const values: Partial<Record<K, string>> = {}
  for (const key of Object.keys(texts) as K[]) {
    const raw = texts[key]
    if (raw === undefined) continue
    const checked = freeText(raw, limits[key])
    if (checked.ok) values[key] = checked.value
    else if (checked.error === 'text-too-long') return checked
    else values[key] = ''
  }
  return { ok: true, values }
}
