import type { Composer } from 'grammy'
import { InputFile } from 'grammy'
import type { Period } from '../../../../core/admin/period.js'
import { isPeriodWord, parsePeriod } from '../../../../core/admin/period.js'
import type { Language, Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import { onButton } from '../../callbacks.js'
import type { BotContext, StaffFeature } from '../../context.js'
import type { StaffLog } from '../shared/boundary.js'
import { behindErrorBoundary } from '../shared/boundary.js'
import { keyboard } from '../shared/keyboard.js'
import { renderBarChart } from './chart.js'
import type { OrganisationFigures, ReportPorts } from './ports.js'

const DEAD_LETTERS_PAGE = 10
const CHART_GROUPS = 12
const REASON_CHARS = 300

const COLORS = {
  received: [40, 100, 200],
  open: [240, 170, 40],
  overdue: [210, 50, 50],
} as const

type Args = { ok: true; period: Period; districtWord: string | null } | { ok: false; error: Text }

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
    for (const word of words) {
      if (isPeriodWord(word)) {
        period = parsePeriod(word, ports.now(), ports.timeZone)
        if (!period) return { ok: false, error: text('admin.report.error.period') }
      } else if (allowDistrict && districtWord === null) districtWord = word
      else return { ok: false, error: text(allowDistrict ? 'admin.stats.usage' : 'admin.export.usage') }
    }
    return { ok: true, period: period ?? (parsePeriod('month', ports.now(), ports.timeZone) as Period), districtWord }
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
        const lines: Text[] = [title, text('admin.stats.legend', { shown: Math.min(CHART_GROUPS, result.rows.length) })]
        result.rows.forEach((row, i) => lines.push(figuresLine(i + 1, row, language)))
        await ctx.reply(translate(language, lines), html)
        const chart = renderBarChart({
          colors: [COLORS.received, COLORS.open, COLORS.overdue],
          groups: result.rows.slice(0, CHART_GROUPS).map((row) => ({ values: [row.received, row.open, row.overdue] })),
        })
        // The chart has no words: its title and legend are this caption, in the reader's language.
        await ctx.replyWithPhoto(new InputFile(chart, 'stats.png'), {
          caption: translate(language, [title, text('admin.stats.chart-legend')]),
          ...html,
        })
      })

      privateChat.command('export', async (ctx) => {
        const person = ctx.person
        if (!person) return
        const language = person.language
        const args = parseArgs(ctx.match, false)
        if (!args.ok) {
          await ctx.reply(translate(language, args.error), html)
          return
        }
        const result = await ports.exportRequests(person.actor, args.period, language)
        if (!result.ok) {
          await ctx.reply(translate(language, text('admin.report.error.not-allowed')), html)
          return
        }
        const name = `requests-${args.period.firstDay}-${args.period.lastDay}.csv`
        await ctx.replyWithDocument(new InputFile(Buffer.from(result.csv, 'utf8'), name), {
          caption: translate(language, [
            text('admin.export.caption', { from: args.period.firstDay, to: args.period.lastDay, count: result.count }),
            text(result.personal ? 'admin.export.personal' : 'admin.export.no-personal'),
          ]),
          ...html,
        })
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
      onButton(composer, 'dead-letters.page', async (ctx) => {
        await ctx.answerCallbackQuery({ text: translate(ctx.person?.language ?? 'ru', text('admin.stale-button')) })
      })
    },
  }
  return behindErrorBoundary('reports', feature, { translate, log })
}
