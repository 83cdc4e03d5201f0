import { wrapName } from './labels.js'
import type { RenderedChart } from './render.js'
import { baseOption, MUTED, renderChart } from './render.js'

export interface OrganisationBars {
  name: string
  received: number
  doneOnTime: number
  overdue: number
}

/** Every word on the chart, already in the reader's language. */
export interface OrganisationChartTexts {
  title: string
  /** Under the title, e.g. that only the busiest organisations are shown. */
  subtitle: string
  received: string
  doneOnTime: string
  overdue: string
  axisRequests: string
  axisOrganisation: string
}

export const COLORS = { received: '#2f6fd0', doneOnTime: '#2e9e5b', overdue: '#d23c3c' } as const

const WIDTH = 1200
const NAME_CHARS = 30
const ROW_HEIGHT = 78
const TOP = 150
const BOTTOM = 70

/** Horizontal grouped bars, the busiest organisation on top, its name on two lines at most beside its bars. */
export function organisationsChart(rows: readonly OrganisationBars[], texts: OrganisationChartTexts): RenderedChart {
  const height = TOP + BOTTOM + Math.max(2, rows.length) * ROW_HEIGHT
  const series = (name: string, key: 'received' | 'doneOnTime' | 'overdue') => ({
    type: 'bar',
    name,
    data: rows.map((r) => r[key]),
    itemStyle: { color: COLORS[key] },
    barMaxWidth: 18,
    barGap: '15%',
    label: { show: true, position: 'right', fontSize: 12, color: MUTED },
  })
  const option = {
    ...baseOption,
    title: {
      text: texts.title,
      subtext: texts.subtitle,
      left: 'center',
      top: 16,
      textStyle: { fontSize: 20, fontWeight: 'bold' },
      subtextStyle: { fontSize: 13, color: MUTED },
    },
    legend: { top: 84, itemGap: 28, textStyle: { fontSize: 14 } },
    grid: { left: 300, right: 90, top: TOP, bottom: BOTTOM },
    xAxis: {
      type: 'value',
      name: texts.axisRequests,
      nameLocation: 'middle',
      nameGap: 34,
      nameTextStyle: { fontSize: 14 },
      minInterval: 1,
    },
    yAxis: {
      type: 'category',
      inverse: true,
      name: texts.axisOrganisation,
      nameLocation: 'start',
      nameGap: 18,
      nameTextStyle: { fontSize: 14, fontWeight: 'bold', align: 'right' },
      data: rows.map((r) => wrapName(r.name, NAME_CHARS, 2)),
      axisLabel: { fontSize: 13, lineHeight: 17, color: '#222222' },
      axisTick: { show: false },
    },
    series: [
      series(texts.received, 'received'),
      series(texts.doneOnTime, 'doneOnTime'),
      series(texts.overdue, 'overdue'),
    ],
  }
  return renderChart(option, { width: WIDTH, height })
}
