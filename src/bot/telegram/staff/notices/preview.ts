import { areaWordsFrom, noticeMessage } from '../../../../core/notices/notice-message.js'
import { text } from '../../../../core/i18n/text.js'
import type { NoticeDraft } from '../../../../core/notices/notice.js'
import { noticeProgressMessage, progressFrom } from '../../../../core/notices/progress.js'
import { parseMomentAhead } from '../../../../core/notices/time-window.js'
import { keyboard } from '../shared/keyboard.js'
import { decisionButtons, mayChooseAgain } from './compose-rules.js'
import type { ChosenArea } from './area.js'
import { addressedTo } from './districts.js'
import { failureText } from './texts.js'
import type { NoticeWizard } from './wizard.js'
import { HTML, REFUSED, actorOf } from './wizard.js'

/** Step "preview": whom the notice is for, then the notice exactly as residents will see it. */
export async function showPreview(w: NoticeWizard, draft: NoticeDraft, chosen: ChosenArea) {
  const whom = addressedTo(draft.area, chosen.districts)
  await w.ctx.reply(w.translate(w.language, [text('admin.notice.preview-title'), ...(whom ? [whom] : [])]), HTML)
  const where = areaWordsFrom(draft.area, chosen.districts, chosen.settlements)
  const { photo } = draft
  const preview = w.translate(w.language, noticeMessage({ ...draft, where }).text)
  if (photo !== null) await w.ctx.replyWithPhoto(photo, { caption: preview, ...HTML })
  else await w.ctx.reply(preview, HTML)
}

/** When to send: now, or at a moment typed in the region's time zone (null: now). */
async function askSendAt(w: NoticeWizard, decision: string): Promise<string | null> {
  if (decision !== 'schedule') return null
  await w.ctx.reply(w.t('admin.notice.ask-send-at'), HTML)
  for (;;) {
    const now = await w.conversation.now()
    const parsed = parseMomentAhead(await w.typed(), new Date(now), w.ports.timeZone)
    if (parsed.ok) return parsed.at
    await w.ctx.reply(w.translate(w.language, failureText(parsed.error)), HTML)
  }
}

/** Stores the notice and sends or schedules it, with a message that shows its progress; false when refused. */
async function sendOrSchedule(w: NoticeWizard, draft: NoticeDraft, sendAt: string | null): Promise<boolean> {
  const { conversation, ports, language } = w
  const created = await conversation.external((outside) => {
    const actor = actorOf(outside)
    return actor ? ports.createNotice(actor, draft) : REFUSED
  })
  if (!created.ok) {
    await w.ctx.reply(w.translate(language, failureText(created.error)), HTML)
    return true
  }
  const { noticeId } = created
  const state = sendAt === null ? 'sending' : 'scheduled'
  const progress = await w.ctx.reply(
    w.translate(language, noticeProgressMessage(progressFrom(noticeId, state, false, {}, sendAt))),
    HTML,
  )
  const chatId = String(progress.chat.id)
  const confirmed = await conversation.external(async (outside) => {
    const actor = actorOf(outside)
    const result = actor
      ? await ports.confirmNotice(actor, noticeId, {
          sendAt: sendAt === null ? null : new Date(sendAt),
          progress: { chatId, messageId: progress.message_id, language },
        })
      : REFUSED
    // Not sent, not scheduled: the stored draft goes, nothing is left half-made.
    if (!result.ok && actor) await ports.cancelNotice(actor, noticeId)
    return result
  })
  if (confirmed.ok) return true
  await w.ctx.api.editMessageText(
    chatId,
    progress.message_id,
    w.translate(language, failureText(confirmed.error)),
    HTML,
  )
  return !mayChooseAgain(confirmed.error)
}

/**
 * Step "decide": send now, schedule, or drop. The notice is stored only when it is sent or
 * scheduled, so leaving before that leaves nothing behind. A send time in the past or after the
 * outage may be chosen again.
 */
export async function decideAndSend(w: NoticeWizard, draft: NoticeDraft): Promise<void> {
  for (;;) {
    await w.ctx.reply(w.t('admin.notice.preview-ask'), { ...HTML, reply_markup: keyboard(decisionButtons(w.t), 1) })
    const decision = (await w.choose('notice.preview')).choice
    if (decision === 'drop') {
      await w.ctx.reply(w.t('admin.notice.dropped'), HTML)
      return
    }
    if (await sendOrSchedule(w, draft, await askSendAt(w, decision))) return
  }
}
