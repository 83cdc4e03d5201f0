import type { Redis } from 'ioredis'
import { z } from 'zod'

/**
 * The bot's send budget, shared by every worker process (Redis TIME is the one clock), in two steps:
 * - a slot (`reserve`): each send is given a time of its own, one interval apart, so sends are
 *   spread out before they do their work; a slot too far off is not taken and the job goes back to
 *   the queue instead of holding a worker;
 * - the gate (`enter`), right before the HTTP call: at most `perSecond` sends in every rolling
 *   window, counted at the moment they go out. Telegram counts arrivals the same way; a send that
 *   came late to its slot (a busy event loop, a slow claim) would otherwise bunch with the next
 *   ones and earn a 429, which stops the whole bot for a second or more.
 * A bot-wide 429 holds both until the pause ends.
 */
// When bot-wide 429s come again within a minute of each other (arrivals jitter more than the margin
// allows, e.g. on a busy machine), the slots and the gate's window stretch by SLOWDOWN_STEP each
// time and ease back over about a minute. A lone 429 (one stall somewhere) costs only its pause.
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
-- The gate may be behind the slots (sends came late to it, and each holds back the one a window
-- after it): a slot before the gate can let anyone through would only bring the send to wait there.
local gateOpens = tonumber(redis.call('LINDEX', KEYS[4], tonumber(ARGV[4]) - 1) or '0')
  + tonumber(ARGV[5]) * slowdown(KEYS[3], now) - tonumber(ARGV[3])
local slot = math.max(now, nextSlot, pausedUntil, gateOpens)
local wait = slot - now
if wait > tonumber(ARGV[2]) then return -math.ceil(wait) end
local interval = tonumber(ARGV[1]) * slowdown(KEYS[3], now)
redis.call('SET', KEYS[1], string.format('%.3f', slot + interval), 'PX', 60000)
return math.ceil(wait)
`

const GateReply = z.union([
  z.tuple([z.literal(0), z.string(), z.number().int()]),
  z.tuple([z.literal(1), z.number().int()]),
  z.tuple([z.literal(2), z.number().int()]),
])

const PAUSE = `
${SLOWDOWN}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then
  redis.call('SET', KEYS[1], string.format('%.3f', untilMs), 'PX', tonumber(ARGV[1]) + 1000)
end
-- The sends already on their way when the first 429 came get one each: they make one episode.
if current <= now then
  local last = tonumber(redis.call('HGET', KEYS[2], 'episode') or '0')
  if now - last < 60000 then
    local factor = math.min(1.5, slowdown(KEYS[2], now) + tonumber(ARGV[2]))
    redis.call('HSET', KEYS[2], 'factor', string.format('%.5f', factor), 'at', string.format('%.3f', now))
  end
  redis.call('HSET', KEYS[2], 'episode', string.format('%.3f', now))
  redis.call('PEXPIRE', KEYS[2], 600000)
end
return 0
`

// KEYS: send times counted (newest first), paused-until, slowdown. ARGV: sends a window, window ms,
// how far ahead a send may be counted (ms), the send's own earlier count to take back ('' for none).
// Returns { 0, the time counted, ms until then } (go then), { 1, ms } (ask again then) or
// { 2, ms } (paused for that long).
const ENTER = `
${SLOWDOWN}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local pausedUntil = tonumber(redis.call('GET', KEYS[2]) or '0')
if pausedUntil > now then return { 2, math.ceil(pausedUntil - now) } end
if ARGV[4] ~= '' then redis.call('LREM', KEYS[1], 1, ARGV[4]) end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2]) * slowdown(KEYS[3], now)
local oldest = tonumber(redis.call('LINDEX', KEYS[1], limit - 1) or '0')
local at = math.max(now, oldest + window)
if at - now > tonumber(ARGV[3]) then return { 1, math.ceil(at - now - tonumber(ARGV[3])) } end
local stamp = string.format('%.3f', at)
redis.call('LPUSH', KEYS[1], stamp)
redis.call('LTRIM', KEYS[1], 0, limit - 1)
redis.call('PEXPIRE', KEYS[1], math.ceil(at - now + window) + 1000)
return { 0, stamp, math.floor(at - now) }
`

/**
 * The gate counts sends when they leave; Telegram counts them when they arrive, some milliseconds
 * later and not always the same number later (either side's event loop may be busy). The gate's
 * window is this much longer than Telegram's second so that the difference does not add up to
 * one send too many.
 */
export const JITTER_MARGIN_MS = 25
/** How far ahead the gate counts a send: a claimed send holds its claim no longer than this to go. */
export const GATE_AHEAD_MS = 50
/** How much slower (of the interval) the bot goes after a repeated bot-wide 429, easing off over a minute. */
export const SLOWDOWN_STEP = 0.02

export type SlotReservation = { kind: 'slot'; waitMs: number } | { kind: 'too-far'; waitMs: number }
/**
 * go: send in `inMs` (0: now); `counted` is the time the gate counted it at, to hand back if the
 * send asks again (see `enter`). wait: the window is full; ask again after `waitMs`.
 */
export type GateAnswer =
  { kind: 'go'; inMs: number; counted: string } | { kind: 'wait'; waitMs: number } | { kind: 'paused'; waitMs: number }

export function createBotPacer(
  redis: Redis,
  options: { prefix: string; perSecond: number; maxWaitMs?: number; marginMs?: number; gateAheadMs?: number },
) {
  const interval = (1000 + (options.marginMs ?? JITTER_MARGIN_MS)) / options.perSecond
  // A whole number of sends a window; for a fractional rate the window shrinks to match.
  const sendsPerWindow = Math.max(1, Math.floor(options.perSecond))
  const window = sendsPerWindow * interval
  const maxWait = options.maxWaitMs ?? 5000
  const gateAhead = options.gateAheadMs ?? GATE_AHEAD_MS
  const slotKey = `${options.prefix}:bot:next-slot`
  const pauseKey = `${options.prefix}:bot:paused-until`
  const slowdownKey = `${options.prefix}:bot:slowdown`
  const sentKey = `${options.prefix}:bot:sent`
  return {
    /** A send slot: wait `waitMs`, then send; or, when the next slot is too far, none. */
    async reserve(): Promise<SlotReservation> {
      const wait = Number(
        await redis.eval(
          RESERVE,
          4,
          slotKey,
          pauseKey,
          slowdownKey,
          sentKey,
          String(interval),
          String(maxWait),
          String(gateAhead),
          String(sendsPerWindow),
          String(window),
        ),
      )
      return wait < 0 ? { kind: 'too-far', waitMs: -wait } : { kind: 'slot', waitMs: wait }
    },
    /** Telegram told the bot to wait: no slot before then, in whichever process. */
    async pause(ms: number): Promise<void> {
      await redis.eval(PAUSE, 2, pauseKey, slowdownKey, String(ms), String(SLOWDOWN_STEP))
    },
    /** A "go" that will not be used: its count is taken back. */
    async release(counted: string): Promise<void> {
      await redis.lrem(sentKey, 1, counted)
    },
    /**
     * Right before the HTTP call: go now or in a few milliseconds (the send is counted at that
     * time, and waiting sends each get a time of their own), ask again later (the window is full
     * further ahead than `gateAheadMs`), or a bot-wide pause is on. `instead`: the time an earlier
     * "go" of this same send was counted at and not used; it is taken back, so each send counts once.
     */
    async enter(instead?: string): Promise<GateAnswer> {
      const reply = GateReply.parse(
        await redis.eval(
          ENTER,
          3,
          sentKey,
          pauseKey,
          slowdownKey,
          String(sendsPerWindow),
          String(window),
          String(gateAhead),
          instead ?? '',
        ),
      )
      switch (reply[0]) {
        case 0:
          return { kind: 'go', counted: reply[1], inMs: reply[2] }
        case 1:
          return { kind: 'wait', waitMs: reply[1] }
        case 2:
          return { kind: 'paused', waitMs: reply[1] }
      }
    },
  }
}

export type BotPacer = ReturnType<typeof createBotPacer>
