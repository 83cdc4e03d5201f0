import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { PLOT_TOP, renderBarChart } from '../../../src/bot/telegram/staff/stats/chart.js'
import { createBitmap, crc32, encodePng, fillRect } from '../../../src/bot/telegram/staff/stats/png.js'

/** Reads a PNG back: chunks checked by CRC, size, and the RGB pixels (filter type 0 only). */
function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  let offset = 8
  let width = 0
  let height = 0
  const idat: Buffer[] = []
  const types: string[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const data = png.subarray(offset + 8, offset + 8 + length)
    expect(png.readUInt32BE(offset + 8 + length)).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)))
    types.push(type)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      expect([...data.subarray(8)]).toEqual([8, 2, 0, 0, 0])
    }
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
  }
  expect(types[0]).toBe('IHDR')
  expect(types.at(-1)).toBe('IEND')
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * 3 + 1
  expect(raw.length).toBe(stride * height)
  return {
    width,
    height,
    pixel: (x, y) => {
      expect(raw[y * stride]).toBe(0)
      const at = y * stride + 1 + x * 3
      return [raw[at] ?? -1, raw[at + 1] ?? -1, raw[at + 2] ?? -1]
    },
  }
}

describe('PNG encoder', () => {
  it('when a small bitmap is encoded, then decoding it gives back its size and every pixel', () => {
    const b = createBitmap(4, 3, [255, 255, 255])
    fillRect(b, 1, 1, 2, 1, [200, 10, 20])
    const png = decode(encodePng(b))
    expect([png.width, png.height]).toEqual([4, 3])
    expect(png.pixel(0, 0)).toEqual([255, 255, 255])
    expect(png.pixel(1, 1)).toEqual([200, 10, 20])
    expect(png.pixel(2, 1)).toEqual([200, 10, 20])
    expect(png.pixel(3, 1)).toEqual([255, 255, 255])
    expect(png.pixel(1, 2)).toEqual([255, 255, 255])
  })

  it('when the CRC of a known chunk is computed, then it is the standard CRC-32', () => {
    expect(crc32(Buffer.from('IEND', 'latin1'))).toBe(0xae426082)
  })
})

describe('bar chart', () => {
  const blue = [30, 90, 200] as const
  const red = [210, 40, 40] as const
  const chart = () =>
    decode(
      renderBarChart({
        colors: [blue, red],
        groups: [{ values: [10, 5] }, { values: [0, 0] }],
      }),
    )

  it('when a chart is drawn, then the bars are in the series colours with heights proportional to the values', () => {
    const png = chart()
    // Geometry of the renderer: plot from PLOT_TOP, 260 px high, first group at x=40, bars 18 px apart.
    const base = PLOT_TOP + 260
    const column = (x: number, color: readonly number[]) => {
      let h = 0
      while (JSON.stringify(png.pixel(x, base - 1 - h)) === JSON.stringify(color)) h += 1
      return h
    }
    const tall = column(45, blue)
    const half = column(45 + 18, red)
    expect(tall).toBe(246)
    expect(half).toBe(123)
    expect(png.pixel(45 + 18 * 2 + 22, base - 1)).not.toEqual([...blue])
  })

  it('when a chart is drawn, then there is no title or legend in it: the band above the plot is blank', () => {
    const png = chart()
    const inked: number[][] = []
    for (let y = 0; y < PLOT_TOP; y++)
      for (let x = 0; x < png.width; x++) if (JSON.stringify(png.pixel(x, y)) !== '[255,255,255]') inked.push([x, y])
    expect(inked).toEqual([])
  })
})
