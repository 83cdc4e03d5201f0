import type { Context } from 'grammy'
import type { OutgoingMessage } from '../../../../core/messages/messages.js'
import type { Choice } from '../../../../core/dialogue/messages.js'
import type { Language, Text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import { splitText } from '../../render.js'
import { keyboardRows } from '../shared/keyboard.js'
import type { StaffLog } from '../shared/boundary.js'
import { unlessHarmless } from '../../harmless-errors.js'

const keyboard = (translate: Translate, language: Language, rows: Choice[][]) =>
  keyboardRows(rows.map((row) => row.map((b) => ({ label: translate(language, b.label), data: b.value }))))

/** A text (and buttons) in the chat the update came from. */
export async function say(
  ctx: Context,
  translate: Translate,
  language: Language,
  texts: Text | Text[],
  buttons: Choice[][] = [],
): Promise<void> {
  const chunks = splitText(translate(language, texts))
  for (const [i, chunk] of chunks.entries())
    await ctx.reply(chunk, {
      parse_mode: 'HTML',
      ...(i === chunks.length - 1 && buttons.length > 0 && { reply_markup: keyboard(translate, language, buttons) }),
    })
}

/** A card: its photo first (a caption is too short for a card with history), then the text and buttons. */
export async function sendCard(
  ctx: Context,
  deps: { translate: Translate; log: StaffLog },
  language: Language,
  message: OutgoingMessage,
): Promise<void> {
  // A photo Telegram no longer has must not keep the card itself from coming.
  if (message.photo !== null) await ctx.replyWithPhoto(message.photo).catch(unlessHarmless(deps.log, 'card photo'))
  await say(ctx, deps.translate, language, message.text, message.buttons)
}
