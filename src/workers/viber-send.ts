import type { Redis } from 'ioredis'
import { createChatPacer } from './chat-pacer.js'
import type { ChatPacer } from './chat-pacer.js'

/**
 * Viber publishes no per-second cap for send_message; its one published request rate is 500
 * broadcast calls per 10 s. The bot stays at half of that by default.
 */
export const VIBER_SEND_RATE_PER_SECOND = 25

/**
 * Viber's limits are per person (100 messages an hour without a reply: status 12), which delays
 * that job only, or the account's message quota (23/24), which pauses every Viber send (the
 * client says which); never a per-second budget of the bot. One message a second to a person
 * keeps a picture and its text, or a status update and the rating question, in order.
 */
export function createViberPacer(redis: Redis, options: { prefix: string }): ChatPacer {
  const pacer = createChatPacer(redis, { prefix: options.prefix, intervalMs: 1000 })
  return { ...pacer, sentRecently: () => Promise.resolve(true) }
}
