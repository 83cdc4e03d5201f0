import { createRequire } from 'node:module'
import { Resvg } from '@resvg/resvg-js'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components'
import type { EChartsCoreOption } from 'echarts/core'
import { init, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer])

export const FONT_FAMILY = 'DejaVu Sans'

const fontFile = (name: string): string => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`)
// Fonts from an npm package and no system fonts: Cyrillic looks the same on every machine.
const FONT_FILES = [fontFile('DejaVuSans.ttf'), fontFile('DejaVuSans-Bold.ttf')]

export interface RenderedChart {
  svg: string
  png: Buffer
  width: number
  height: number
}

export const INK = '#222222'
export const MUTED = '#555555'

/** Shared look: one font, white paper, dark text. */
export const baseOption = {
  backgroundColor: '#ffffff',
  animation: false,
  textStyle: { fontFamily: FONT_FAMILY, color: INK },
} as const

/** An ECharts option drawn server-side as SVG, then rasterised to PNG at the same size. */
export function renderChart(option: EChartsCoreOption, size: { width: number; height: number }): RenderedChart {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  let svg: string
  try {
    chart.setOption(option)
    svg = chart.renderToSVGString()
  } finally {
    // A chart left undisposed keeps timers alive and the process never exits.
    chart.dispose()
  }
  const png = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'original' },
  })
    .render()
    .asPng()
  return { svg, png, width: size.width, height: size.height }
}
