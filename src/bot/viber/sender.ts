import type { MessengerSender, RenderedMessage, SendResult } from '../../core/delivery/ports.js'
import { htmlToPlain } from '../../core/i18n/translate.js'
import type { ViberClient, ViberMessage } from './client.js'
import { keyboardFromRows } from './keyboard.js'

// Viber allows 768 characters under a picture; longer texts follow it as a message of their own.
const MAX_CAPTION = 768

/**
 * Sends the workers' messages to Viber users: HTML becomes plain text, button rows a keyboard
 * (a tap comes back as the button's data), a photo a picture by URL. No retries here: the send
 * queue decides what each outcome means, as it does for Telegram.
 */
export function createViberSender(options: {
  client: Pick<ViberClient, 'sendMessage'>
  /** A public, expiring URL for the photo a rendered message names (a Telegram file id); null: none. */
  photoUrl: (photo: string) => string | null
}): MessengerSender {
  return {
    calls: (message) => (message.photo !== null && htmlToPlain(message.html).length > MAX_CAPTION ? 2 : 1),
    async send(viberUserId: string, message: RenderedMessage): Promise<SendResult> {
      const plain = htmlToPlain(message.html)
      const keyboard = message.buttons.length > 0 ? keyboardFromRows(message.buttons) : undefined
      const media = message.photo === null ? null : options.photoUrl(message.photo)
      const parts: ViberMessage[] =
        media === null
          ? [{ type: 'text', text: plain }]
          : plain.length <= MAX_CAPTION
            ? [{ type: 'picture', media, text: plain }]
            : [
                { type: 'picture', media, text: '' },
                { type: 'text', text: plain },
              ]
      for (const [i, part] of parts.entries()) {
        const last = i === parts.length - 1
        const result = await options.client.sendMessage(viberUserId, last && keyboard ? { ...part, keyboard } : part)
        if (result.kind !== 'sent') return result
      }
      return { kind: 'sent' }
    },
  }
}
