import { randomBytes } from 'node:crypto'
import type { Contact, MaybeInaccessibleMessage, Message, MessageEntity, Update, User } from 'grammy/types'
import { ChatView } from './chat-view.js'
import type { FakeCore } from './core.js'
import type { FileType, StoredFile } from './files.js'
import { extensionOf } from './files.js'
import type { MessageContent } from './state.js'

export interface ResidentOptions {
  id: number
  firstName?: string
  lastName?: string
  username?: string
  languageCode?: string
}

export interface PhotoOptions {
  bytes?: Buffer
  width?: number
  height?: number
  fileSize?: number
  caption?: string
}

export interface DocumentOptions {
  fileName: string
  mimeType: string
  fileSize?: number
  bytes?: Buffer
  caption?: string
}

export interface ContactOptions {
  phoneNumber: string
  /** True when the person shares their own number (the request_contact button): user_id is theirs. */
  own: boolean
  firstName?: string
}

const COMMAND = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?/

// Recognisable bytes with a JPEG start, for photos a test does not care to supply.
const placeholderBytes = (label: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(label)])

function userOf(options: ResidentOptions): User {
  const user: User = { id: options.id, is_bot: false, first_name: options.firstName ?? `Resident ${options.id}` }
  if (options.lastName !== undefined) user.last_name = options.lastName
  if (options.username !== undefined) user.username = options.username
  if (options.languageCode !== undefined) user.language_code = options.languageCode
  return user
}

/**
 * A person writing to the bot from a private chat. Every action enqueues a real-shaped update
 * with the next update_id; the read helpers of ChatView show what the bot did in return.
 */
export class Resident extends ChatView {
  readonly user: User

  constructor(core: FakeCore, options: ResidentOptions) {
    const user = userOf(options)
    super(core, core.state.ensureChat(user))
    this.user = user
  }

  sendText(text: string): Update {
    const command = COMMAND.exec(text)?.[0]
    const entities: MessageEntity[] = command ? [{ type: 'bot_command', offset: 0, length: command.length }] : []
    return this.send(entities.length > 0 ? { text, entities } : { text })
  }

  /** `/start` with a deep-link payload arrives as "/start payload", exactly like this. */
  sendCommand(command: string, payload?: string): Update {
    const name = command.startsWith('/') ? command : `/${command}`
    return this.sendText(payload === undefined || payload === '' ? name : `${name} ${payload}`)
  }

  sendPhoto(options: PhotoOptions = {}): Update {
    const bytes = options.bytes ?? placeholderBytes(`photo from ${this.user.id}`)
    const photo = this.core.state.files.registerPhoto(bytes, {
      width: options.width ?? 1280,
      height: options.height ?? 960,
      fileSize: options.fileSize ?? bytes.length,
    })
    return this.send({ photo, ...(options.caption === undefined ? {} : { caption: options.caption }) })
  }

  sendDocument(options: DocumentOptions): Update {
    const stored = this.register('document', options.bytes, options.fileName, options.fileSize)
    stored.fileName = options.fileName
    stored.mimeType = options.mimeType
    const document = {
      ...this.ids(stored),
      file_name: options.fileName,
      mime_type: options.mimeType,
      file_size: stored.fileSize,
    }
    return this.send({ document, ...(options.caption === undefined ? {} : { caption: options.caption }) })
  }

  sendSticker(options: { emoji?: string } = {}): Update {
    const stored = this.register('sticker', undefined, 'sticker.webp')
    const sticker = { ...this.ids(stored), type: 'regular' as const, width: 512, height: 512, is_animated: false }
    return this.send({
      sticker: { ...sticker, is_video: false, emoji: options.emoji ?? '👍', file_size: stored.fileSize },
    })
  }

  sendVoice(options: { duration?: number; fileSize?: number } = {}): Update {
    const stored = this.register('voice', undefined, 'voice.ogg', options.fileSize)
    const duration = options.duration ?? 3
    return this.send({ voice: { ...this.ids(stored), duration, mime_type: 'audio/ogg', file_size: stored.fileSize } })
  }

  sendVideo(options: { duration?: number; width?: number; height?: number; fileSize?: number } = {}): Update {
    const stored = this.register('video', undefined, 'video.mp4', options.fileSize)
    const video = {
      ...this.ids(stored),
      width: options.width ?? 1280,
      height: options.height ?? 720,
      duration: options.duration ?? 5,
      mime_type: 'video/mp4',
      file_size: stored.fileSize,
    }
    return this.send({ video })
  }

  sendLocation(latitude: number, longitude: number): Update {
    return this.send({ location: { latitude, longitude } })
  }

  sendContact(options: ContactOptions): Update {
    const contact: Contact = {
      phone_number: options.phoneNumber,
      first_name: options.own ? this.user.first_name : (options.firstName ?? 'Contact'),
    }
    if (options.own) {
      contact.user_id = this.user.id
      if (this.user.last_name !== undefined) contact.last_name = this.user.last_name
    }
    return this.send({ contact })
  }

  /** Presses the newest inline button with this text or callback data that the bot sent here. */
  press(button: string): Update {
    for (const message of this.messages().reverse()) {
      const found = this.inlineButtons(message).find(
        (b) => b.data !== undefined && (b.text === button || b.data === button),
      )
      if (found?.data !== undefined) return this.query(found.data, message)
    }
    const available = this.messages().flatMap((message) => this.inlineButtons(message).map((b) => b.text))
    throw new Error(`no inline button "${button}" in chat ${this.chatId}; buttons: ${available.join(', ') || 'none'}`)
  }

  /** A callback query with any data, as a modified client could send; the message may be gone. */
  pressData(data: string, messageId?: number): Update {
    const message = messageId === undefined ? this.lastMessage() : this.record.messages.get(messageId)
    const visible = message !== undefined && !this.record.deleted.has(message.message_id)
    const inaccessible = { chat: this.record.chat, message_id: messageId ?? 0, date: 0 as const }
    return this.query(data, visible ? message : inaccessible)
  }

  /** Sends an update again with its original update_id, as Telegram does after a lost answer. */
  deliverDuplicate(update: Update): void {
    this.core.updates.push(structuredClone(update))
  }

  private query(data: string, message: MaybeInaccessibleMessage): Update {
    const id = BigInt(`0x${randomBytes(8).toString('hex')}`).toString()
    this.core.state.callbackQueries.set(id, { userId: this.user.id, chatId: this.chatId, answered: false })
    this.lastQueryId = id
    this.record.cursor = this.core.state.lastSeq
    const chatInstance = String(BigInt(this.chatId) * 7919n + 104729n)
    return this.core.updates.create({
      callback_query: { id, from: this.user, message: structuredClone(message), chat_instance: chatInstance, data },
    })
  }

  private send(content: MessageContent): Update {
    const message: Message = this.core.state.addUserMessage(this.record, content)
    return this.core.updates.create({ message: { ...message, from: this.user, chat: this.record.chat } })
  }

  private register(type: FileType, bytes: Buffer | undefined, name: string, fileSize?: number): StoredFile {
    const content = bytes ?? placeholderBytes(`${type} from ${this.user.id}`)
    return this.core.state.files.register(type, content, {
      extension: extensionOf(name),
      fileSize: fileSize ?? content.length,
    })
  }

  private ids(stored: StoredFile): { file_id: string; file_unique_id: string } {
    return { file_id: stored.fileId, file_unique_id: stored.fileUniqueId }
  }
}
