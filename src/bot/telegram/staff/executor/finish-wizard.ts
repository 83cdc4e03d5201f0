import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import type { Language, TextParam } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { ChangeStatusResult } from '../../../../core/requests/change-status.js'
import type { Photo } from '../../../../core/requests/request.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import { pressedOf } from '../../callbacks.js'
import type { BotContext } from '../../context.js'
import { unlessHarmless } from '../../harmless-errors.js'
import { keyboard } from '../shared/keyboard.js'
import { waitForOwn } from '../shared/wait.js'
import type { ExecutorDeps } from './ports.js'
import { refusalText } from './results.js'

export const FINISH_WIZARD = 'executor-finish'
/** Enough to show the result from every side; more is a mistake (a whole album sent twice). */
export const MAX_AFTER_PHOTOS = 10
export const COMMENT_MAX_LENGTH = 1000

const PHOTOS_DONE = encodeCallback({ kind: 'executor.photos-done' })
const CONFIRM = encodeCallback({ kind: 'executor.confirm' })
const DROP = encodeCallback({ kind: 'executor.drop' })

async function settle(ctx: Context, log: ExecutorDeps['log']): Promise<void> {
  if (!ctx.callbackQuery) return
  await ctx.answerCallbackQuery().catch(unlessHarmless(log, 'answering the button'))
  if (ctx.callbackQuery.message)
    await ctx
      .editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } })
      .catch(unlessHarmless(log, 'taking the buttons away'))
}

/**
 * "Done": "after" photos (at least one), a comment, a confirmation; then the status change.
 * The database is reached only through `conversation.external`, so a replay after a restart
 * repeats no write; Bot API calls stay outside `external`, where the replay log records them.
 */
export function finishWizard(deps: ExecutorDeps) {
  return async function finish(conversation: Conversation<BotContext>, ctx: Context, requestId: number) {
    const language = await conversation.external((outside): Language | null => outside.person?.language ?? null)
    if (language === null) return
    const t = (key: string, params?: Record<string, TextParam>) => deps.translate(language, text(key, params))
    const button = (key: string, data: string) => keyboard([{ label: t(key), data }])
    const html = { parse_mode: 'HTML' as const }

    const number = await conversation.external(() => deps.requestNumber(requestId))
    if (number === null) {
      await ctx.reply(t('executor.error.not-found'), html)
      return
    }

    const from = ctx.from?.id
    if (from === undefined) return
    /** Their next update this step takes; a command or another button of theirs ends the wizard. */
    const own = <T>(accept: (c: Context) => T | undefined, onOther: (c: Context) => Promise<unknown>) =>
      waitForOwn(conversation, from, accept, onOther)

    await ctx.reply(t('executor.finish.ask-photo', { number }), html)
    const photos: Photo[] = []
    const needPhoto = (c: Context) =>
      c.reply(t('executor.finish.need-photo'), {
        ...html,
        ...(photos.length > 0 && { reply_markup: button('executor.button.photos-done', PHOTOS_DONE) }),
      })
    for (;;) {
      const { ctx: next, value } = await own(
        (c) => c.message?.photo?.at(-1) ?? (pressedOf(c, 'executor.photos-done') ? 'done' : undefined),
        needPhoto,
      )
      if (value === 'done') {
        await settle(next, deps.log)
        if (photos.length > 0) break
        await needPhoto(next)
        continue
      }
      if (photos.length >= MAX_AFTER_PHOTOS) {
        await next.reply(t('executor.finish.too-many-photos', { count: photos.length }), {
          ...html,
          reply_markup: button('executor.button.photos-done', PHOTOS_DONE),
        })
        continue
      }
      photos.push({
        kind: 'after',
        mimeType: 'image/jpeg',
        sizeBytes: value.file_size ?? 0,
        content: null,
        telegramFileId: value.file_id,
      })
      await next.reply(t('executor.finish.photo-received', { count: photos.length }), {
        ...html,
        reply_markup: button('executor.button.photos-done', PHOTOS_DONE),
      })
    }

    await ctx.reply(t('executor.finish.ask-comment'), html)
    const needComment = (c: Context) => c.reply(t('executor.finish.need-comment', { max: COMMENT_MAX_LENGTH }), html)
    let comment = ''
    for (;;) {
      const { ctx: next, value } = await own((c) => c.message?.text?.trim(), needComment)
      if (value !== '' && value.length <= COMMENT_MAX_LENGTH) {
        comment = value
        break
      }
      await needComment(next)
    }

    await ctx.reply(t('executor.finish.confirm', { number, count: photos.length, comment }), {
      ...html,
      reply_markup: keyboard(
        [
          { label: t('executor.button.confirm'), data: CONFIRM },
          { label: t('common.button.cancel'), data: DROP },
        ],
        2,
      ),
    })
    const decided = await own(
      (c) => pressedOf(c, 'executor.confirm', 'executor.drop')?.kind,
      (c) => c.reply(t('executor.finish.use-buttons'), html),
    )
    await settle(decided.ctx, deps.log)
    if (decided.value === 'executor.drop') {
      await decided.ctx.reply(t('staff.cancelled'), html)
      return
    }

    const result = await conversation.external((outside): Promise<ChangeStatusResult> | ChangeStatusResult =>
      // The actor as of now: a role revoked while the wizard waited no longer counts.
      outside.person
        ? deps.changeStatus({ actor: outside.person.actor, requestId, action: 'finish', afterPhotos: photos, comment })
        : { ok: false, error: 'not-allowed' },
    )
    await ctx.reply(
      result.ok ? t('executor.finish.done', { number }) : deps.translate(language, refusalText(result)),
      html,
    )
  }
}
