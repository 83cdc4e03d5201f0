import { randomBytes } from 'node:crypto'
import type { Message, MessageEntity, Update, User } from 'grammy/types'
import { ChatView } from './chat-view.js'
import type { FakeCore } from './core.js'
import type { ResidentOptions } from './resident.js'

const COMMAND = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?/

/**
 * One person in a group chat with the bot: what they write and press arrives from them, in the
 * group. The read helpers of ChatView show the whole group (every member sees the same chat).
 */
export class GroupMember extends ChatView {
  readonly user: User

  constructor(core: FakeCore, group: { id: number; title: string }, member: ResidentOptions) {
    const user: User = { id: member.id, is_bot: false, first_name: member.firstName ?? `Member ${member.id}` }
    if (member.languageCode !== undefined) user.language_code = member.languageCode
    super(core, core.state.ensureGroup(group.id, group.title, user))
    this.user = user
  }

  sendText(text: string): Update {
    const command = COMMAND.exec(text)?.[0]
    const entities: MessageEntity[] = command ? [{ type: 'bot_command', offset: 0, length: command.length }] : []
    this.record.user = this.user
    const message: Message = this.core.state.addUserMessage(
      this.record,
      entities.length > 0 ? { text, entities } : { text },
    )
    return this.core.updates.create({ message: { ...message, from: this.user, chat: this.record.chat } })
  }

  /** Presses the newest inline button with this text or callback data in the group. */
  press(button: string): Update {
    for (const message of this.messages().reverse()) {
      const found = this.inlineButtons(message).find(
        (b) => b.data !== undefined && (b.text === button || b.data === button),
      )
      if (found?.data === undefined) continue
      const id = BigInt(`0x${randomBytes(8).toString('hex')}`).toString()
      this.core.state.callbackQueries.set(id, { userId: this.user.id, chatId: this.chatId, answered: false })
      this.record.cursor = this.core.state.lastSeq
      return this.core.updates.create({
        callback_query: {
          id,
          from: this.user,
          message: structuredClone(message),
          chat_instance: String(BigInt(this.chatId) * 7919n + 104729n),
          data: found.data,
        },
      })
    }
    throw new Error(`no inline button "${button}" in group ${this.chatId}`)
  }
}
