import { randomBytes } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import type { InlineKeyboardMarkup, Message } from 'grammy/types'
import type { MethodContext, MethodHandler } from './core.js'
import type { TextLimits } from './formatting.js'
import { formatText } from './formatting.js'
import { isRecord } from './http.js'
import type { ReplyMarkup } from './markup.js'
import { isInlineKeyboard, parseReplyMarkup } from './markup.js'
import { documentOf, photoOf, videoOf } from './media.js'
import type { ParamReader } from './params.js'
import type { ChatRecord, MessageContent } from './state.js'
import { FAKE_BOT } from './state.js'
import { badRequest } from './types.js'

const TEXT: TextLimits = { max: 4096, tooLong: 'message is too long', empty: 'message text is empty' }
const CAPTION: TextLimits = { max: 1024, tooLong: 'message caption is too long' }
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message'

function textOf(params: ParamReader): Pick<Message, 'text' | 'entities'> {
  const formatted = formatText(
    params.string('text') ?? '',
    params.string('parse_mode'),
    params.entities('entities'),
    TEXT,
  )
  return formatted.entities ? { text: formatted.text, entities: formatted.entities } : { text: formatted.text }
}

function captionOf(source: string | undefined, parseMode: string | undefined, params?: ParamReader) {
  if (source === undefined || source === '') return {}
  const formatted = formatText(source, parseMode, params?.entities('caption_entities'), CAPTION)
  if (formatted.text === '') return {}
  return formatted.entities
    ? { caption: formatted.text, caption_entities: formatted.entities }
    : { caption: formatted.text }
}

function replyTo(params: ParamReader, record: ChatRecord): Pick<Message, 'reply_to_message'> {
  const parameters = params.json('reply_parameters')
  const id =
    isRecord(parameters) && typeof parameters.message_id === 'number'
      ? parameters.message_id
      : params.number('reply_to_message_id')
  if (id === undefined) return {}
  const target = record.messages.get(id)
  if (!target || record.deleted.has(id)) {
    const lenient =
      params.boolean('allow_sending_without_reply') ||
      (isRecord(parameters) && parameters.allow_sending_without_reply === true)
    if (lenient) return {}
    throw badRequest('message to be replied not found')
  }
  return { reply_to_message: { ...target, reply_to_message: undefined } }
}

/** The common path of every send method: validate, check the chat, take flood budget, store. */
function send(
  { core, params }: MethodContext,
  build: (record: ChatRecord) => MessageContent,
  markup: ReplyMarkup | undefined,
): Message {
  const chatId = params.chatId()
  const record = core.gate.chat(chatId)
  const content = { ...build(record), ...replyTo(params, record) }
  core.gate.take(chatId)
  return core.state.addBotMessage(record, content, markup)
}

function editable({ core, params }: MethodContext): { record: ChatRecord; message: Message } {
  if (params.has('inline_message_id')) throw badRequest('inline messages are not supported by the fake Telegram')
  const chatId = params.chatId()
  const messageId = params.messageId()
  const record = core.gate.chat(chatId)
  const message = record.messages.get(messageId)
  if (!message || record.deleted.has(messageId)) throw badRequest('message to edit not found')
  if (message.from?.id !== FAKE_BOT.id) throw badRequest("message can't be edited")
  return { record, message }
}

function inlineMarkupOf(params: ParamReader): InlineKeyboardMarkup | undefined {
  const markup = parseReplyMarkup(params.json('reply_markup'))
  if (markup !== undefined && !isInlineKeyboard(markup)) throw badRequest('inline keyboard expected')
  return markup
}

/** Replaces fields of a bot message; an edit without reply_markup drops the keyboard, as in Telegram. */
function edit(context: MethodContext, record: ChatRecord, current: Message, changes: Partial<Message>): Message {
  const merged = { ...current, entities: undefined, caption_entities: undefined, reply_markup: undefined, ...changes }
  const next = Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined),
  ) as unknown as Message
  const compared = (m: Message) => [m.text, m.entities, m.caption, m.caption_entities, m.reply_markup]
  if (isDeepStrictEqual(compared(current), compared(next))) throw badRequest(NOT_MODIFIED)
  context.core.gate.take(record.chat.id)
  return context.core.state.replaceBotMessage(record, { ...next, edit_date: context.core.state.now() })
}

const keep = <T extends object>(value: T | undefined, key: string): Record<string, T> =>
  value === undefined ? {} : { [key]: value }

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage: (context) => {
    const text = textOf(context.params)
    return send(context, () => text, parseReplyMarkup(context.params.json('reply_markup')))
  },
  sendPhoto: (context) => {
    const { params } = context
    const caption = captionOf(params.string('caption'), params.string('parse_mode'), params)
    const markup = parseReplyMarkup(params.json('reply_markup'))
    return send(context, () => ({ photo: photoOf(context, 'photo', params.raw.photo), ...caption }), markup)
  },
  sendDocument: (context) => {
    const { params } = context
    const caption = captionOf(params.string('caption'), params.string('parse_mode'), params)
    const markup = parseReplyMarkup(params.json('reply_markup'))
    return send(context, () => ({ document: documentOf(context, 'document', params.raw.document), ...caption }), markup)
  },
  sendMediaGroup: (context) => {
    const { core, params } = context
    const media = params.json('media')
    if (!Array.isArray(media) || media.length < 2 || media.length > 10) {
      throw badRequest('media must be an array of 2-10 InputMedia objects')
    }
    const items = media.map((item) => {
      if (!isRecord(item) || !['photo', 'video', 'document'].includes(String(item.type))) {
        throw badRequest("can't parse InputMedia: media type must be photo, video or document")
      }
      const caption = typeof item.caption === 'string' ? item.caption : undefined
      const parseMode = typeof item.parse_mode === 'string' ? item.parse_mode : undefined
      return { item, caption: captionOf(caption, parseMode) }
    })
    const chatId = params.chatId()
    const record = core.gate.chat(chatId)
    const reply = replyTo(params, record)
    core.gate.take(chatId, items.length)
    const groupId = BigInt(`0x${randomBytes(7).toString('hex')}`).toString()
    return items.map(({ item, caption }) => {
      const file =
        item.type === 'photo'
          ? { photo: photoOf(context, 'media', item.media) }
          : item.type === 'video'
            ? { video: videoOf(context, 'media', item.media) }
            : { document: documentOf(context, 'media', item.media) }
      return core.state.addBotMessage(record, { ...file, ...caption, ...reply, media_group_id: groupId }, undefined)
    })
  },
  editMessageText: (context) => {
    const text = textOf(context.params)
    const markup = inlineMarkupOf(context.params)
    const { record, message } = editable(context)
    if (message.text === undefined) throw badRequest('there is no text in the message to edit')
    return edit(context, record, message, { ...text, ...keep(markup, 'reply_markup') })
  },
  editMessageCaption: (context) => {
    const { params } = context
    const caption = captionOf(params.string('caption'), params.string('parse_mode'), params)
    const markup = inlineMarkupOf(params)
    const { record, message } = editable(context)
    if (message.text !== undefined) throw badRequest('there is no caption in the message to edit')
    return edit(context, record, message, { caption: undefined, ...caption, ...keep(markup, 'reply_markup') })
  },
  editMessageReplyMarkup: (context) => {
    const markup = inlineMarkupOf(context.params)
    const { record, message } = editable(context)
    return edit(context, record, message, {
      ...keep(message.entities, 'entities'),
      ...keep(message.caption_entities, 'caption_entities'),
      ...keep(markup, 'reply_markup'),
    })
  },
  deleteMessage: ({ core, params }) => {
    const chatId = params.chatId()
    const messageId = params.messageId()
    const record = core.gate.chat(chatId)
    if (!record.messages.has(messageId) || record.deleted.has(messageId)) {
      throw badRequest('message to delete not found')
    }
    core.state.deleteMessage(record, messageId)
    return true
  },
}
