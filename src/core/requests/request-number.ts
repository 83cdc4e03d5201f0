/**
 * Request numbers people read and dictate on the phone: PREFIX-YY-NNNNNN, e.g. GR-26-004217.
 * The sequence restarts every year; uniqueness comes from the database counter.
 */
export interface RequestNumber {
  prefix: string
  year: number // two digits, 0–99
  sequence: number
}

const SEQUENCE_DIGITS = 6

export function formatRequestNumber({ prefix, year, sequence }: RequestNumber): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer')
  const digits = String(sequence).padStart(SEQUENCE_DIGITS, '0')
  return `${prefix}-${String(year % 100).padStart(2, '0')}-${digits}`
}

// A Latin prefix read out or copied in Cyrillic: by sound (ГР → GR) or by shape (РС → PC).
const BY_SOUND: Record<string, string> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  З: 'Z',
  И: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'H',
}
const BY_SHAPE: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
}

const transliterate = (text: string, table: Record<string, string>): string =>
  text.replace(/[А-ЯЁ]/gu, (ch) => table[ch] ?? ch)

function latinPrefix(typed: string, defaultPrefix: string): string {
  const bySound = transliterate(typed, BY_SOUND)
  const byShape = transliterate(typed, BY_SHAPE)
  return byShape === defaultPrefix ? byShape : bySound
}

/**
 * Reads what a person typed: "gr 26 4217", "ГР-26-004217", "GR26004217", "26-4217".
 * Without a prefix the year and the sequence must be apart ("264217" is too ambiguous).
 * Returns the canonical number, or null when it cannot be one.
 */
export function parseRequestNumber(input: string, defaultPrefix: string): string | null {
  const text = input.trim().toUpperCase().replace(/^№\s*/, '')
  const match = /^(?:([A-ZА-ЯЁ]{2,3})[\s#№-]*)?(\d{2})([\s/-]*)(\d{1,9})$/u.exec(text)
  if (!match) return null
  const [, prefix, year, separator, sequence] = match
  if (year === undefined || sequence === undefined) return null
  if (prefix === undefined && separator === '') return null
  const seq = Number(sequence)
  if (seq < 1) return null
  const canonicalPrefix = prefix === undefined ? defaultPrefix : latinPrefix(prefix, defaultPrefix)
  if (!/^[A-Z]{2,3}$/.test(canonicalPrefix)) return null
  return formatRequestNumber({ prefix: canonicalPrefix, year: Number(year), sequence: seq })
}
