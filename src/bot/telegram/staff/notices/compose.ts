import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import type { Actor } from '../../../../core/access/permissions.js'
import { noticeMessage } from '../../../../core/delivery/outgoing.js'
import type { Language, Text, TextParam } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
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
import { keyboard } from './keyboard.js'
import type { NoticePorts } from './ports.js'

export type NoticeConversation = Conversation<BotContext>

export const COMPOSE_NOTICE = 'notice-compose'

/** The outcome of a notice use case as a text for the admin. */
export const failureText = (error: string): Text => text(`admin.notice.error.${error}`)

/**
 * /notice: kind → area → service → time window → text → photo → preview → confirm, schedule or drop.
 * Every database read and the clock go through `conversation.external`; Bot API calls never do.
 */
export function composeNotice(ports: NoticePorts, translate: Translate) {
  return async function compose(conversation: NoticeConversation, ctx: Context, language: Language): Promise<void> {
    const t = (key: string, params?: Record<string, TextParam>) => translate(language, text(key, params))
    const html = { parse_mode: 'HTML' as const }
    const actor = await conversation.external((outside): Actor | null => outside.person?.actor ?? null)
    if (!actor) return

    /** Waits for one of the buttons; anything else gets a hint. */
    const choose = async (prefix: string): Promise<string> => {
      const pressed = await conversation.waitForCallbackQuery(new RegExp(`^nt:${prefix}:(.+)$`), {
        otherwise: (c) => c.reply(t('admin.notice.use-buttons')),
      })
      await pressed.answerCallbackQuery()
      await pressed.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined)
      return String(pressed.match[1])
    }
    const typed = async (): Promise<string> => {
      const message = await conversation.waitFor('message:text', {
        otherwise: (c) => c.reply(t('admin.notice.use-text')),
      })
      return message.message.text
    }

    // Kind
    await ctx.reply(t('admin.notice.ask-kind'), {
      ...html,
      reply_markup: keyboard(NOTICE_KINDS.map((k) => ({ label: t(`admin.notice.kind.${k}`), data: `nt:k:${k}` }))),
    })
    const kindValue = await choose('k')
    if (!isNoticeKind(kindValue)) return
    const kind: NoticeKind = kindValue

    // Area
    const mayRegion = ports.mayNoticeRegion(actor)
    const districts = await conversation.external(() => ports.districtsFor(actor))
    if (districts.length === 0 && !mayRegion) {
      await ctx.reply(t('admin.notice.error.not-allowed'), html)
      return
    }
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
    if (scope !== 'region') {
      let districtId = districts[0]?.id ?? 0
      if (districts.length > 1 || scope === 'district') {
        await ctx.reply(t('admin.notice.ask-district'), {
          ...html,
          reply_markup: keyboard(
            districts.map((d) => ({ label: d.name[language], data: `nt:d:${d.id}` })),
            2,
          ),
        })
        districtId = Number(await choose('d'))
      }
      if (scope === 'district') area = { scope: 'districts', districtIds: [districtId] }
      else {
        const settlements = await conversation.external(() => ports.settlementsOf(districtId))
        await ctx.reply(t('admin.notice.ask-settlement'), {
          ...html,
          reply_markup: keyboard(
            settlements.map((s) => ({ label: s.name[language], data: `nt:s:${s.id}` })),
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
          const answer = await conversation.waitFor(['message:text', 'callback_query:data'], {
            otherwise: (c) => c.reply(t('admin.notice.use-text')),
          })
          if (answer.callbackQuery) {
            await answer.answerCallbackQuery()
            if (answer.callbackQuery.data === 'nt:st:all') break
            continue
          }
          const parsed = parseStreets(answer.message.text)
          if (parsed.ok) {
            streets = parsed.streets
            break
          }
          await ctx.reply(t(`admin.notice.error.${parsed.error}`), html)
        }
        area = { scope: 'settlement', settlementId, streets }
      }
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
      const answer = await conversation.waitFor(['message:photo', 'callback_query:data'], {
        otherwise: (c) => c.reply(t('admin.notice.ask-photo'), html),
      })
      if (answer.callbackQuery) {
        await answer.answerCallbackQuery()
        if (answer.callbackQuery.data === 'nt:ph:none') break
        continue
      }
      photo = answer.message.photo.at(-1)?.file_id ?? null
      if (photo !== null && validateNoticeBody(body, true) === 'body-too-long') {
        await ctx.reply(t('admin.notice.error.caption-too-long'), html)
        photo = null
        continue
      }
      break
    }

    const draft: NoticeDraft = { kind, service, area, ...window, body, photo }
    const created = await conversation.external(() => ports.createNotice(actor, draft))
    if (!created.ok) {
      await ctx.reply(translate(language, failureText(created.error)), html)
      return
    }
    const noticeId = created.noticeId

    // The preview, exactly as residents will see it
    await ctx.reply(t('admin.notice.preview-title'), html)
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
        await conversation.external(() => ports.cancelNotice(actor, noticeId))
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
      const state = sendAt === null ? 'sending' : 'scheduled'
      const progress = await ctx.reply(
        translate(language, noticeProgressMessage(progressFrom(noticeId, state, false, {}, sendAt))),
        html,
      )
      const chatId = String(progress.chat.id)
      const confirmed = await conversation.external(() =>
        ports.confirmNotice(actor, noticeId, {
          sendAt: sendAt === null ? null : new Date(sendAt),
          progress: { chatId, messageId: progress.message_id, language },
        }),
      )
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
