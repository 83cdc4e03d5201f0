import type { ViberButton, ViberKeyboard } from './client.js'

/** Viber's keyboard row is 6 columns wide. */
const ROW = 6

// Button texts take a small HTML subset: a resident's words must not become markup.
const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A tap sends `data` back as a text message; Silent keeps the code out of the chat. */
export const replyButton = (label: string, data: string, perRow = 1): ViberButton => ({
  ActionType: 'reply',
  ActionBody: data,
  Text: escape(label),
  Columns: Math.max(1, Math.floor(ROW / Math.max(1, perRow))),
  Silent: true,
})

/** The location picker / the own-phone button; Viber needs some body text, which it does not send back. */
export const askButton = (label: string, ask: 'location' | 'contact'): ViberButton => ({
  ActionType: ask === 'location' ? 'location-picker' : 'share-phone',
  ActionBody: ask,
  Text: escape(label),
  Columns: ROW,
})

export const keyboard = (buttons: ViberButton[]): ViberKeyboard => ({
  Type: 'keyboard',
  Buttons: buttons,
  DefaultHeight: false,
})

/** Button rows (text + data), as the workers render them, as one keyboard. */
export const keyboardFromRows = (rows: { text: string; data: string }[][]): ViberKeyboard =>
  keyboard(rows.flatMap((row) => row.map((b) => replyButton(b.text, b.data, row.length))))
