/** The picture formats a photo may be in; what a channel declares counts only if the bytes agree. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/heic' | 'image/avif'

/** How many leading bytes `imageTypeOf` needs: an adapter may read this much and stop. */
export const IMAGE_SIGNATURE_BYTES = 32

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
// ISO base media "ftyp" brands of still pictures (HEIF from phone cameras, AVIF).
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'])
const AVIF_BRANDS = new Set(['avif', 'avis'])

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  to > bytes.length ? '' : String.fromCharCode(...bytes.subarray(from, to))

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte)

/** What the first bytes of a file say it is, among the picture formats; null for anything else. */
export function imageTypeOf(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, PNG)) return 'image/png'
  const gif = ascii(bytes, 0, 6)
  if (gif === 'GIF87a' || gif === 'GIF89a') return 'image/gif'
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp'
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12)
    if (HEIF_BRANDS.has(brand)) return 'image/heic'
    if (AVIF_BRANDS.has(brand)) return 'image/avif'
  }
  return null
}
