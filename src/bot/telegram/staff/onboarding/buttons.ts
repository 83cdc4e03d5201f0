import type { Context } from 'grammy'

/** A pressed button is answered and taken away, so an old step cannot be pressed twice. */
export async function settlePress(ctx: Context): Promise<void> {
  await ctx.answerCallbackQuery().catch(() => undefined)
  if (ctx.callbackQuery?.message)
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined)
}
