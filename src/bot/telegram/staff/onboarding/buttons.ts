import type { Context } from 'grammy'
import type { WarnLog } from '../../harmless-errors.js'
import { unlessHarmless } from '../../harmless-errors.js'

/** A pressed button is answered and taken away, so an old step cannot be pressed twice. */
export async function settlePress(ctx: Context, log: WarnLog): Promise<void> {
  await ctx.answerCallbackQuery().catch(unlessHarmless(log, 'answering the button'))
  if (ctx.callbackQuery?.message)
    await ctx
      .editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } })
      .catch(unlessHarmless(log, 'taking the buttons away'))
}
