import type { Api } from 'grammy'
import type { InlineKeyboardButton, ReplyKeyboardMarkup } from 'grammy/types'
import type { Language } from '../../core/i18n/text.js'
import { encodeCallback } from '../../core/shared/callback-data.js'
import { splitHtml } from '../../core/shared/split-at-lines.js'
import { text } from '../../core/i18n/text.js'
import type { Translate } from '../../core/i18n/translate.js'
import type { Choice, OutboundMessage } from '../../core/dialogue/messages.js'

// Telegram's limits: 4096 characters a message, 10 photos an album (64 bytes of callback data: the codec).
const MAX_TEXT = 4000
const MAX_ALBUM = 10

/** Splits so no message passes Telegram's limit, preferably at line breaks, losing nothing and cutting no tag. */
export const splitText = (html: string, limit = MAX_TEXT): string[] => splitHtml(html, limit)

function inlineKeyboard(
  language: Language,
  translate: Translate,
  list: Choice[],
  columns: number,
): InlineKeyboardButton[][] {
  const rows: InlineKeyboardButton[][] = []
  list.forEach((choice, i) => {
    const data = encodeCallback({ kind: 'dialogue', value: choice.value })
    const button = { text: translate(language, choice.label), callback_data: data }
    if (i % columns === 0) rows.push([button])
    else rows[rows.length - 1]?.push(button)
  })
  return rows
}

const replyKeyboard = (label: string, ask: 'location' | 'contact'): ReplyKeyboardMarkup => ({
  keyboard: [[ask === 'location' ? { text: label, request_location: true } : { text: label, request_contact: true }]],
  resize_keyboard: true,
  one_time_keyboard: true,
})

/** Sends what the dialogue said to one chat, in order: photos, text with its buttons, keyboards. */
export function createRenderer(translate: Translate) {
  return async function render(
    api: Api,
    chatId: number,
    language: Language,
    messages: OutboundMessage[],
  ): Promise<void> {
    for (const message of messages) {
      const photos = (message.photos ?? []).slice(0, MAX_ALBUM)
      const [single] = photos
      if (photos.length === 1 && single) await api.sendPhoto(chatId, single.telegramFileId)
      else if (photos.length > 1)
        await api.sendMediaGroup(
          chatId,
          photos.map((p) => ({ type: 'photo', media: p.telegramFileId })),
        )
      const chunks = splitText(translate(language, message.text))
      const prompt = message.prompt
      const columns = prompt.kind === 'choices' ? (prompt.columns ?? 1) : 1
      const inline = prompt.kind === 'none' ? [] : inlineKeyboard(language, translate, prompt.choices, columns)
      for (const [i, chunk] of chunks.entries()) {
        const last = i === chunks.length - 1
        await api.sendMessage(chatId, chunk, {
          parse_mode: 'HTML',
          ...(last && inline.length > 0 && { reply_markup: { inline_keyboard: inline } }),
          ...(last &&
            prompt.kind === 'contact' &&
            inline.length === 0 && {
              reply_markup: replyKeyboard(translate(language, text('common.button.share-phone')), 'contact'),
            }),
        })
      }
      // A message carries one keyboard: the location/contact button comes in a short second message.
      if (prompt.kind === 'location' || (prompt.kind === 'contact' && inline.length > 0)) {
        const label = translate(
          language,
          text(prompt.kind === 'location' ? 'common.button.share-location' : 'common.button.share-phone'),
        )
        await api.sendMessage(
          chatId,
          translate(language, text(prompt.kind === 'location' ? 'common.location-hint' : 'common.contact-hint')),
          {
            parse_mode: 'HTML',
            reply_markup: replyKeyboard(label, prompt.kind),
          },
        )
      }
    }
  }
}

export type Render = ReturnType<typeof createRenderer>
