import type { Composer } from 'grammy'
import { InputFile } from 'grammy'
import type { Period } from '../../../../core/admin/period.js'
import { isPeriodWord, parsePeriod } from '../../../../core/admin/period.js'
import type { Language, Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import { htmlToPlain } from '../../../../core/i18n/translate.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import { onButton } from '../../callbacks.js'
import type { BotContext, StaffFeature } from '../../context.js'
import type { StaffLog } from '../shared/boundary.js'
import { behindErrorBoundary } from '../shared/boundary.js'
import { keyboard } from '../shared/keyboard.js'
import type { OrganisationFigures, ReportPorts } from './ports.js'
import { statsCharts } from './stats-charts.js'
import { requestsWorkbook } from './workbook.js'

const DEAD_LETTERS_PAGE = 10
const REASON_CHARS = 300

type Format = 'csv' | 'xlsx'
type Args =
  { ok: true; period: Period; districtWord: string | null; format: Format | null } | { ok: false; error: Text }

const STATS_COLUMNS = [
  'organisation',
  'received',
  'open',
  'overdue',
  'done-on-time',
  'on-time-pct',
  'accept-hours',
  'finish-hours',
  'reopened-pct',
  'rating',
] as const

const fixed = (value: number | null, digits: number): string => (value === null ? '—' : value.toFixed(digits))
const hours = (minutes: number | null): string => (minutes === null ? '—' : (minutes / 60).toFixed(1))

/** /stats, /export and /deadletters: figures as text and a chart, requests as CSV, failed deliveries. */
export function createReportsFeature(deps: { ports: ReportPorts; translate: Translate; log: StaffLog }): StaffFeature {
  const { ports, translate, log } = deps
  const html = { parse_mode: 'HTML' as const }

  function parseArgs(input: string, allowDistrict: boolean): Args {
    const words = input
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '')
    let period: Period | null = null
    let districtWord: string | null = null
    let format: Format | null = null
    for (const word of words) {
      const lower = word.toLowerCase()
      if (!allowDistrict && format === null && (lower === 'csv' || lower === 'xlsx')) format = lower
      else if (isPeriodWord(word)) {
        period = parsePeriod(word, ports.now(), ports.timeZone)
        if (!period) return { ok: false, error: text('admin.report.error.period') }
      } else if (allowDistrict && districtWord === null) districtWord = word
      else return { ok: false, error: text(allowDistrict ? 'admin.stats.usage' : 'admin.export.usage') }
    }
    return {
      ok: true,
      period: period ?? (parsePeriod('month', ports.now(), ports.timeZone) as Period),
      districtWord,
      format,
    }
  }

  const plain = (language: Language, message: Text | Text[]) => htmlToPlain(translate(language, message))

  /** The requests as a file: CSV with a button for the same as XLSX, or XLSX with the period's figures. */
  async function sendExport(ctx: BotContext, period: Period, format: Format): Promise<void> {
    const person = ctx.person
    if (!person) return
    const language = person.language
    const result = await ports.exportRequests(person.actor, period, language, { figures: format === 'xlsx' })
    if (!result.ok) {
      await ctx.reply(translate(language, text('admin.report.error.not-allowed')), html)
      return
    }
    const caption = translate(language, [
      text('admin.export.caption', { from: period.firstDay, to: period.lastDay, count: result.count }),
      text(result.personal ? 'admin.export.personal' : 'admin.export.no-personal'),
    ])
    const name = `requests-${period.firstDay}-${period.lastDay}.${format}`
    if (format === 'csv') {
      await ctx.replyWithDocument(new InputFile(Buffer.from(result.csv, 'utf8'), name), {
        caption,
        ...html,
        reply_markup: keyboard([
          {
            label: translate(language, text('admin.export.xlsx-button')),
            data: encodeCallback({ kind: 'export.xlsx', firstDay: period.firstDay, lastDay: period.lastDay }),
          },
        ]),
      })
      return
    }
    const scope: Text = result.district
      ? text('admin.export.stats.title', {
          from: period.firstDay,
          to: period.lastDay,
          scope: { localized: result.district },
        })
      : text('admin.export.stats.title', {
          from: period.firstDay,
          to: period.lastDay,
          scope: { text: text('admin.stats.region') },
        })
    const file = await requestsWorkbook({
      table: result.table,
      figures: result.figures ?? [],
      language,
      timeZone: ports.timeZone,
      texts: {
        requestsSheet: plain(language, text('admin.export.sheet.requests')),
        statsSheet: plain(language, text('admin.export.sheet.stats')),
        statsTitle: plain(language, scope),
        statsColumns: STATS_COLUMNS.map((c) => plain(language, text(`admin.export.stats.column.${c}`))),
        total: plain(language, text('admin.export.stats.total')),
        triage: plain(language, text('admin.stats.triage')),
      },
    })
    await ctx.replyWithDocument(new InputFile(file, name), { caption, ...html })
  }

  function figuresLine(n: number, row: OrganisationFigures, language: Language): Text {
    return text('admin.stats.row', {
      n,
      organisation: row.name ? { localized: row.name } : { text: text('admin.stats.triage') },
      received: row.received,
      open: row.open,
      overdue: row.overdue,
      onTime: fixed(row.doneOnTimePct, 0),
      accept: hours(row.medianAcceptMinutes),
      finish: hours(row.medianFinishMinutes),
      reopened: fixed(row.reopenPct, 0),
      rating:
        row.averageRating === null ? '—' : row.averageRating.toFixed(1).replace('.', language === 'en' ? '.' : ','),
    })
  }

  const feature: StaffFeature = {
    install(composer: Composer<BotContext>) {
      const privateChat = composer.chatType('private')

      privateChat.command('stats', async (ctx) => {
        const person = ctx.person
        if (!person) return
        const language = person.language
        const args = parseArgs(ctx.match, true)
        if (!args.ok) {
          await ctx.reply(translate(language, args.error), html)
          return
        }
        let districtId: number | null = null
        if (args.districtWord !== null) {
          const district = await ports.findDistrict(args.districtWord)
          if (!district) {
            await ctx.reply(translate(language, text('admin.report.error.district', { word: args.districtWord })), html)
            return
          }
          districtId = district.id
        }
        const result = await ports.stats(person.actor, args.period, districtId)
        if (!result.ok) {
          await ctx.reply(translate(language, text('admin.report.error.not-allowed')), html)
          return
        }
        const title = text('admin.stats.title', {
          from: args.period.firstDay,
          to: args.period.lastDay,
          scope: result.district ? { localized: result.district } : { text: text('admin.stats.region') },
        })
        if (result.rows.length === 0) {
          await ctx.reply(translate(language, [title, text('admin.stats.none')]), html)
          return
        }
        const lines: Text[] = [title, text('admin.stats.legend')]
        result.rows.forEach((row, i) => lines.push(figuresLine(i + 1, row, language)))
        await ctx.reply(translate(language, lines), html)
        // Each picture carries its own title, legend and names, so it can be forwarded alone.
        const charts = statsCharts(result, args.period, language, translate)
        await ctx.replyWithMediaGroup(
          charts.map((chart, i) => ({
            type: 'photo' as const,
            media: new InputFile(chart.png, `stats-${i + 1}.png`),
            ...(i === 0 ? { caption: translate(language, title), parse_mode: 'HTML' as const } : {}),
          })),
        )
      })

      privateChat.command('export', async (ctx) => {
        const person = ctx.person
        if (!person) return
        const args = parseArgs(ctx.match, false)
        if (!args.ok) {
          await ctx.reply(translate(person.language, args.error), html)
          return
        }
        await sendExport(ctx, args.period, args.format ?? 'csv')
      })

      onButton(privateChat, 'export.xlsx', async (ctx, { firstDay, lastDay }) => {
        // The button names the days the CSV covered, so the file matches it whenever it is pressed.
        const period = parsePeriod(`${firstDay}..${lastDay}`, ports.now(), ports.timeZone)
        if (!period) {
          await ctx.answerCallbackQuery({ text: plain(ctx.person?.language ?? 'ru', text('admin.stale-button')) })
          return
        }
        await ctx.answerCallbackQuery()
        await sendExport(ctx, period, 'xlsx')
      })

      const showDeadLetters = async (ctx: BotContext, offset: number, edit: boolean) => {
        const person = ctx.person
        if (!person) return
        const language = person.language
        const result = await ports.deadLetters(person.actor, offset, DEAD_LETTERS_PAGE)
        if (!result.ok) {
          await ctx.reply(translate(language, text('admin.report.error.not-allowed')), html)
          return
        }
        const body =
          result.total === 0
            ? translate(language, text('admin.deadletters.none'))
            : translate(language, [
                text('admin.deadletters.title', {
                  from: Math.min(offset + 1, result.total),
                  to: offset + result.rows.length,
                  total: result.total,
                }),
                ...result.rows.map((r) =>
                  text('admin.deadletters.item', {
                    id: r.id,
                    at: { datetime: r.failedAt.toISOString() },
                    queue: r.queue,
                    job: r.jobName,
                    attempts: r.attempts,
                    reason: r.reason.length > REASON_CHARS ? `${r.reason.slice(0, REASON_CHARS)}…` : r.reason,
                  }),
                ),
              ])
        const buttons = [
          ...(offset > 0
            ? [
                {
                  label: translate(language, text('admin.deadletters.newer')),
                  data: encodeCallback({ kind: 'dead-letters.page', offset: Math.max(0, offset - DEAD_LETTERS_PAGE) }),
                },
              ]
            : []),
          ...(offset + DEAD_LETTERS_PAGE < result.total
            ? [
                {
                  label: translate(language, text('admin.deadletters.older')),
                  data: encodeCallback({ kind: 'dead-letters.page', offset: offset + DEAD_LETTERS_PAGE }),
                },
              ]
            : []),
        ]
        const options = { ...html, reply_markup: keyboard(buttons, 2) }
        if (edit) await ctx.editMessageText(body, options).catch(() => ctx.reply(body, options))
        else await ctx.reply(body, options)
      }

      privateChat.command('deadletters', (ctx) => showDeadLetters(ctx, 0, false))
      onButton(privateChat, 'dead-letters.page', async (ctx, { offset }) => {
        await ctx.answerCallbackQuery()
        await showDeadLetters(ctx, offset, true)
      })
      onButton(composer, ['dead-letters.page', 'export.xlsx'], async (ctx) => {
        await ctx.answerCallbackQuery({ text: translate(ctx.person?.language ?? 'ru', text('admin.stale-button')) })
      })
    },
  }
  return behindErrorBoundary('reports', feature, { translate, log })
}
