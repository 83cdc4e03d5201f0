import type { Text } from '../i18n/text.js'

/**
 * The vocabulary every feature's messages are made of. A leaf: it imports only i18n, so any
 * folder of core may use it without tying itself to another.
 */

export interface Choice {
  /** Short and ASCII: it travels as Telegram callback data (≤ 64 bytes) or is matched on Viber. */
  value: string
  label: Text
}

/** A message the workers send on their own (not as an answer in the dialogue). */
export interface OutgoingMessage {
  text: Text[]
  /** Rows of buttons. */
  buttons: Choice[][]
  /** A Telegram file id shown with the text (e.g. the "after" photo). */
  photo: string | null
}
