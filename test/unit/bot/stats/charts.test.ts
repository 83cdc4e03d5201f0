import { describe, expect, it } from 'vitest'
import { loadDictionaries } from '../../../../src/app/locales.js'
import { wrapName } from '../../../../src/bot/telegram/staff/stats/charts/labels.js'
import type { StatsFigures } from '../../../../src/bot/telegram/staff/stats/stats-charts.js'
import { CHART_ORGANISATIONS, statsCharts } from '../../../../src/bot/telegram/staff/stats/stats-charts.js'
import type { OrganisationFigures } from '../../../../src/core/admin/organisation-stats.js'
import { createTranslator } from '../../../../src/core/i18n/translate.js'

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(png.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

const figuresOf = (code: string, ru: string, en: string, received: number): OrganisationFigures => ({
  code,
  name: { ru, be: ru, en },
  received,
  open: 2,
  overdue: 1,
  doneOnTime: received - 3,
  doneOnTimePct: 80,
  medianAcceptMinutes: 30,
  medianFinishMinutes: 600,
  reopenPct: 0,
  averageRating: 4.5,
})

const FIGURES: StatsFigures = {
  district: { ru: 'Лидский район', be: 'Лідскі раён', en: 'Lida District' },
  rows: [
    figuresOf('lida-housing', 'Жилищно-коммунальное хозяйство Лидского района', 'Lida District housing', 40),
    figuresOf('lida-water', 'Водоканал Лидского района', 'Lida District water utility', 12),
  ],
  trend: [
    { day: '2026-11-01', received: 3, done: 1 },
    { day: '2026-11-02', received: 5, done: 4 },
    { day: '2026-11-03', received: 0, done: 2 },
  ],
  ratings: [1, 2, 3, 4, 5].map((rating) => ({ rating, count: rating * 2 })),
}
const PERIOD = { firstDay: '2026-11-01', lastDay: '2026-11-03' }

describe('/stats charts (ECharts SVG, PNG through resvg)', async () => {
  const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })

  it('when the figures are drawn in Russian, then each picture is a PNG at least 1000 px wide with its words in Russian', () => {
    const [organisations, trend, ratings] = statsCharts(FIGURES, PERIOD, 'ru', translate)
    if (!organisations || !trend || !ratings) throw new Error('three charts')
    for (const chart of [organisations, trend, ratings]) {
      const size = pngSize(chart.png)
      expect(size).toEqual({ width: chart.width, height: chart.height })
      expect(size.width).toBeGreaterThanOrEqual(1000)
      expect(chart.svg).toContain('01.11.2026')
      expect(chart.svg).toContain('03.11.2026')
      expect(chart.svg).toContain('Лидский район')
      expect(chart.svg).toContain('Заявок')
    }
    expect(organisations.svg).toContain('Заявки по организациям')
    for (const word of ['Поступило', 'Выполнено в срок', 'Открыто с нарушением срока', 'Организация'])
      expect(organisations.svg).toContain(word)
    // The long name is wrapped between words onto two lines.
    expect(organisations.svg).toContain('Жилищно-коммунальное хозяйство')
    expect(organisations.svg).toContain('Лидского района')
    expect(organisations.svg).toContain('Водоканал Лидского района')
    for (const word of ['Поступило и выполнено по дням', 'Выполнено', 'День', '01.11', '03.11'])
      expect(trend.svg).toContain(word)
    for (const word of ['Оценки жителей', 'Оценка', 'Средняя оценка 3,7, оценок: 30', '5 ★'])
      expect(ratings.svg).toContain(word)
  })

  it('when the same figures are drawn in English, then the titles, legends, axes and names are English', () => {
    const [organisations, trend, ratings] = statsCharts(FIGURES, PERIOD, 'en', translate)
    expect(organisations?.svg).toContain('Requests by organisation')
    expect(organisations?.svg).toContain('Lida District water utility')
    expect(organisations?.svg).toContain('Open past the deadline')
    expect(organisations?.svg).not.toContain('Водоканал')
    expect(trend?.svg).toContain('Received and done per day')
    expect(ratings?.svg).toContain('Average rating 3.7, 30 rated')
  })

  it('when there are more organisations than fit, then the busiest are drawn and the subtitle says how many of how many', () => {
    const many: StatsFigures = {
      ...FIGURES,
      district: null,
      rows: Array.from({ length: CHART_ORGANISATIONS + 3 }, (_, i) =>
        figuresOf(`org-${i}`, `Организация номер ${i}`, `Organisation ${i}`, 100 - i),
      ),
    }
    const [organisations] = statsCharts(many, PERIOD, 'ru', translate)
    expect(organisations?.svg).toContain(`Показаны ${CHART_ORGANISATIONS} организаций`)
    expect(organisations?.svg).toContain('вся область')
    expect(organisations?.svg).toContain(`Организация номер ${CHART_ORGANISATIONS - 1}<`)
    expect(organisations?.svg).not.toContain(`Организация номер ${CHART_ORGANISATIONS}<`)
  })

  it('when nobody rated, then the ratings chart says so', () => {
    const [, , ratings] = statsCharts(
      { ...FIGURES, ratings: FIGURES.ratings.map((r) => ({ ...r, count: 0 })) },
      PERIOD,
      'ru',
      translate,
    )
    expect(ratings?.svg).toContain('За этот период оценок нет')
  })
})

describe('wrapName', () => {
  it('when a name is short, then it stays on one line', () => {
    expect(wrapName('Водоканал г. Гродно', 30, 2)).toBe('Водоканал г. Гродно')
  })

  it('when a name is long, then it breaks between words and what does not fit ends with an ellipsis', () => {
    expect(wrapName('Дорожное ремонтно-строительное управление Лидского района (ДРСУ)', 30, 2)).toBe(
      'Дорожное ремонтно-строительное\nуправление Лидского района…',
    )
  })

  it('when one word is longer than a line, then it is cut with an ellipsis', () => {
    expect(wrapName('Гроднооблкоммунтеплосетьэнерго', 10, 2)).toBe('Гроднообл…')
  })
})
