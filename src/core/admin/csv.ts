/** A byte order mark: Excel reads the file as UTF-8 only with it. */
export const UTF8_BOM = '\uFEFF'

// A cell starting with these is run as a formula by spreadsheets; a leading apostrophe keeps it text.
const FORMULA = /^[=+\-@\t\r]/

function cell(value: string | number | null): string {
  if (value === null) return ''
  const s = typeof value === 'number' ? String(value) : FORMULA.test(value) ? `'${value}` : value
  return /[",\r\n;]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}

/** RFC 4180 CSV (comma-separated, CRLF), UTF-8 with a BOM for Excel. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return UTF8_BOM + [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}
