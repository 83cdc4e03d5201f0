import type { InlineKeyboardMarkup } from 'grammy/types'
import { htmlToPlain } from '../../../../core/i18n/translate.js'

/** A button: its label as translated (Telegram HTML, params escaped) and its callback data. */
export interface Button {
  label: string
  data: string
}

/** A button shows plain text: "A &amp; B" would be shown as it is, so the label leaves HTML. */
const button = (b: Button) => ({ text: htmlToPlain(b.label), callback_data: b.data })

/** Buttons in the given rows. */
export const keyboardRows = (rows: Button[][]): InlineKeyboardMarkup => ({
  inline_keyboard: rows.map((row) => row.map(button)),
})

/** Buttons laid out `columns` to a row. */
export function keyboard(buttons: Button[], columns = 1): InlineKeyboardMarkup {
  const rows: Button[][] = []
  for (let i = 0; i < buttons.length; i += columns) rows.push(buttons.slice(i, i + columns))
  return keyboardRows(rows)
}
