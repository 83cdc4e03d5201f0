import { drawNumber, GLYPH_HEIGHT, numberWidth } from './font.js'
import type { Rgb } from './png.js'
import { createBitmap, encodePng, fillRect } from './png.js'

/**
 * A chart without words: numbers and colours only. The groups are numbered 1, 2, … under their
 * bars; the message beside it names the colours and the numbers in the reader's language.
 */
export interface BarChart {
  /** One colour per value of a group, in order. */
  colors: Rgb[]
  groups: { values: number[] }[]
}

const WHITE: Rgb = [255, 255, 255]
const INK: Rgb = [40, 40, 40]
const GRID: Rgb = [225, 225, 225]
/** Room above the plot for the value over the tallest bar. */
export const PLOT_TOP = 30

/** A grouped bar chart as a PNG: one group per item, one bar per colour, the value above each bar. */
export function renderBarChart(chart: BarChart): Buffer {
  const bar = 18
  const gap = 22
  const groupWidth = chart.colors.length * bar + gap
  const left = 40
  const plotTop = PLOT_TOP
  const plotHeight = 260
  const width = Math.max(480, left + chart.groups.length * groupWidth + 20)
  const height = plotTop + plotHeight + 60
  const b = createBitmap(width, height, WHITE)

  const max = Math.max(1, ...chart.groups.flatMap((g) => g.values))
  const base = plotTop + plotHeight
  for (let i = 0; i <= 4; i++) fillRect(b, left - 4, base - (plotHeight * i) / 4, width - left - 10, 1, GRID)
  fillRect(b, left - 4, base, width - left - 10, 2, INK)

  chart.groups.forEach((group, gi) => {
    const x0 = left + gi * groupWidth
    group.values.forEach((value, si) => {
      const h = Math.round((plotHeight - 14) * (value / max))
      const x = x0 + si * bar
      fillRect(b, x, base - h, bar - 3, h, chart.colors[si] ?? INK)
      drawNumber(b, value, x + Math.floor((bar - 3 - numberWidth(value, 1)) / 2), base - h - GLYPH_HEIGHT - 3, 1, INK)
    })
    const span = chart.colors.length * bar - 3
    drawNumber(b, gi + 1, x0 + Math.floor((span - numberWidth(gi + 1, 2)) / 2), base + 10, 2, INK)
  })
  return encodePng(b)
}
