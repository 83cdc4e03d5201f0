import { setTimeout as sleep } from 'node:timers/promises'
import type { Update } from 'grammy/types'
import { isRecord } from './http.js'
import type { FakeState } from './state.js'
import type { Params, WebhookDelivery } from './types.js'
import type { PendingUpdate, UpdateQueue } from './updates.js'
import { chatKeyOf } from './updates.js'

export interface WebhookConfig {
  url: string
  secretToken: string | undefined
  maxConnections: number
  allowedUpdates: string[] | undefined
  lastErrorDate: number | undefined
  lastErrorMessage: string | undefined
}

export const NO_WEBHOOK: WebhookConfig = {
  url: '',
  secretToken: undefined,
  maxConnections: 40,
  allowedUpdates: undefined,
  lastErrorDate: undefined,
  lastErrorMessage: undefined,
}

export interface DispatcherOptions {
  attempts: number
  retryDelayMs: number
  /** Runs a method the bot put in its webhook response body, as Telegram does. */
  onReply: (method: string, params: Params) => Promise<void>
}

interface PostResult {
  status: number
  body: string
  error: string | undefined
}

/**
 * Posts pending updates to the webhook: one at a time per chat and in order, chats in parallel,
 * as Telegram does, so tests see the same interleavings production sees.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = []
  config: WebhookConfig = { ...NO_WEBHOOK }
  private readonly busy = new Set<string>()
  private readonly stop = new AbortController()

  constructor(
    private readonly queue: UpdateQueue,
    private readonly state: FakeState,
    private readonly options: DispatcherOptions,
  ) {
    queue.events.on('added', () => {
      this.kick()
    })
  }

  kick(): void {
    if (this.config.url === '' || this.stop.signal.aborted) return
    for (const entry of this.queue.entries()) {
      const key = chatKeyOf(entry.update)
      if (!this.busy.has(key)) void this.run(key)
    }
  }

  close(): void {
    this.stop.abort()
  }

  /** Posts any body with any secret (undefined: the configured one; null: no header). */
  async post(body: unknown, secretToken?: string | null): Promise<{ status: number; body: string }> {
    if (this.config.url === '') throw new Error('no webhook is set on the fake Telegram')
    const secret = secretToken === undefined ? this.config.secretToken : secretToken
    const result = await this.send(this.config.url, typeof body === 'string' ? body : JSON.stringify(body), secret)
    if (result.error !== undefined) throw new Error(`webhook post failed: ${result.error}`)
    return { status: result.status, body: result.body }
  }

  private async run(key: string): Promise<void> {
    this.busy.add(key)
    try {
      while (this.config.url !== '' && !this.stop.signal.aborted) {
        const entry = this.queue.entries().find((e) => !e.inFlight && chatKeyOf(e.update) === key)
        if (!entry) return
        await this.deliver(entry)
      }
    } finally {
      this.busy.delete(key)
    }
  }

  private async deliver(entry: PendingUpdate): Promise<void> {
    entry.inFlight = true
    try {
      for (let attempt = 1; attempt <= this.options.attempts; attempt += 1) {
        const { url, secretToken } = this.config
        if (url === '' || this.stop.signal.aborted) return
        const result = await this.send(url, JSON.stringify(entry.update), secretToken)
        this.record(entry.update, url, attempt, result)
        if (result.status >= 200 && result.status < 300) {
          await this.replyFrom(result.body)
          break
        }
        this.config.lastErrorDate = this.state.now()
        this.config.lastErrorMessage = result.error ?? `Wrong response from the webhook: ${result.status}`
        if (attempt < this.options.attempts) await sleep(this.options.retryDelayMs)
      }
      // Telegram retries for hours; a test run cannot, so after the last attempt the update is gone.
      this.queue.remove(entry)
    } finally {
      entry.inFlight = false
    }
  }

  private record(update: Update, url: string, attempt: number, result: PostResult): void {
    this.state.counters.webhookPosts += 1
    this.deliveries.push({
      updateId: update.update_id,
      url,
      attempt,
      status: result.status,
      error: result.error,
      at: Date.now(),
    })
  }

  private async replyFrom(body: string): Promise<void> {
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return
    }
    if (!isRecord(parsed) || typeof parsed.method !== 'string') return
    const { method, ...params } = parsed
    await this.options.onReply(method, params).catch(() => undefined)
  }

  private async send(url: string, body: string, secretToken: string | null | undefined): Promise<PostResult> {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (secretToken !== undefined && secretToken !== null) headers['x-telegram-bot-api-secret-token'] = secretToken
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(10_000)]),
      })
      return { status: response.status, body: await response.text(), error: undefined }
    } catch (error) {
      return { status: 0, body: '', error: (error as Error).message }
    }
  }
}
