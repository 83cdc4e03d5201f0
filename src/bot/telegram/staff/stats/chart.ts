import { drawText, GLYPH_HEIGHT, textWidth } from './font.js'
import type { Rgb } from './png.js'
import { createBitmap, encodePng, fillRect } from './png.js'

export interface BarGroup {
  /** Short label under the group (digits and Latin letters). */
  label: string
  values: number[]
}

export interface BarChart {
  title: string
  /** One colour per value of a group, in order; the legend names them. */
  series: { name: string; color: Rgb }[]
  groups: BarGroup[]
}

const WHITE: Rgb = [255, 255, 255]
const INK: Rgb = [40, 40, 40]
const GRID: Rgb = [225, 225, 225]

/** A grouped bar chart as a PNG: one group per item, one bar per series, the value above each bar. */
export function renderBarChart(chart: BarChart): Buffer {
  const bar = 18
  const gap = 22
  const groupWidth = chart.series.length * bar + gap
  const left = 40
  const plotTop = 70
  const plotHeight = 260
  const width = Math.max(480, left + chart.groups.length * groupWidth + 20)
  const height = plotTop + plotHeight + 60
  const b = createBitmap(width, height, WHITE)

  drawText(b, chart.title, left, 12, 2, INK)
  let legendX = left
  for (const s of chart.series) {
    fillRect(b, legendX, 42, 12, 12, s.color)
    drawText(b, s.name, legendX + 16, 44, 1, INK)
    legendX += 16 + textWidth(s.name, 1) + 18
  }

  const max = Math.max(1, ...chart.groups.flatMap((g) => g.values))
  const base = plotTop + plotHeight
  for (let i = 0; i <= 4; i++) fillRect(b, left - 4, base - (plotHeight * i) / 4, width - left - 10, 1, GRID)
  fillRect(b, left - 4, base, width - left - 10, 2, INK)

  chart.groups.forEach((group, gi) => {
    const x0 = left + gi * groupWidth
    group.values.forEach((value, si) => {
      const h = Math.round((plotHeight - 14) * (value / max))
      const x = x0 + si * bar
      fillRect(b, x, base - h, bar - 3, h, chart.series[si]?.color ?? INK)
      const label = String(value)
      drawText(b, label, x + Math.floor((bar - 3 - textWidth(label, 1)) / 2), base - h - GLYPH_HEIGHT - 3, 1, INK)
    })
    const labelWidth = textWidth(group.label, 2)
    const span = chart.series.length * bar - 3
    drawText(b, group.label, x0 + Math.floor((span - labelWidth) / 2), base + 10, 2, INK)
  })
  return encodePng(b)
}
