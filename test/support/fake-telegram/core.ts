import type { Update } from 'grammy/types'
import { ChatGate } from './limits.js'
import type { ParamReader } from './params.js'
import { FakeState } from './state.js'
import type { FakeTelegramOptions, Params, UploadedFile } from './types.js'
import { UpdateQueue } from './updates.js'
import { WebhookDispatcher } from './webhook.js'

/** Everything one fake Telegram holds, shared by the HTTP layer, the methods and the residents. */
export class FakeCore {
  readonly state = new FakeState()
  readonly updates = new UpdateQueue()
  readonly gate: ChatGate
  readonly webhook: WebhookDispatcher

  constructor(
    readonly token: string,
    options: FakeTelegramOptions,
    onWebhookReply: (method: string, params: Params) => Promise<void>,
  ) {
    this.gate = new ChatGate(
      this.state,
      { ...options.limits },
      options.blockedChats ?? new Set(),
      options.strictChats ?? false,
    )
    this.webhook = new WebhookDispatcher(this.updates, this.state, {
      attempts: options.webhookAttempts ?? 3,
      retryDelayMs: options.webhookRetryDelayMs ?? 50,
      onReply: onWebhookReply,
    })
    // Callback queries a test enqueues by hand must be answerable like those residents make.
    this.updates.events.on('added', (update: Update) => {
      const query = update.callback_query
      if (!query || this.state.callbackQueries.has(query.id)) return
      const chatId = query.message?.chat.id ?? query.from.id
      this.state.callbackQueries.set(query.id, { userId: query.from.id, chatId, answered: false })
    })
  }
}

export interface MethodContext {
  core: FakeCore
  params: ParamReader
  files: Map<string, UploadedFile>
  /** Aborted when the client goes away, which ends a long poll early. */
  signal: AbortSignal
}

export type MethodHandler = (context: MethodContext) => unknown
