import type { Api } from 'grammy'
import { RESIDENT_COMMANDS, commandsFor } from '../../../../core/access/commands.js'
import type { Actor } from '../../../../core/access/permissions.js'
import { LANGUAGES, text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'

export type ShowCommandMenu = (api: Api, chatId: number, actor: Actor) => Promise<void>

/**
 * A staff member's own menu: a command scope for their private chat, in every language (Russian
 * as the scope's default, as for the bot's default menu). Someone without staff commands gets the
 * chat scope removed and sees the residents' default menu again.
 */
export function createCommandMenus(translate: Translate): ShowCommandMenu {
  return async (api, chatId, actor) => {
    const commands = commandsFor(actor)
    const scope = { type: 'chat' as const, chat_id: chatId }
    for (const language of LANGUAGES) {
      const options = language === 'ru' ? { scope } : { scope, language_code: language }
      if (commands.length === RESIDENT_COMMANDS.length) {
        await api.deleteMyCommands(options)
        continue
      }
      const menu = commands.map((command) => ({
        command,
        description: translate(language, text(`command.${command}`)),
      }))
      await api.setMyCommands(menu, options)
    }
  }
}
