import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Update } from 'grammy/types'
import { ChatView, DEFAULT_WAIT_MS, waitFor } from './chat-view.js'
import { FakeCore } from './core.js'
import { errorBody, notFound, readApiRequest, sendJson } from './http.js'
import { callMethod } from './methods.js'
import type { ResidentOptions } from './resident.js'
import { Resident } from './resident.js'
import { GroupMember } from './group.js'
import type { CallRecord } from './state.js'
import { FAKE_BOT } from './state.js'
import type { FakeStats, FakeTelegramOptions, RateLimits, WebhookDelivery } from './types.js'
import { ApiError } from './types.js'
import type { UpdateBody } from './updates.js'

export { FAKE_BOT } from './state.js'
export type { Resident, ResidentOptions } from './resident.js'
export type { GroupMember } from './group.js'
export type { ChatView, ReplyKeyboardView } from './chat-view.js'
export type { CallRecord } from './state.js'
export type * from './types.js'

/**
 * A fake Telegram Bot API on loopback that speaks real HTTP, for tests that run the service
 * against it through TELEGRAM_API_ROOT (grammY's `client.apiRoot`). It records every call.
 */
export interface FakeTelegram {
  apiRoot: string
  token: string
  bot: typeof FAKE_BOT
  calls: CallRecord[]
  readonly webhook: { url: string; secretToken: string | undefined }
  /** Webhook posts the fake made, with the status each got. */
  deliveries: WebhookDelivery[]
  /** Chats whose user blocked the bot; add and remove while the test runs. */
  blockedChats: Set<number>
  /** The next `count` calls to this chat are refused with 400 (not retried), so handling an update fails. */
  refuseNextCalls: (chatId: number, count: number) => void
  user: (options: ResidentOptions) => Resident
  /** A person writing in a group chat with the bot (the group is made on first use). */
  groupMember: (group: { id: number; title: string }, member: ResidentOptions) => GroupMember
  /** What the bot did in a chat the test has no Resident for. */
  chat: (chatId: number) => ChatView
  enqueue: (update: UpdateBody) => Update
  deliverDuplicate: (update: Update) => void
  /** POSTs any body to the webhook; secretToken undefined sends the configured one, null none. */
  postToWebhook: (body: unknown, options?: { secretToken?: string | null }) => Promise<{ status: number; body: string }>
  setLimits: (limits: RateLimits) => void
  stats: () => FakeStats
  pendingUpdates: () => number
  /** Resolves when every update was confirmed by getUpdates or delivered to the webhook. */
  waitForIdle: (timeoutMs?: number) => Promise<void>
  /** Resolves with the next call of this method as soon as it arrives; `status` is set once answered. */
  waitForCall: (method: string, timeoutMs?: number) => Promise<CallRecord>
  close: () => Promise<void>
}

const DEFAULT_TOKEN = '7000001:AAFakeTokenForTestsOnly_abcdefghijk'

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? DEFAULT_TOKEN
  const core: FakeCore = new FakeCore(token, options, async (method, params) => {
    await callMethod(core, method, { params, files: new Map() }, new AbortController().signal)
  })
  const server = createServer((request, response) => {
    void handle(core, request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const { state, updates, webhook, gate } = core
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    bot: FAKE_BOT,
    calls: state.calls,
    get webhook() {
      return { url: webhook.config.url, secretToken: webhook.config.secretToken }
    },
    deliveries: webhook.deliveries,
    blockedChats: gate.blockedChats,
    refuseNextCalls: (chatId, count) => {
      gate.refusing.set(chatId, count)
    },
    user: (resident) => new Resident(core, resident),
    groupMember: (group, member) => new GroupMember(core, group, member),
    chat: (chatId) => new ChatView(core, state.chatFor(chatId)),
    enqueue: (update) => updates.create(update),
    deliverDuplicate: (update) => {
      updates.push(structuredClone(update))
    },
    postToWebhook: (body, post = {}) => webhook.post(body, post.secretToken),
    setLimits: (limits) => {
      gate.limits = { ...limits }
    },
    stats: () => state.stats(),
    pendingUpdates: () => updates.size,
    waitForIdle: async (timeoutMs = DEFAULT_WAIT_MS) => {
      const idle = () => (updates.size === 0 ? true : undefined)
      await waitFor(updates.events, 'empty', idle, timeoutMs, () => `${updates.size} updates still pending`)
    },
    waitForCall: (method, timeoutMs = DEFAULT_WAIT_MS) => {
      const from = state.calls.length
      const check = () => state.calls.slice(from).find((call) => call.method === method)
      return waitFor(state.events, 'call', check, timeoutMs, () => `the bot did not call ${method}`)
    },
    close: () =>
      new Promise<void>((resolve) => {
        webhook.close()
        server.close(() => {
          resolve()
        })
        server.closeAllConnections()
      }),
  }
}

async function handle(core: FakeCore, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname)
    if (download) {
      serveFile(core, download[1] ?? '', decodeURIComponent(download[2] ?? ''), response)
      return
    }
    const call = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname)
    if (!call) throw notFound()
    if (call[1] !== core.token) throw new ApiError(401, 'Unauthorized')
    const apiRequest = await readApiRequest(request, url)
    const gone = new AbortController()
    response.on('close', () => {
      if (!response.writableFinished) gone.abort()
    })
    const answer = await callMethod(core, call[2] ?? '', apiRequest, gone.signal)
    sendJson(response, answer.status, answer.body)
  } catch (error) {
    const apiError =
      error instanceof ApiError ? error : new ApiError(500, `Internal Server Error: ${(error as Error).message}`)
    sendJson(response, apiError.code, errorBody(apiError))
  }
}

function serveFile(core: FakeCore, token: string, filePath: string, response: ServerResponse): void {
  if (token !== core.token) throw new ApiError(401, 'Unauthorized')
  const file = core.state.files.atPath(filePath)
  if (!file) throw notFound()
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length })
  response.end(file.bytes)
}
