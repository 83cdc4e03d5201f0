import type { DayFigures, OrganisationFigures, RatingCount } from '../../../../core/admin/organisation-stats.js'
import type { Period } from '../../../../core/admin/period.js'
import type { Language, LocalizedText, Text, TextParam } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import { htmlToPlain } from '../../../../core/i18n/translate.js'
import { dayMonthYear } from './charts/labels.js'
import { organisationsChart } from './charts/organisations-chart.js'
import { ratingsChart } from './charts/ratings-chart.js'
import type { RenderedChart } from './charts/render.js'
import { trendChart } from './charts/trend-chart.js'

/** More bars than this stop being readable on a phone; the busiest are shown. */
export const CHART_ORGANISATIONS = 12

export interface StatsFigures {
  district: LocalizedText | null
  rows: readonly OrganisationFigures[]
  trend: readonly DayFigures[]
  ratings: readonly RatingCount[]
}

/** The three /stats pictures, every word in the reader's language: per organisation, per day, per rating. */
export function statsCharts(
  figures: StatsFigures,
  period: Pick<Period, 'firstDay' | 'lastDay'>,
  language: Language,
  translate: Translate,
): RenderedChart[] {
  const say = (key: string, params?: Record<string, TextParam>): string =>
    htmlToPlain(translate(language, text(key, params)))
  const when: Record<string, TextParam> = {
    from: dayMonthYear(period.firstDay),
    to: dayMonthYear(period.lastDay),
    scope: figures.district ? { localized: figures.district } : { text: text('admin.stats.region') },
  }
  const triage: Text = text('admin.stats.triage')
  const shown = figures.rows.slice(0, CHART_ORGANISATIONS)

  const organisations = organisationsChart(
    shown.map((row) => ({
      name: row.name ? row.name[language] : htmlToPlain(translate(language, triage)),
      received: row.received,
      doneOnTime: row.doneOnTime,
      overdue: row.overdue,
    })),
    {
      title: say('admin.chart.organisations.title', when),
      subtitle:
        figures.rows.length > shown.length
          ? say('admin.chart.organisations.busiest', { shown: shown.length, total: figures.rows.length })
          : '',
      received: say('admin.chart.received'),
      doneOnTime: say('admin.chart.done-on-time'),
      overdue: say('admin.chart.overdue'),
      axisRequests: say('admin.chart.axis.requests'),
      axisOrganisation: say('admin.chart.axis.organisation'),
    },
  )

  const trend = trendChart(figures.trend, {
    title: say('admin.chart.trend.title', when),
    received: say('admin.chart.received'),
    done: say('admin.chart.done'),
    axisDay: say('admin.chart.axis.day'),
    axisRequests: say('admin.chart.axis.requests'),
  })

  const rated = figures.ratings.reduce((sum, r) => sum + r.count, 0)
  const average = rated === 0 ? 0 : figures.ratings.reduce((sum, r) => sum + r.rating * r.count, 0) / rated
  const ratings = ratingsChart(figures.ratings, {
    title: say('admin.chart.ratings.title', when),
    subtitle:
      rated === 0
        ? say('admin.chart.ratings.none')
        : say('admin.chart.ratings.average', {
            average: average.toFixed(1).replace('.', language === 'en' ? '.' : ','),
            count: rated,
          }),
    series: say('admin.chart.ratings.series'),
    axisRating: say('admin.chart.axis.rating'),
    axisRequests: say('admin.chart.axis.requests'),
  })

  return [organisations, trend, ratings]
}
