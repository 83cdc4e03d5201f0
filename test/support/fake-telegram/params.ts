import type { MessageEntity } from 'grammy/types'
import { isRecord } from './http.js'
import type { Params } from './types.js'
import { badRequest } from './types.js'

/**
 * Typed access to call parameters. Form and query encodings deliver everything as strings,
 * objects included (as JSON), so every accessor accepts both shapes.
 */
export class ParamReader {
  constructor(readonly raw: Params) {}

  has(key: string): boolean {
    const value = this.raw[key]
    return value !== undefined && value !== null && value !== ''
  }

  string(key: string): string | undefined {
    const value = this.raw[key]
    if (value === undefined || value === null) return undefined
    if (typeof value === 'string') return value
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    throw badRequest(`field "${key}" must be of type String`)
  }

  number(key: string): number | undefined {
    const value = this.raw[key]
    if (value === undefined || value === null || value === '') return undefined
    const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
    if (!Number.isFinite(parsed)) throw badRequest(`field "${key}" must be of type Integer`)
    return parsed
  }

  boolean(key: string): boolean {
    const value = this.raw[key]
    return value === true || value === 'true' || value === '1' || value === 1
  }

  json(key: string): unknown {
    const value = this.raw[key]
    if (typeof value !== 'string') return value ?? undefined
    if (value === '') return undefined
    try {
      return JSON.parse(value) as unknown
    } catch {
      throw badRequest(`can't parse ${key} JSON object`)
    }
  }

  /** Private chats only: a username or any non-numeric id is a chat the fake cannot know. */
  chatId(): number {
    const value = this.raw.chat_id
    if (value === undefined || value === null || value === '') throw badRequest('chat_id is empty')
    const id = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
    if (!Number.isSafeInteger(id)) throw badRequest('chat not found')
    return id
  }

  messageId(key = 'message_id'): number {
    const id = this.number(key)
    if (id === undefined) throw badRequest('message identifier is not specified')
    return id
  }

  entities(key: string): MessageEntity[] | undefined {
    const value = this.json(key)
    if (value === undefined) return undefined
    if (!Array.isArray(value) || !value.every((entity) => isRecord(entity) && typeof entity.type === 'string')) {
      throw badRequest(`can't parse ${key} JSON object`)
    }
    return value as MessageEntity[]
  }
}
