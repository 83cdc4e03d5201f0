/**
 * A name on at most `lines` lines of at most `width` characters, broken between words; what does
 * not fit ends with an ellipsis. A word longer than a line is cut.
 */
export function wrapName(name: string, width: number, lines: number): string {
  const words = name.trim().split(/\s+/)
  const out: string[] = []
  let line = ''
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`
    if (next.length <= width) {
      line = next
      continue
    }
    if (line !== '') out.push(line)
    line = word.length > width ? `${word.slice(0, width - 1)}…` : word
  }
  if (line !== '') out.push(line)
  if (out.length <= lines) return out.join('\n')
  const kept = out.slice(0, lines)
  const last = kept[lines - 1] ?? ''
  kept[lines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`
  return kept.join('\n')
}

/** YYYY-MM-DD → DD.MM.YYYY, as dates are written in the region. */
export const dayMonthYear = (iso: string): string => iso.split('-').reverse().join('.')

/** YYYY-MM-DD → DD.MM, for an axis of days. */
export const dayMonth = (iso: string): string => iso.split('-').slice(1).reverse().join('.')
