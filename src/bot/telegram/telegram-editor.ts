import { Api, GrammyError } from 'grammy'
import type { MessageEditor } from '../../core/notices/ports.js'

/** Edits the bot's own messages from outside an update (the workers' progress messages). */
export function createTelegramEditor(options: { token: string; apiRoot: string }): MessageEditor {
  const api = new Api(options.token, { apiRoot: options.apiRoot })
  return {
    async editText(chatId, messageId, html) {
      try {
        await api.editMessageText(chatId, messageId, html, { parse_mode: 'HTML' })
        return 'edited'
      } catch (error) {
        if (error instanceof GrammyError) {
          // Same text again: nothing to change, and nothing wrong.
          if (/not modified/i.test(error.description)) return 'edited'
          if (error.error_code === 403 || /message to edit not found|chat not found/i.test(error.description))
            return 'gone'
        }
        return 'failed'
      }
    },
  }
}
