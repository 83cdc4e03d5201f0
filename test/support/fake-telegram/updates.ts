import { EventEmitter } from 'node:events'
import type { Update } from 'grammy/types'
import { ApiError } from './types.js'

export type UpdateBody = Omit<Update, 'update_id'>

export interface PendingUpdate {
  update: Update
  /** Returned by getUpdates at least once: only such updates are confirmed by a later offset. */
  handedOut: boolean
  inFlight: boolean
}

interface Poller {
  settle: (error?: ApiError) => void
}

/** Updates go to one chat's webhook queue; those without a chat share one queue. */
export function chatKeyOf(update: Update): string {
  const chatId =
    update.message?.chat.id ??
    update.edited_message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    update.callback_query?.from.id ??
    update.my_chat_member?.chat.id
  return chatId === undefined ? 'no-chat' : String(chatId)
}

/** Telegram's pending-update storage, read by getUpdates and by the webhook dispatcher. */
export class UpdateQueue {
  readonly events = new EventEmitter()
  private readonly pending: PendingUpdate[] = []
  private nextId = 500_000_001
  private poller: Poller | undefined

  constructor() {
    this.events.setMaxListeners(0)
  }

  create(body: UpdateBody): Update {
    const update: Update = { update_id: this.nextId++, ...body }
    this.push(update)
    return update
  }

  /** Also the way to deliver a duplicate: the same update, same update_id, once more. */
  push(update: Update): void {
    this.pending.push({ update, handedOut: false, inFlight: false })
    this.events.emit('added', update)
    this.poller?.settle()
  }

  get size(): number {
    return this.pending.length
  }

  entries(): readonly PendingUpdate[] {
    return this.pending
  }

  remove(entry: PendingUpdate): void {
    const index = this.pending.indexOf(entry)
    if (index >= 0) this.pending.splice(index, 1)
    if (this.pending.length === 0) this.events.emit('empty')
  }

  drop(): void {
    this.pending.splice(0)
    this.events.emit('empty')
  }

  /** Ends an open long poll the way Telegram does when something else takes the updates. */
  interruptPoll(error: ApiError): void {
    this.poller?.settle(error)
  }

  async poll(options: {
    offset: number
    limit: number
    timeoutSeconds: number
    signal: AbortSignal
  }): Promise<Update[]> {
    this.interruptPoll(
      new ApiError(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    )
    this.confirm(options.offset)
    const ready = (): Update[] =>
      this.pending
        .filter((entry) => !entry.inFlight)
        .slice(0, options.limit)
        .map((entry) => {
          entry.handedOut = true
          return entry.update
        })
    const now = ready()
    if (now.length > 0 || options.timeoutSeconds <= 0) return now
    await new Promise<void>((resolve, reject) => {
      const poller: Poller = {
        settle: (error) => {
          if (this.poller !== poller) return
          this.poller = undefined
          clearTimeout(timer)
          options.signal.removeEventListener('abort', onAbort)
          if (error) reject(error)
          else resolve()
        },
      }
      const onAbort = () => {
        poller.settle()
      }
      const timer = setTimeout(onAbort, options.timeoutSeconds * 1000)
      options.signal.addEventListener('abort', onAbort)
      this.poller = poller
    })
    return ready()
  }

  private confirm(offset: number): void {
    const confirmed = this.pending.filter((entry) => entry.handedOut && entry.update.update_id < offset)
    for (const entry of confirmed) this.remove(entry)
  }
}
