import type { Redis } from 'ioredis'

// One message a second to a chat (Telegram's per-chat limit), across every worker process.
const RESERVE = `
local wait = redis.call('PTTL', KEYS[1])
if wait > 0 then return wait end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
return 0
`

export function createChatPacer(redis: Redis, options: { intervalMs?: number; prefix: string }) {
  const interval = options.intervalMs ?? 1000
  return {
    /** 0 when the chat may get a message now (and is reserved for it); else milliseconds to wait. */
    async reserve(chatId: string): Promise<number> {
      return Number(await redis.eval(RESERVE, 1, `${options.prefix}:pace:${chatId}`, String(interval)))
    },
    async markSent(chatId: string): Promise<void> {
      await redis.set(`${options.prefix}:sent:${chatId}`, '1', 'PX', Math.round(interval * 1.5))
    },
    /** A message went to this chat a moment ago: a 429 now is about this chat, not the whole bot. */
    async sentRecently(chatId: string): Promise<boolean> {
      return (await redis.exists(`${options.prefix}:sent:${chatId}`)) === 1
    },
  }
}

export type ChatPacer = ReturnType<typeof createChatPacer>
