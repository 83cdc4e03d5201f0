import type { ChatRecord, FakeState } from './state.js'
import type { RateLimits } from './types.js'
import { ApiError, badRequest } from './types.js'

const WINDOW_MS = 1000

/**
 * Telegram's answers for chats the bot may not write to, and its flood control as a rolling
 * one-second window. The window only counts accepted calls, so a client that backs off for
 * retry_after seconds always gets through again.
 */
export class ChatGate {
  private readonly global: number[] = []
  private readonly perChat = new Map<number, number[]>()
  /** Chats whose next calls are refused with 400 (how many are left), to make the bot's handling fail. */
  readonly refusing = new Map<number, number>()

  constructor(
    private readonly state: FakeState,
    public limits: RateLimits,
    readonly blockedChats: Set<number>,
    readonly strictChats: boolean,
  ) {}

  /** The chat a call addresses, after the checks Telegram makes for any call to a chat. */
  chat(chatId: number): ChatRecord {
    if (this.blockedChats.has(chatId)) {
      this.state.counters.forbidden += 1
      throw new ApiError(403, 'Forbidden: bot was blocked by the user')
    }
    const refusals = this.refusing.get(chatId) ?? 0
    if (refusals > 0) {
      this.refusing.set(chatId, refusals - 1)
      throw badRequest('message could not be sent')
    }
    const known = this.state.chats.get(chatId)
    if (known) return known
    if (this.strictChats) throw badRequest('chat not found')
    return this.state.chatFor(chatId)
  }

  /** Takes `count` sends from the budgets, or refuses all of them with 429. */
  take(chatId: number, count = 1): void {
    const now = Date.now()
    const chatTimes = this.perChat.get(chatId) ?? []
    prune(this.global, now)
    prune(chatTimes, now)
    const { globalPerSecond, perChatPerSecond } = this.limits
    const overGlobal = globalPerSecond !== undefined && this.global.length + count > globalPerSecond
    const overChat = perChatPerSecond !== undefined && chatTimes.length + count > perChatPerSecond
    if (overGlobal || overChat) {
      const retryAfter = this.limits.retryAfterSeconds ?? 1
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter })
    }
    for (let i = 0; i < count; i += 1) {
      this.global.push(now)
      chatTimes.push(now)
    }
    this.perChat.set(chatId, chatTimes)
  }
}

function prune(times: number[], now: number): void {
  let stale = 0
  while (stale < times.length && (times[stale] ?? now) <= now - WINDOW_MS) stale += 1
  times.splice(0, stale)
}
