import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import type { Actor } from '../../../../core/access/permissions.js'
import { noticeMessage } from '../../../../core/delivery/outgoing.js'
import type { Language, Text, TextParam } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import { htmlToPlain } from '../../../../core/i18n/translate.js'
import type { NoticeArea, NoticeDraft, NoticeKind, NoticeService } from '../../../../core/notices/notice.js'
import {
  NOTICE_KINDS,
  NOTICE_SERVICES,
  isNoticeKind,
  isNoticeService,
  validateNoticeBody,
} from '../../../../core/notices/notice.js'
import { noticeProgressMessage, progressFrom } from '../../../../core/notices/progress.js'
import { parseStreets } from '../../../../core/notices/streets.js'
import { parseMomentAhead, parseTimeWindow } from '../../../../core/notices/time-window.js'
import type { BotContext } from '../../context.js'
import { DISTRICT_TOGGLE, addressedTo, districtPicker, toggled } from './districts.js'
import { keyboard } from '../shared/keyboard.js'
import { waitForButton, waitForOwn, waitForText } from '../shared/wait.js'
import type { NoticePorts } from './ports.js'

export type NoticeConversation = Conversation<BotContext>

export const COMPOSE_NOTICE = 'notice-compose'

/** The outcome of a notice use case as a text for the admin. */
export const failureText = (error: string): Text => text(`admin.notice.error.${error}`)

/**
 * /notice: kind → area (the region, districts, or a settlement and streets) → service → time window → text → photo → preview → confirm, schedule or drop.
 * Every database read and the clock go through `conversation.external`; Bot API calls never do.
 */
export function composeNotice(ports: NoticePorts, translate: Translate) {
  return async function compose(conversation: NoticeConversation, ctx: Context, language: Language): Promise<void> {
    const t = (key: string, params?: Record<string, TextParam>) => translate(language, text(key, params))
    const html = { parse_mode: 'HTML' as const }
    const from = ctx.from?.id
    if (from === undefined) return
    /** The actor as of now (read inside `external`): a role revoked while the wizard waited no longer counts. */
    const actorOf = (outside: BotContext): Actor | null => outside.person?.actor ?? null
    const refused = { ok: false as const, error: 'not-allowed' as const }

    /** Waits for one of this step's buttons; a text gets a hint; a command or another button ends the wizard. */
    const choose = async (prefix: string): Promise<string> => {
      const pressed = await waitForButton(conversation, from, new RegExp(`^nt:${prefix}:(.+)$`), (c) =>
        c.reply(t('admin.notice.use-buttons')),
      )
      await pressed.ctx.answerCallbackQuery()
      await pressed.ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined)
      return String(pressed.match[1])
    }
    const typed = async (): Promise<string> =>
      (await waitForText(conversation, from, (c) => c.reply(t('admin.notice.use-text')))).text

    // Kind
    await ctx.reply(t('admin.notice.ask-kind'), {
      ...html,
      reply_markup: keyboard(NOTICE_KINDS.map((k) => ({ label: t(`admin.notice.kind.${k}`), data: `nt:k:${k}` }))),
    })
    const kindValue = await choose('k')
    if (!isNoticeKind(kindValue)) return
    const kind: NoticeKind = kindValue

    // Area
    const where = await conversation.external((outside) => {
      const actor = actorOf(outside)
      return actor ? ports.areaChoices(actor) : refused
    })
    if (!where.ok) {
      await ctx.reply(t('admin.notice.error.not-allowed'), html)
      return
    }
    const { region: mayRegion, districts } = where
    await ctx.reply(t('admin.notice.ask-area'), {
      ...html,
      reply_markup: keyboard([
        ...(mayRegion ? [{ label: t('admin.notice.area.region'), data: 'nt:a:region' }] : []),
        { label: t('admin.notice.area.district'), data: 'nt:a:district' },
        { label: t('admin.notice.area.settlement'), data: 'nt:a:settlement' },
      ]),
    })
    const scope = await choose('a')
    let area: NoticeArea = { scope: 'region' }
    if (scope === 'district') {
      // Several districts at once; an admin of one district has nothing to choose.
      let chosen = districts.length === 1 ? districts.map((d) => d.id) : []
      if (districts.length > 1) {
        await ctx.reply(t('admin.notice.ask-districts'), {
          ...html,
          reply_markup: districtPicker(districts, chosen, t),
        })
        for (;;) {
          const pressed = await waitForButton(conversation, from, DISTRICT_TOGGLE, (c) =>
            c.reply(t('admin.notice.use-buttons')),
          )
          const value = String(pressed.match[1])
          if (value === 'done' && chosen.length > 0) {
            await pressed.ctx.answerCallbackQuery()
            await pressed.ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined)
            break
          }
          if (value === 'done') {
            await pressed.ctx.answerCallbackQuery({ text: htmlToPlain(t('admin.notice.error.area-empty')) })
            continue
          }
          chosen = toggled(chosen, Number(value), districts)
          // The tick shows before the button stops spinning.
          await pressed.ctx
            .editMessageReplyMarkup({ reply_markup: districtPicker(districts, chosen, t) })
            .catch(() => undefined)
          await pressed.ctx.answerCallbackQuery()
        }
      }
      area = { scope: 'districts', districtIds: chosen }
    } else if (scope !== 'region') {
      let districtId = districts[0]?.id ?? 0
      if (districts.length > 1) {
        await ctx.reply(t('admin.notice.ask-district'), {
          ...html,
          reply_markup: keyboard(
            districts.map((d) => ({ label: t('common.name', { name: { localized: d.name } }), data: `nt:d:${d.id}` })),
            2,
          ),
        })
        districtId = Number(await choose('d'))
      }
      const settlements = await conversation.external(() => ports.settlementsOf(districtId))
      await ctx.reply(t('admin.notice.ask-settlement'), {
        ...html,
        reply_markup: keyboard(
          settlements.map((s) => ({
            label: t('common.name', { name: { localized: s.name } }),
            data: `nt:s:${s.id}`,
          })),
          2,
        ),
      })
      const settlementId = Number(await choose('s'))
      await ctx.reply(t('admin.notice.ask-streets'), {
        ...html,
        reply_markup: keyboard([{ label: t('admin.notice.whole-settlement'), data: 'nt:st:all' }]),
      })
      let streets: { street: string; houses: string | null }[] = []
      for (;;) {
        const answer = await waitForOwn(
          conversation,
          from,
          (c) => c.message?.text ?? (c.callbackQuery?.data === 'nt:st:all' ? null : undefined),
          (c) => c.reply(t('admin.notice.use-text')),
        )
        if (answer.value === null) {
          await answer.ctx.answerCallbackQuery()
          break
        }
        const parsed = parseStreets(answer.value)
        if (parsed.ok) {
          streets = parsed.streets
          break
        }
        await ctx.reply(t(`admin.notice.error.${parsed.error}`), html)
      }
      area = { scope: 'settlement', settlementId, streets }
    }

    // Service
    await ctx.reply(t('admin.notice.ask-service'), {
      ...html,
      reply_markup: keyboard(
        NOTICE_SERVICES.map((s) => ({ label: t(`admin.notice.service.${s}`), data: `nt:sv:${s}` })),
        3,
      ),
    })
    const serviceValue = await choose('sv')
    if (!isNoticeService(serviceValue)) return
    const service: NoticeService = serviceValue

    // Time window, in the region's time zone
    await ctx.reply(t('admin.notice.ask-window'), html)
    let window: { startsAt: string; endsAt: string | null }
    for (;;) {
      const input = await typed()
      const now = await conversation.now()
      const parsed = parseTimeWindow(input, new Date(now), ports.timeZone)
      if (parsed.ok && (parsed.endsAt === null || Date.parse(parsed.endsAt) > now)) {
        window = { startsAt: parsed.startsAt, endsAt: parsed.endsAt }
        break
      }
      await ctx.reply(t(parsed.ok ? 'admin.notice.error.window-ended' : `admin.notice.error.${parsed.error}`), html)
    }

    // Text
    await ctx.reply(t('admin.notice.ask-body'), html)
    let body: string
    for (;;) {
      body = (await typed()).trim()
      const invalid = validateNoticeBody(body, false)
      if (!invalid) break
      await ctx.reply(t(`admin.notice.error.${invalid}`), html)
    }

    // Optional photo
    await ctx.reply(t('admin.notice.ask-photo'), {
      ...html,
      reply_markup: keyboard([{ label: t('admin.notice.no-photo'), data: 'nt:ph:none' }]),
    })
    let photo: string | null = null
    for (;;) {
      const answer = await waitForOwn(
        conversation,
        from,
        (c) => c.message?.photo?.at(-1)?.file_id ?? (c.callbackQuery?.data === 'nt:ph:none' ? null : undefined),
        (c) => c.reply(t('admin.notice.ask-photo'), html),
      )
      if (answer.value === null) {
        await answer.ctx.answerCallbackQuery()
        break
      }
      if (validateNoticeBody(body, true) === 'body-too-long') {
        await ctx.reply(t('admin.notice.error.caption-too-long'), html)
        continue
      }
      photo = answer.value
      break
    }

    // The notice is stored only when it is sent or scheduled: leaving before that leaves nothing behind.
    const draft: NoticeDraft = { kind, service, area, ...window, body, photo }

    // The preview, exactly as residents will see it
    const whom = addressedTo(area, districts)
    await ctx.reply(translate(language, [text('admin.notice.preview-title'), ...(whom ? [whom] : [])]), html)
    const preview = translate(language, noticeMessage({ kind, body, endsAt: window.endsAt, photo }).text)
    if (photo !== null) await ctx.replyWithPhoto(photo, { caption: preview, ...html })
    else await ctx.reply(preview, html)

    const decide = async () => {
      await ctx.reply(t('admin.notice.preview-ask'), {
        ...html,
        reply_markup: keyboard(
          [
            { label: t('admin.notice.button.send'), data: 'nt:pv:send' },
            { label: t('admin.notice.button.schedule'), data: 'nt:pv:schedule' },
            { label: t('admin.notice.button.drop'), data: 'nt:pv:drop' },
          ],
          1,
        ),
      })
      return choose('pv')
    }

    for (let decision = await decide(); ; decision = await decide()) {
      if (decision === 'drop') {
        await ctx.reply(t('admin.notice.dropped'), html)
        return
      }
      let sendAt: string | null = null
      if (decision === 'schedule') {
        await ctx.reply(t('admin.notice.ask-send-at'), html)
        for (;;) {
          const now = await conversation.now()
          const parsed = parseMomentAhead(await typed(), new Date(now), ports.timeZone)
          if (parsed.ok) {
            sendAt = parsed.at
            break
          }
          await ctx.reply(t('admin.notice.error.time-invalid'), html)
        }
      }
      const created = await conversation.external((outside) => {
        const actor = actorOf(outside)
        return actor ? ports.createNotice(actor, draft) : refused
      })
      if (!created.ok) {
        await ctx.reply(translate(language, failureText(created.error)), html)
        return
      }
      const { noticeId } = created
      const state = sendAt === null ? 'sending' : 'scheduled'
      const progress = await ctx.reply(
        translate(language, noticeProgressMessage(progressFrom(noticeId, state, false, {}, sendAt))),
        html,
      )
      const chatId = String(progress.chat.id)
      const confirmed = await conversation.external(async (outside) => {
        const actor = actorOf(outside)
        const result = actor
          ? await ports.confirmNotice(actor, noticeId, {
              sendAt: sendAt === null ? null : new Date(sendAt),
              progress: { chatId, messageId: progress.message_id, language },
            })
          : refused
        // Not sent, not scheduled: the stored draft goes, nothing is left half-made.
        if (!result.ok && actor) await ports.cancelNotice(actor, noticeId)
        return result
      })
      if (confirmed.ok) return
      await ctx.api.editMessageText(
        chatId,
        progress.message_id,
        translate(language, failureText(confirmed.error)),
        html,
      )
      // A time in the past or after the outage: the admin may choose again.
      if (confirmed.error !== 'send-at-past' && confirmed.error !== 'send-at-after-end') return
    }
  }
}
