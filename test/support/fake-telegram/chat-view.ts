import type { EventEmitter } from 'node:events'
import type { Message } from 'grammy/types'
import type { FakeCore } from './core.js'
import type { InlineButtonView, ReplyButtonView } from './markup.js'
import { flattenInline, replyButtonView } from './markup.js'
import type { ChatRecord } from './state.js'
import type { CallbackAnswer, ChatOperation } from './types.js'

export const DEFAULT_WAIT_MS = 10_000

export interface ReplyKeyboardView {
  rows: ReplyButtonView[][]
  buttons: ReplyButtonView[]
  oneTime: boolean
  resize: boolean
  persistent: boolean
  placeholder: string | undefined
}

/** Resolves with the first non-undefined result of `check`, re-run whenever `event` fires. */
export function waitFor<T>(
  emitter: EventEmitter,
  event: string,
  check: () => T | undefined,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const now = check()
    if (now !== undefined) {
      resolve(now)
      return
    }
    const listener = () => {
      const found = check()
      if (found === undefined) return
      cleanup()
      resolve(found)
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`${describe()} (waited ${timeoutMs} ms)`))
    }, timeoutMs)
    const cleanup = () => {
      clearTimeout(timer)
      emitter.off(event, listener)
    }
    emitter.on(event, listener)
  })
}

const describeOp = (op: ChatOperation): string =>
  op.kind === 'sent' || op.kind === 'edited'
    ? `${op.kind} #${op.message.message_id}: ${JSON.stringify(op.message.text ?? op.message.caption ?? '[media]')}`
    : op.kind === 'deleted'
      ? `deleted #${op.messageId}`
      : `chat action ${op.action}`

/** What one person sees of their chat with the bot, and ways to wait for the bot to act in it. */
export class ChatView {
  protected lastQueryId: string | undefined

  constructor(
    protected readonly core: FakeCore,
    protected readonly record: ChatRecord,
  ) {}

  get chatId(): number {
    return this.record.chat.id
  }

  /** The bot's messages in the order sent, edits applied; deleted ones only when asked for. */
  messages(options: { includeDeleted?: boolean } = {}): Message[] {
    return this.record.botMessageIds
      .filter((id) => options.includeDeleted === true || !this.record.deleted.has(id))
      .flatMap((id) => this.record.messages.get(id) ?? [])
  }

  lastMessage(): Message | undefined {
    return this.messages().at(-1)
  }

  /** Every send, edit, delete and chat action of the bot in this chat, as snapshots. */
  history(): readonly ChatOperation[] {
    return this.record.log
  }

  chatActions(): string[] {
    return this.record.log.flatMap((op) => (op.kind === 'chat_action' ? [op.action] : []))
  }

  /**
   * Resolves with the first message the bot sends or edits here, after the person's last action
   * and after whatever an earlier wait returned, that matches. Each wait consumes what it returns,
   * so consecutive waits walk through consecutive replies.
   */
  waitForMessage(predicate: (message: Message) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<Message> {
    const record = this.record
    const check = (): Message | undefined => {
      for (const op of record.log) {
        if (op.seq <= record.cursor || (op.kind !== 'sent' && op.kind !== 'edited')) continue
        if (!predicate(op.message)) continue
        record.cursor = op.seq
        return op.message
      }
      return undefined
    }
    const describe = () =>
      `no matching message from the bot in chat ${this.chatId}; it did: ${this.record.log.map(describeOp).join('; ') || 'nothing'}`
    return waitFor(this.core.state.events, 'operation', check, timeoutMs, describe)
  }

  waitForReply(timeoutMs = DEFAULT_WAIT_MS): Promise<Message> {
    return this.waitForMessage(() => true, timeoutMs)
  }

  inlineButtons(message: Message | undefined = this.lastMessage()): InlineButtonView[] {
    return flattenInline(message?.reply_markup)
  }

  /** The reply keyboard the person currently has, or undefined when none was sent or it was removed. */
  replyKeyboard(): ReplyKeyboardView | undefined {
    const keyboard = this.record.replyKeyboard
    if (!keyboard) return undefined
    const rows = keyboard.keyboard.map((row) => row.map(replyButtonView))
    return {
      rows,
      buttons: rows.flat(),
      oneTime: keyboard.one_time_keyboard ?? false,
      resize: keyboard.resize_keyboard ?? false,
      persistent: keyboard.is_persistent ?? false,
      placeholder: keyboard.input_field_placeholder,
    }
  }

  callbackAnswers(): CallbackAnswer[] {
    return this.core.state.callbackAnswers.filter((answer) => answer.userId === this.record.user.id)
  }

  /** Resolves when the bot answers this person's latest button press. */
  waitForCallbackAnswer(timeoutMs = DEFAULT_WAIT_MS): Promise<CallbackAnswer> {
    const queryId = this.lastQueryId
    if (queryId === undefined) return Promise.reject(new Error('no button was pressed in this chat'))
    const check = () => this.core.state.callbackAnswers.find((answer) => answer.queryId === queryId)
    const describe = () => `the bot did not answer callback query ${queryId}`
    return waitFor(this.core.state.events, 'callback_answer', check, timeoutMs, describe)
  }
}
