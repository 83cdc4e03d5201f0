import type { RatingCount } from '../../../../../core/admin/organisation-stats.js'
import type { RenderedChart } from './render.js'
import { baseOption, MUTED, renderChart } from './render.js'

export interface RatingsChartTexts {
  title: string
  /** The average and how many rated, or that nobody did. */
  subtitle: string
  series: string
  axisRating: string
  axisRequests: string
}

/** From "1" (red) to "5" (green), so the shape reads at a glance. */
export const RATING_COLORS = ['#d23c3c', '#e8833a', '#e3b92c', '#8cbf3f', '#2e9e5b'] as const

/** Columns for the ratings 1–5: how many requests got each. */
export function ratingsChart(ratings: readonly RatingCount[], texts: RatingsChartTexts): RenderedChart {
  const option = {
    ...baseOption,
    title: {
      text: texts.title,
      subtext: texts.subtitle,
      left: 'center',
      top: 16,
      textStyle: { fontSize: 20, fontWeight: 'bold' },
      subtextStyle: { fontSize: 14, color: MUTED },
    },
    legend: { top: 80, textStyle: { fontSize: 14 } },
    grid: { left: 90, right: 50, top: 130, bottom: 80 },
    xAxis: {
      type: 'category',
      name: texts.axisRating,
      nameLocation: 'middle',
      nameGap: 44,
      nameTextStyle: { fontSize: 14 },
      data: ratings.map((r) => `${r.rating} ★`),
      axisLabel: { fontSize: 15 },
    },
    yAxis: {
      type: 'value',
      name: texts.axisRequests,
      nameLocation: 'middle',
      nameGap: 50,
      nameTextStyle: { fontSize: 14 },
      minInterval: 1,
    },
    series: [
      {
        type: 'bar',
        name: texts.series,
        barMaxWidth: 110,
        // The legend's swatch: neutral, as each column has its own colour.
        itemStyle: { color: '#888888' },
        data: ratings.map((r) => ({
          value: r.count,
          itemStyle: { color: RATING_COLORS[r.rating - 1] ?? MUTED },
        })),
        label: { show: true, position: 'top', fontSize: 14, color: MUTED },
      },
    ],
  }
  return renderChart(option, { width: 1200, height: 620 })
}
