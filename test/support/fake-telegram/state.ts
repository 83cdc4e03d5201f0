import { EventEmitter } from 'node:events'
import type { BotCommand, Chat, MenuButton, Message, ReplyKeyboardMarkup, User } from 'grammy/types'
import { FileStore } from './files.js'
import type { ReplyMarkup } from './markup.js'
import { isInlineKeyboard, isReplyKeyboard } from './markup.js'
import type { CallbackAnswer, ChatOperation, FakeStats, Params } from './types.js'

export const FAKE_BOT = { id: 7000001, is_bot: true, first_name: 'Служба 115', username: 'grodno115_test_bot' } as const

export interface CallRecord {
  method: string
  params: Params
  /** HTTP status of the answer; absent while a long poll is still open. */
  status?: number
}

/** A private chat between the bot and one person (or a group chat), as both sides see it. */
export interface ChatRecord {
  chat: Chat.PrivateChat | Chat.GroupChat
  /** The person of a private chat; in a group, whoever spoke last (messages carry their own sender). */
  user: User
  /** Private chats share one message_id sequence between both sides. */
  nextMessageId: number
  messages: Map<number, Message>
  botMessageIds: number[]
  deleted: Set<number>
  log: ChatOperation[]
  replyKeyboard: ReplyKeyboardMarkup | undefined
  /** Operations up to this sequence number are behind the test: waitForReply looks past it. */
  cursor: number
  menuButton: MenuButton | undefined
}

export type MessageContent = Omit<Message, 'message_id' | 'date' | 'chat'>

type NewOperation =
  | { kind: 'sent'; message: Message }
  | { kind: 'edited'; message: Message }
  | { kind: 'deleted'; messageId: number }
  | { kind: 'chat_action'; action: string }

export interface CallbackQueryRecord {
  userId: number
  chatId: number
  answered: boolean
}

export class FakeState {
  /** Emits 'operation' (chatId, op), 'callback_answer' (answer) and 'call' (record, on arrival). */
  readonly events = new EventEmitter()
  readonly chats = new Map<number, ChatRecord>()
  readonly files = new FileStore()
  readonly callbackQueries = new Map<string, CallbackQueryRecord>()
  readonly callbackAnswers: CallbackAnswer[] = []
  readonly calls: CallRecord[] = []
  readonly counters = { sentMessages: 0, tooManyRequests: 0, forbidden: 0, webhookPosts: 0 }
  readonly commands = new Map<string, BotCommand[]>()
  defaultMenuButton: MenuButton = { type: 'default' }
  private seq = 0

  constructor() {
    // Many residents wait on the same emitter in load tests.
    this.events.setMaxListeners(0)
  }

  get lastSeq(): number {
    return this.seq
  }

  now(): number {
    return Math.floor(Date.now() / 1000)
  }

  /** Registers the person's chat, or refreshes their profile when it is already known. */
  ensureChat(user: User): ChatRecord {
    const existing = this.chats.get(user.id)
    const chat: Chat.PrivateChat = { id: user.id, type: 'private', first_name: user.first_name }
    if (user.last_name !== undefined) chat.last_name = user.last_name
    if (user.username !== undefined) chat.username = user.username
    if (existing) {
      Object.assign(existing, { user, chat })
      return existing
    }
    const record: ChatRecord = {
      chat,
      user,
      nextMessageId: 1,
      messages: new Map(),
      botMessageIds: [],
      deleted: new Set(),
      log: [],
      replyKeyboard: undefined,
      cursor: 0,
      menuButton: undefined,
    }
    this.chats.set(user.id, record)
    return record
  }

  /** A group chat with the bot in it; its id is negative, as Telegram's are. */
  ensureGroup(id: number, title: string, member: User): ChatRecord {
    const existing = this.chats.get(id)
    if (existing) return existing
    const record: ChatRecord = {
      chat: { id, type: 'group', title },
      user: member,
      nextMessageId: 1,
      messages: new Map(),
      botMessageIds: [],
      deleted: new Set(),
      log: [],
      replyKeyboard: undefined,
      cursor: 0,
      menuButton: undefined,
    }
    this.chats.set(id, record)
    return record
  }

  /** A chat the bot writes to without the test having introduced its user (non-strict mode). */
  chatFor(chatId: number): ChatRecord {
    return this.chats.get(chatId) ?? this.ensureChat({ id: chatId, is_bot: false, first_name: `User ${chatId}` })
  }

  addUserMessage(record: ChatRecord, content: MessageContent): Message {
    const message: Message = {
      message_id: record.nextMessageId++,
      from: record.user,
      chat: record.chat,
      date: this.now(),
      ...content,
    }
    record.messages.set(message.message_id, message)
    record.cursor = this.seq
    return message
  }

  addBotMessage(record: ChatRecord, content: MessageContent, markup: ReplyMarkup | undefined): Message {
    const message: Message = {
      message_id: record.nextMessageId++,
      from: FAKE_BOT,
      chat: record.chat,
      date: this.now(),
      ...content,
    }
    // Only inline keyboards belong to a message; a reply keyboard replaces the chat's input field.
    if (isInlineKeyboard(markup)) message.reply_markup = markup
    else if (isReplyKeyboard(markup)) record.replyKeyboard = markup
    else if (markup && 'remove_keyboard' in markup) record.replyKeyboard = undefined
    record.messages.set(message.message_id, message)
    record.botMessageIds.push(message.message_id)
    this.counters.sentMessages += 1
    this.record(record, { kind: 'sent', message })
    return message
  }

  replaceBotMessage(record: ChatRecord, message: Message): Message {
    record.messages.set(message.message_id, message)
    this.record(record, { kind: 'edited', message })
    return message
  }

  deleteMessage(record: ChatRecord, messageId: number): void {
    record.deleted.add(messageId)
    this.record(record, { kind: 'deleted', messageId })
  }

  chatAction(record: ChatRecord, action: string): void {
    this.record(record, { kind: 'chat_action', action })
  }

  answerCallback(answer: CallbackAnswer): void {
    this.callbackAnswers.push(answer)
    this.events.emit('callback_answer', answer)
  }

  private record(record: ChatRecord, operation: NewOperation): void {
    this.seq += 1
    const base = { seq: this.seq, at: Date.now() }
    // Snapshots, so a later edit does not rewrite what an earlier operation showed.
    const op: ChatOperation =
      operation.kind === 'sent' || operation.kind === 'edited'
        ? { ...base, kind: operation.kind, message: structuredClone(operation.message) }
        : { ...base, ...operation }
    record.log.push(op)
    this.events.emit('operation', record.chat.id, op)
  }

  stats(): FakeStats {
    const calls: Record<string, number> = {}
    for (const call of this.calls) calls[call.method] = (calls[call.method] ?? 0) + 1
    return { calls, totalCalls: this.calls.length, ...this.counters }
  }
}
