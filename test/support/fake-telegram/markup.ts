import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types'
import { isRecord } from './http.js'
import { badRequest } from './types.js'

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply

const INLINE_ACTIONS = [
  'callback_data',
  'url',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const

const MAX_CALLBACK_DATA_BYTES = 64
const unparsable = () => badRequest("can't parse reply keyboard markup JSON object")

/** Validates reply_markup the way Telegram does before it accepts a message. */
export function parseReplyMarkup(value: unknown): ReplyMarkup | undefined {
  if (value === undefined || value === null) return undefined
  if (!isRecord(value)) throw unparsable()
  if ('inline_keyboard' in value) return parseInlineKeyboard(value)
  if ('keyboard' in value) return parseReplyKeyboard(value)
  if (value.remove_keyboard === true) return value as unknown as ReplyKeyboardRemove
  if (value.force_reply === true) return value as unknown as ForceReply
  throw unparsable()
}

export function parseInlineKeyboard(value: Record<string, unknown>): InlineKeyboardMarkup {
  const rows = value.inline_keyboard
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw badRequest('field "inline_keyboard" must be an Array')
  for (const row of rows as unknown[][]) for (const button of row) checkInlineButton(button)
  return value as unknown as InlineKeyboardMarkup
}

function checkInlineButton(button: unknown): void {
  if (!isRecord(button) || typeof button.text !== 'string') {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String')
  }
  const actions = INLINE_ACTIONS.filter((action) => button[action] !== undefined)
  if (actions.length === 0) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
  }
  const data = button.callback_data
  if (data !== undefined) {
    const size = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0
    if (size === 0 || size > MAX_CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID')
  }
  const url = button.url
  if (url !== undefined && (typeof url !== 'string' || !/^(https?|tg):\/\/\S+$/i.test(url))) {
    throw badRequest('BUTTON_URL_INVALID')
  }
}

function parseReplyKeyboard(value: Record<string, unknown>): ReplyKeyboardMarkup {
  const rows = value.keyboard
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw badRequest('field "keyboard" must be an Array')
  for (const row of rows as unknown[][]) {
    for (const button of row) {
      if (typeof button !== 'string' && !(isRecord(button) && typeof button.text === 'string')) {
        throw badRequest('can\'t parse keyboard button: Field "text" must be of type String')
      }
    }
  }
  return value as unknown as ReplyKeyboardMarkup
}

export const isInlineKeyboard = (markup: ReplyMarkup | undefined): markup is InlineKeyboardMarkup =>
  markup !== undefined && 'inline_keyboard' in markup

export const isReplyKeyboard = (markup: ReplyMarkup | undefined): markup is ReplyKeyboardMarkup =>
  markup !== undefined && 'keyboard' in markup

export interface InlineButtonView {
  text: string
  data: string | undefined
  url: string | undefined
}

export function flattenInline(markup: InlineKeyboardMarkup | undefined): InlineButtonView[] {
  return (markup?.inline_keyboard ?? []).flat().map((button: InlineKeyboardButton) => ({
    text: button.text,
    data: 'callback_data' in button ? button.callback_data : undefined,
    url: 'url' in button ? button.url : undefined,
  }))
}

export interface ReplyButtonView {
  text: string
  requestLocation: boolean
  requestContact: boolean
}

export function replyButtonView(button: KeyboardButton): ReplyButtonView {
  if (typeof button === 'string') return { text: button, requestLocation: false, requestContact: false }
  return {
    text: button.text,
    requestLocation: 'request_location' in button && button.request_location,
    requestContact: 'request_contact' in button && button.request_contact,
  }
}
