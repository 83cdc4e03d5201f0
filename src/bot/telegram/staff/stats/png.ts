import { deflateSync } from 'node:zlib'

/** An RGB picture in memory: 3 bytes a pixel, rows top to bottom. */
export interface Bitmap {
  width: number
  height: number
  pixels: Uint8Array
}

export type Rgb = readonly [number, number, number]

export function createBitmap(width: number, height: number, background: Rgb): Bitmap {
  const pixels = new Uint8Array(width * height * 3)
  for (let i = 0; i < width * height; i++) pixels.set(background, i * 3)
  return { width, height, pixels }
}

export function fillRect(b: Bitmap, x: number, y: number, w: number, h: number, color: Rgb): void {
  const x0 = Math.max(0, Math.floor(x))
  const y0 = Math.max(0, Math.floor(y))
  const x1 = Math.min(b.width, Math.floor(x + w))
  const y1 = Math.min(b.height, Math.floor(y + h))
  for (let row = y0; row < y1; row++) for (let col = x0; col < x1; col++) b.pixels.set(color, (row * b.width + col) * 3)
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A truecolour PNG (8 bits a channel, no filtering: flat charts compress well anyway). */
export function encodePng(b: Bitmap): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(b.width, 0)
  header.writeUInt32BE(b.height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  header[10] = 0 // compression
  header[11] = 0 // filter method
  header[12] = 0 // no interlace
  const stride = b.width * 3
  const raw = Buffer.alloc((stride + 1) * b.height)
  for (let y = 0; y < b.height; y++) {
    raw[y * (stride + 1)] = 0 // filter type "none" for this row
    raw.set(b.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ])
}
