import type { InlineKeyboardButton } from 'grammy/types'
import type { Context } from 'grammy'

/** Buttons laid out `perRow` to a row. */
export function grid(buttons: InlineKeyboardButton[], perRow = 2): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = []
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow))
  return rows
}

/** A pressed button is answered and taken away, so an old step cannot be pressed twice. */
export async function settlePress(ctx: Context): Promise<void> {
  await ctx.answerCallbackQuery().catch(() => undefined)
  if (ctx.callbackQuery?.message)
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined)
}
