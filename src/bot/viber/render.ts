import type { Language } from '../../core/i18n/text.js'
import { splitAtLines } from '../../core/shared/split-at-lines.js'
import { text } from '../../core/i18n/text.js'
import type { Translate } from '../../core/i18n/translate.js'
import { htmlToPlain } from '../../core/i18n/translate.js'
import type { OutboundMessage } from '../../core/dialogue/messages.js'
import type { ViberButton, ViberMessage } from './client.js'
import { askButton, keyboard, replyButton } from './keyboard.js'

// Viber allows 7000 characters a text message (and 30 KB a message in all).
const MAX_TEXT = 6000

/** Splits so no message passes Viber's limit, preferably at line breaks, losing nothing. */
export const splitPlain = (plain: string, limit = MAX_TEXT): string[] => splitAtLines(plain, limit)

/**
 * What the dialogue said, as Viber messages: plain text (no markup on Viber), pictures by URL,
 * and the prompt as the keyboard of the message (Viber shows the latest keyboard; no inline buttons).
 */
export function createViberRenderer(options: {
  translate: Translate
  /** A public URL of a photo Telegram holds (Viber shows pictures only by URL); null: leave it out. */
  photoUrl: (telegramFileId: string) => string | null
}) {
  const { translate } = options
  return function render(language: Language, messages: OutboundMessage[]): ViberMessage[] {
    const out: ViberMessage[] = []
    for (const message of messages) {
      for (const photo of message.photos ?? []) {
        const media = options.photoUrl(photo.telegramFileId)
        if (media !== null) out.push({ type: 'picture', media, text: '' })
      }
      const prompt = message.prompt
      const buttons: ViberButton[] = []
      if (prompt.kind === 'location' || prompt.kind === 'contact')
        buttons.push(
          askButton(
            translate(
              language,
              text(prompt.kind === 'location' ? 'common.button.share-location' : 'common.button.share-phone'),
            ),
            prompt.kind,
          ),
        )
      if (prompt.kind !== 'none') {
        // Long lists (districts) in two columns, so the keyboard stays short enough to scroll.
        const perRow = (prompt.kind === 'choices' ? prompt.columns : undefined) ?? (prompt.choices.length > 6 ? 2 : 1)
        for (const choice of prompt.choices)
          buttons.push(replyButton(htmlToPlain(translate(language, choice.label)), choice.value, perRow))
      }
      const chunks = splitPlain(htmlToPlain(translate(language, message.text)))
      chunks.forEach((chunk, i) => {
        const last = i === chunks.length - 1
        out.push({ type: 'text', text: chunk, ...(last && buttons.length > 0 && { keyboard: keyboard(buttons) }) })
      })
    }
    return out
  }
}

export type ViberRender = ReturnType<typeof createViberRenderer>

/** Several messages as the one message a `conversation_started` answer may carry: texts joined, the last keyboard. */
export function asOneMessage(messages: ViberMessage[]): ViberMessage {
  const texts = messages.flatMap((m) => (m.type === 'text' && m.text !== '' ? [m.text] : []))
  const withKeyboard = [...messages].reverse().find((m) => m.keyboard !== undefined)
  return {
    type: 'text',
    text: splitPlain(texts.join('\n\n'))[0] ?? '',
    ...(withKeyboard?.keyboard && { keyboard: withKeyboard.keyboard }),
  }
}
