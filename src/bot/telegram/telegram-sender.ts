import { Api, GrammyError, HttpError } from 'grammy'
import type { InlineKeyboardMarkup } from 'grammy/types'
import type { MessengerSender, RenderedMessage, SendResult } from '../../core/delivery/ports.js'

// A photo caption holds at most 1024 characters; longer texts follow the photo as a message.
const MAX_CAPTION = 1024

function classify(error: unknown): SendResult {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { kind: 'rate-limited', retryAfterSeconds: error.parameters.retry_after ?? 1 }
    if (error.error_code === 403)
      return { kind: 'unreachable', reason: /deactivated/i.test(error.description) ? 'deactivated' : 'blocked' }
    if (error.error_code === 400 && /chat not found|user not found/i.test(error.description))
      return { kind: 'unreachable', reason: 'chat-not-found' }
    return { kind: 'failed', error: `${error.error_code} ${error.description}` }
  }
  if (error instanceof HttpError) return { kind: 'failed', error: `network: ${error.message}` }
  return { kind: 'failed', error: error instanceof Error ? error.message : String(error) }
}

/**
 * Sends the workers' messages. No automatic retries here: the send queue decides what a 429,
 * a 403 or a network error means (wait, mark unreachable, retry with backoff).
 */
export function createTelegramSender(options: { token: string; apiRoot: string }): MessengerSender {
  const api = new Api(options.token, { apiRoot: options.apiRoot })
  return {
    calls: (message) => (message.photo !== null && message.html.length > MAX_CAPTION ? 2 : 1),
    async send(chatId: string, message: RenderedMessage): Promise<SendResult> {
      const markup: InlineKeyboardMarkup | undefined =
        message.buttons.length > 0
          ? { inline_keyboard: message.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) }
          : undefined
      try {
        if (message.photo !== null && message.html.length <= MAX_CAPTION) {
          await api.sendPhoto(chatId, message.photo, {
            caption: message.html,
            parse_mode: 'HTML',
            ...(markup && { reply_markup: markup }),
          })
        } else {
          if (message.photo !== null) await api.sendPhoto(chatId, message.photo)
          await api.sendMessage(chatId, message.html, { parse_mode: 'HTML', ...(markup && { reply_markup: markup }) })
        }
        return { kind: 'sent' }
      } catch (error) {
        return classify(error)
      }
    },
  }
}
