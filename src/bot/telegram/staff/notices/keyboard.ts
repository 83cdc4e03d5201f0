import { InlineKeyboard } from 'grammy'

export interface Button {
  label: string
  data: string
}

/** Buttons laid out `columns` to a row. */
export function keyboard(buttons: Button[], columns = 1): InlineKeyboard {
  const kb = new InlineKeyboard()
  buttons.forEach((b, i) => {
    if (i > 0 && i % columns === 0) kb.row()
    kb.text(b.label, b.data)
  })
  return kb
}
