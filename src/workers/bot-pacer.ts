import type { Redis } from 'ioredis'

/**
 * Gives each send a slot of its own, `interval` apart, for the whole bot across every worker
 * process (Redis TIME is the one clock). A slot that is too far off is not taken: the job goes
 * back to the queue instead of holding a worker. A bot-wide 429 moves every later slot behind
 * the pause.
 */
// The interval grows by half a step's worth after each bot-wide 429 (the sends bunch more than the
// margin allows, e.g. on a busy machine) and eases back to the configured one over about a minute.
const SLOWDOWN = `
local function slowdown(key, now)
  local raw = redis.call('HMGET', key, 'factor', 'at')
  local factor = tonumber(raw[1] or '1')
  local at = tonumber(raw[2] or '0')
  return 1 + (factor - 1) * math.exp(-(now - at) / 60000)
end
`

const RESERVE = `
${SLOWDOWN}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
local pausedUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
local slot = math.max(now, nextSlot, pausedUntil)
local wait = slot - now
if wait > tonumber(ARGV[2]) then return -math.ceil(wait) end
local interval = tonumber(ARGV[1]) * slowdown(KEYS[3], now)
redis.call('SET', KEYS[1], string.format('%.3f', slot + interval), 'PX', 60000)
return math.ceil(wait)
`

const PAUSE = `
${SLOWDOWN}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then
  redis.call('SET', KEYS[1], string.format('%.3f', untilMs), 'PX', tonumber(ARGV[1]) + 1000)
  local factor = math.min(1.5, slowdown(KEYS[2], now) + tonumber(ARGV[2]))
  redis.call('HSET', KEYS[2], 'factor', string.format('%.5f', factor), 'at', string.format('%.3f', now))
  redis.call('PEXPIRE', KEYS[2], 600000)
end
return 0
`

const PAUSED_FOR = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local pausedUntil = tonumber(redis.call('GET', KEYS[1]) or '0')
return math.max(0, math.ceil(pausedUntil - now))
`

/**
 * Telegram counts sends over any second as they arrive, and arrivals jitter by some
 * milliseconds, so slots exactly 1/rate apart would now and then put rate + 1 sends in one of
 * its seconds and earn a 429 (which pauses the whole bot for a second or more). 50 ms a second
 * (5 %) measured best in bench:broadcast: 20 ms earned about three times as many 429s.
 */
export const JITTER_MARGIN_MS = 50
/** How much slower (of the interval) the bot goes after a bot-wide 429, easing off over a minute. */
export const SLOWDOWN_STEP = 0.04

export type SlotReservation = { kind: 'slot'; waitMs: number } | { kind: 'too-far'; waitMs: number }

export function createBotPacer(
  redis: Redis,
  options: { prefix: string; perSecond: number; maxWaitMs?: number; marginMs?: number },
) {
  const interval = (1000 + (options.marginMs ?? JITTER_MARGIN_MS)) / options.perSecond
  const maxWait = options.maxWaitMs ?? 5000
  const slotKey = `${options.prefix}:bot:next-slot`
  const pauseKey = `${options.prefix}:bot:paused-until`
  const slowdownKey = `${options.prefix}:bot:slowdown`
  return {
    /** A send slot: wait `waitMs`, then send; or, when the next slot is too far, none. */
    async reserve(): Promise<SlotReservation> {
      const wait = Number(
        await redis.eval(RESERVE, 3, slotKey, pauseKey, slowdownKey, String(interval), String(maxWait)),
      )
      return wait < 0 ? { kind: 'too-far', waitMs: -wait } : { kind: 'slot', waitMs: wait }
    },
    /** Telegram told the bot to wait: no slot before then, in any process. */
    async pause(ms: number): Promise<void> {
      await redis.eval(PAUSE, 2, pauseKey, slowdownKey, String(ms), String(SLOWDOWN_STEP))
    },
    /** Milliseconds left of a bot-wide pause (0: none), checked again after waiting for a slot. */
    async pausedFor(): Promise<number> {
      return Number(await redis.eval(PAUSED_FOR, 1, pauseKey))
    },
  }
}

export type BotPacer = ReturnType<typeof createBotPacer>
