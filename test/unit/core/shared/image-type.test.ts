import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { imageTypeOf } from '../../../../src/core/shared/image-type.js'

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)))

describe('the type of a picture read from its bytes', () => {
  it.each([
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR')],
    ['image/gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['image/gif', bytes('GIF87a', [1, 0, 1, 0])],
    ['image/webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['image/heic', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic')],
    ['image/heic', bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0])],
    ['image/avif', bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0])],
  ])('when the bytes start like %s, then that is the type', (type, content) => {
    expect(imageTypeOf(content)).toBe(type)
  })

  it.each([
    ['a PDF', bytes('%PDF-1.7\n')],
    ['an HTML page', bytes('<html>not a picture</html>')],
    ['an MP4 video', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0])],
    ['a WAV sound in RIFF', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['nothing', bytes()],
    ['a cut JPEG signature', bytes([0xff, 0xd8])],
    ['a cut PNG signature', bytes([0x89, 0x50, 0x4e, 0x47])],
  ])('when the file is %s, then it is no picture', (_, content) => {
    expect(imageTypeOf(content)).toBeNull()
  })

  it('when a known signature leads arbitrary bytes, then the type is found whatever follows', () => {
    const signatures = [
      ['image/jpeg', bytes([0xff, 0xd8, 0xff])],
      ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
      ['image/gif', bytes('GIF89a')],
    ] as const
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 64 }), ([type, head], tail) => {
        expect(imageTypeOf(Uint8Array.from([...head, ...tail]))).toBe(type)
      }),
      { seed: 115, numRuns: 200 },
    )
  })

  it('when arbitrary bytes begin no signature, then they are no picture', () => {
    // No signature starts with these bytes, and "ftyp" never stands at offset 4.
    const leading = new Set([0xff, 0x89, 0x47, 0x52])
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }).filter((b) => !leading.has(b[0] ?? 0xff) && b[4] !== 0x66),
        (content) => {
          expect(imageTypeOf(content)).toBeNull()
        },
      ),
      { seed: 115, numRuns: 500 },
    )
  })
})
