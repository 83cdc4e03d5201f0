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

// Letters a person may type in Cyrillic when reading a Latin prefix from a poster or the phone.
const CYRILLIC_LOOKALIKES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', Г: 'G',
}

/**
 * Reads what a person typed: "gr 26 4217", "ГР-26-004217", "GR26004217".
 * Returns the canonical number, or null when it cannot be one.
 */
export function parseRequestNumber(input: string, defaultPrefix: string): string | null {
  const upper = input.trim().toUpperCase()
  const latin = [...upper].map((ch) => CYRILLIC_LOOKALIKES[ch] ?? ch).join('')
  const match = /^(?:([A-Z]{2,3})[\s#№-]*)?(\d{2})[\s/-]*(\d{1,6})$/.exec(latin.replace(/^№\s*/, ''))
  if (!match) return null
  const [, prefix, year, sequence] = match
  if (year === undefined || sequence === undefined) return null
  const seq = Number(sequence)
  if (seq < 1) return null
  return formatRequestNumber({ prefix: prefix ?? defaultPrefix, year: Number(year), sequence: seq })
}
