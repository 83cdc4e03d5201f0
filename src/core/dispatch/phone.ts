/**
 * A Belarusian phone number as people say it ("8 029 123-45-67", "+375 (29) 1234567",
 * "29 123 45 67") → E.164 (+375291234567); null when it cannot be one.
 */
export function normalizeBelarusPhone(input: string): string | null {
  const digits = input.replace(/[^\d]/g, '')
  let national: string | null = null
  if (digits.length === 12 && digits.startsWith('375')) national = digits.slice(3)
  else if (digits.length === 11 && digits.startsWith('80')) national = digits.slice(2)
  else if (digits.length === 9) national = digits
  if (national === null || !/^[1-9]\d{8}$/.test(national)) return null
  return `+375${national}`
}
