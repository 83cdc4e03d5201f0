// Writes example /stats charts from fixed figures into docs/charts/ (shown in the README):
// `npm run charts:examples`. The figures are made up; the names are the region's reference data.
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadDictionaries } from '../src/app/locales.js'
import { statsCharts } from '../src/bot/telegram/staff/stats/stats-charts.js'
import type { DayFigures, OrganisationFigures } from '../src/core/admin/organisation-stats.js'
import type { Language } from '../src/core/i18n/text.js'
import { createTranslator } from '../src/core/i18n/translate.js'

const OUT = new URL('../docs/charts/', import.meta.url)

const organisation = (
  code: string,
  name: { ru: string; be: string; en: string },
  received: number,
  doneOnTime: number,
  overdue: number,
): OrganisationFigures => ({
  code,
  name,
  received,
  open: overdue + 2,
  overdue,
  doneOnTime,
  doneOnTimePct: null,
  medianAcceptMinutes: null,
  medianFinishMinutes: null,
  reopenPct: null,
  averageRating: null,
})

const rows: OrganisationFigures[] = [
  organisation(
    'lida-housing',
    {
      ru: 'Жилищно-коммунальное хозяйство Лидского района',
      be: 'Жыллёва-камунальная гаспадарка Лідскага раёна',
      en: 'Lida District housing and utility services',
    },
    148,
    112,
    9,
  ),
  organisation(
    'lida-water',
    { ru: 'Водоканал Лидского района', be: 'Водаканал Лідскага раёна', en: 'Lida District water and sewerage utility' },
    61,
    50,
    3,
  ),
  organisation(
    'lida-roads',
    {
      ru: 'Дорожное ремонтно-строительное управление Лидского района (ДРСУ)',
      be: 'Дарожнае рамонтна-будаўнічае ўпраўленне Лідскага раёна (ДРБУ)',
      en: 'Lida District road maintenance (DRSU)',
    },
    37,
    25,
    6,
  ),
  organisation(
    'lida-energy',
    {
      ru: 'Электрические сети Лидского района (РУП «Гродноэнерго»)',
      be: 'Электрычныя сеткі Лідскага раёна (РУП «Гроднаэнерга»)',
      en: 'Lida District electricity network (Grodnoenergo)',
    },
    22,
    19,
    1,
  ),
  { ...organisation('', { ru: '', be: '', en: '' }, 5, 0, 2), code: null, name: null },
]

// A winter month: more reports on Mondays and in the cold snap of the third week; work done a day later.
const received = (day: number): number => {
  const weekday = (day + 5) % 7 // 0 = Monday for November 2026
  return 7 + (weekday === 0 ? 4 : 0) - (weekday >= 5 ? 3 : 0) + (day >= 15 && day <= 19 ? 6 : 0)
}
const trend: DayFigures[] = Array.from({ length: 30 }, (_, i) => {
  const day = i + 1
  return {
    day: `2026-11-${String(day).padStart(2, '0')}`,
    received: received(day),
    done: day === 1 ? 3 : received(day - 1) - (day % 4 === 0 ? 1 : 0),
  }
})

const ratings = [
  { rating: 1, count: 7 },
  { rating: 2, count: 5 },
  { rating: 3, count: 14 },
  { rating: 4, count: 38 },
  { rating: 5, count: 71 },
]

const district = { ru: 'Лидский район', be: 'Лідскі раён', en: 'Lida District' }
const period = { firstDay: '2026-11-01', lastDay: '2026-11-30' }
const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })
const names = ['organisations', 'trend', 'ratings'] as const

mkdirSync(OUT, { recursive: true })
for (const language of ['ru', 'en'] as Language[]) {
  const charts = statsCharts({ district, rows, trend, ratings }, period, language, translate)
  charts.forEach((chart, i) => {
    const file = new URL(`${names[i] ?? i}.${language}.png`, OUT)
    writeFileSync(file, chart.png)
    console.log(`${file.pathname}  ${chart.width}×${chart.height}`)
  })
}
