import type { DayFigures } from '../../../../../core/admin/organisation-stats.js'
import { dayMonth } from './labels.js'
import type { RenderedChart } from './render.js'
import { baseOption, renderChart } from './render.js'

export interface TrendChartTexts {
  title: string
  received: string
  done: string
  axisDay: string
  axisRequests: string
}

export const TREND_COLORS = { received: '#2f6fd0', done: '#2e9e5b' } as const

/** Two lines over the days of the period: requests received and requests done each day. */
export function trendChart(days: readonly DayFigures[], texts: TrendChartTexts): RenderedChart {
  // Dots on each day while they stay apart; a long period is a plain line. No values on the
  // points: two lines' numbers collide wherever the lines meet.
  const few = days.length <= 31
  const line = (name: string, key: 'received' | 'done') => ({
    type: 'line',
    name,
    data: days.map((d) => d[key]),
    itemStyle: { color: TREND_COLORS[key] },
    lineStyle: { width: 3 },
    symbol: few ? 'circle' : 'none',
    symbolSize: 7,
  })
  const option = {
    ...baseOption,
    title: { text: texts.title, left: 'center', top: 16, textStyle: { fontSize: 20, fontWeight: 'bold' } },
    legend: { top: 56, itemGap: 28, textStyle: { fontSize: 14 } },
    grid: { left: 90, right: 50, top: 110, bottom: 80 },
    xAxis: {
      type: 'category',
      name: texts.axisDay,
      nameLocation: 'middle',
      nameGap: 44,
      nameTextStyle: { fontSize: 14 },
      boundaryGap: false,
      data: days.map((d) => dayMonth(d.day)),
      axisLabel: { fontSize: 12, rotate: few ? 0 : 45 },
    },
    yAxis: {
      type: 'value',
      name: texts.axisRequests,
      nameLocation: 'middle',
      nameGap: 50,
      nameTextStyle: { fontSize: 14 },
      minInterval: 1,
    },
    series: [line(texts.received, 'received'), line(texts.done, 'done')],
  }
  return renderChart(option, { width: 1200, height: 620 })
}
