import type { Context } from 'grammy'
import type { Actor } from '../../../../core/access/permissions.js'
import type { Language } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import { validateNoticeBody } from '../../../../core/notices/notice.js'
import type { NoticeConversation } from './compose.js'
import { failureText } from './compose.js'
import type { NoticePorts } from './ports.js'

export const CORRECT_NOTICE = 'notice-correct'

/** "Correct": the new text of an active notice; who already got it receives the correction. */
export function correctNotice(ports: NoticePorts, translate: Translate) {
  return async function correct(
    conversation: NoticeConversation,
    ctx: Context,
    language: Language,
    noticeId: number,
  ): Promise<void> {
    const html = { parse_mode: 'HTML' as const }
    const actor = await conversation.external((outside): Actor | null => outside.person?.actor ?? null)
    if (!actor) return
    await ctx.reply(translate(language, text('admin.notice.ask-correction', { id: noticeId })), html)
    for (;;) {
      const message = await conversation.waitFor('message:text', {
        otherwise: (c) => c.reply(translate(language, text('admin.notice.use-text'))),
      })
      const body = message.message.text.trim()
      const invalid = validateNoticeBody(body, false)
      if (invalid) {
        await ctx.reply(translate(language, failureText(invalid)), html)
        continue
      }
      const result = await conversation.external(() => ports.correctNotice(actor, noticeId, body))
      if (result.ok) {
        await ctx.reply(translate(language, text('admin.notice.corrected-done', { count: result.followUpTo })), html)
        return
      }
      await ctx.reply(translate(language, failureText(result.error)), html)
      if (result.error !== 'body-too-long') return
    }
  }
}
