import type { Context } from 'grammy'
import type { Language } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import { validateNoticeBody } from '../../../../core/notices/notice.js'
import { waitForText } from '../shared/wait.js'
import { failureText } from './texts.js'
import type { NoticeConversation } from './wizard.js'
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
    const from = ctx.from?.id
    if (from === undefined) return
    await ctx.reply(translate(language, text('admin.notice.ask-correction', { id: noticeId })), html)
    for (;;) {
      const message = await waitForText(conversation, from, (c) =>
        c.reply(translate(language, text('admin.notice.use-text'))),
      )
      const body = message.text.trim()
      const invalid = validateNoticeBody(body, false)
      if (invalid) {
        await ctx.reply(translate(language, failureText(invalid)), html)
        continue
      }
      // The actor as of now: a role revoked while the wizard waited no longer counts.
      const result = await conversation.external((outside) =>
        outside.person
          ? ports.correctNotice(outside.person.actor, noticeId, body)
          : { ok: false as const, error: 'not-allowed' as const },
      )
      if (result.ok) {
        await ctx.reply(translate(language, text('admin.notice.corrected-done', { count: result.followUpTo })), html)
        return
      }
      await ctx.reply(translate(language, failureText(result.error)), html)
      if (result.error !== 'body-too-long') return
    }
  }
}
