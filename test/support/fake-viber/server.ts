import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { bigToken, callbackJson, postSigned } from './signed-post.js'
import type { PostOptions } from './signed-post.js'
import { ViberUser } from './user.js'
import type { ViberUserOptions } from './user.js'

export type { ViberUser } from './user.js'

/** A call the bot made to the API, with the body as parsed JSON. */
export interface ViberCall {
  method: string
  authToken: string | undefined
  body: Record<string, unknown>
  /** What the fake answered. */
  status: number
}

export interface ViberButtonView {
  ActionType?: string
  ActionBody: string
  Text: string
}

/** A message a user got: from send_message / broadcast_message, or the welcome in a callback answer. */
export interface ReceivedMessage {
  type: string
  text?: string
  media?: string
  keyboard?: { Buttons: ViberButtonView[] }
  sender?: { name?: string }
  via: 'send_message' | 'broadcast_message' | 'welcome'
}

export interface FakeViber {
  apiRoot: string
  authToken: string
  calls: ViberCall[]
  /** Where callbacks go: set by set_webhook, or by the test. */
  webhookUrl: string | undefined
  /** Users the bot may write to (they wrote, or subscribed). */
  subscribed: Set<string>
  /** Answer the next sends to this receiver with this status (e.g. 12 rate limit), until cleared. */
  failSends: Map<string, number>
  user: (options?: ViberUserOptions) => ViberUser
  /** Bytes served under a media link of this server, like Viber's own short-lived media links. */
  hostMedia: (bytes: Buffer, contentType: string) => string
  /** The link stops working, as Viber's do after an hour. */
  expireMedia: (url: string) => void
  /** POSTs a callback signed with the bot's token (or as PostOptions say). */
  post: (
    body: Record<string, unknown> & { message_token?: string },
    options?: PostOptions,
  ) => Promise<{ status: number; body: string }>
  postRaw: (body: string, options?: PostOptions) => Promise<{ status: number; body: string }>
  /** @internal the users' inboxes */
  deliver: (receiver: string, message: ReceivedMessage) => void
  events: EventEmitter
  close: () => Promise<void>
}

const DEFAULT_TOKEN = '4f8b2c1d9e7a6b5c-0a1b2c3d4e5f6a7b-8c9d0e1f2a3b4c5d'

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
}

const STATUS_MESSAGES: Record<number, string> = {
  0: 'ok',
  1: 'invalidUrl',
  2: 'invalidAuthToken',
  3: 'badData',
  4: 'missingData',
  5: 'receiverNotRegistered',
  6: 'notSubscribed',
  12: 'tooManyRequests',
}

/**
 * A fake Viber REST Bot API on loopback: checks the token header, keeps a subscription model
 * (status 6 for someone who never wrote or unsubscribed), records every call, answers with
 * 19-digit message tokens as bare numbers, and lets tests play users who post signed callbacks.
 */
export async function startFakeViber(options: { authToken?: string } = {}): Promise<FakeViber> {
  const authToken = options.authToken ?? DEFAULT_TOKEN
  const events = new EventEmitter()
  events.setMaxListeners(100)
  const media = new Map<string, { bytes: Buffer; contentType: string }>()
  const inboxes = new Map<string, ReceivedMessage[]>()
  let origin = ''

  const fake: FakeViber = {
    apiRoot: '',
    authToken,
    calls: [],
    webhookUrl: undefined,
    subscribed: new Set(),
    failSends: new Map(),
    user: (userOptions = {}) => new ViberUser(fake, userOptions, inboxes),
    hostMedia: (bytes, contentType) => {
      const id = randomBytes(12).toString('hex')
      media.set(id, { bytes, contentType })
      return `${origin}/media/${id}.jpg`
    },
    expireMedia: (url) => {
      media.delete(/\/media\/([0-9a-f]+)\.jpg$/.exec(url)?.[1] ?? '')
    },
    post: (body, postOptions) => fake.postRaw(callbackJson(body), postOptions),
    postRaw: (body, postOptions) => {
      if (fake.webhookUrl === undefined) throw new Error('no webhook URL: set_webhook first or set webhookUrl')
      return postSigned(fake.webhookUrl, body, authToken, postOptions)
    },
    deliver: (receiver, message) => {
      const inbox = inboxes.get(receiver) ?? []
      inbox.push(message)
      inboxes.set(receiver, inbox)
      events.emit('message', receiver)
    },
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
        server.closeAllConnections()
      }),
  }

  const answer = (response: ServerResponse, status: number, extra: Record<string, unknown> = {}): number => {
    const body = callbackJson({ status, status_message: STATUS_MESSAGES[status] ?? 'generalError', ...extra })
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(body)
    return status
  }

  function sendTo(receiver: string, body: Record<string, unknown>, via: ReceivedMessage['via']): number {
    const failure = fake.failSends.get(receiver)
    if (failure !== undefined) return failure
    if (!fake.subscribed.has(receiver)) return 6
    const sender = body.sender as { name?: unknown } | undefined
    if (typeof sender?.name !== 'string' || sender.name === '') return 4
    if (body.type === 'picture' && (typeof body.media !== 'string' || typeof body.text !== 'string')) return 3
    fake.deliver(receiver, { ...(body as Omit<ReceivedMessage, 'via'>), via })
    return 0
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const hosted = /^\/media\/([0-9a-f]+)\.jpg$/.exec(url.pathname)
    if (hosted) {
      const file = media.get(hosted[1] ?? '')
      if (!file) {
        response.writeHead(404).end()
        return
      }
      response.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length })
      response.end(file.bytes)
      return
    }
    const method = /^\/pa\/([a-z_]+)$/.exec(url.pathname)?.[1]
    if (method === undefined || request.method !== 'POST') {
      response.writeHead(404).end()
      return
    }
    const body = await readJson(request)
    const given = request.headers['x-viber-auth-token']
    const call: ViberCall = { method, authToken: typeof given === 'string' ? given : undefined, body, status: -1 }
    fake.calls.push(call)
    if (given !== authToken) {
      call.status = answer(response, 2)
      return
    }
    switch (method) {
      case 'set_webhook': {
        const target = typeof body.url === 'string' ? body.url : ''
        // Viber checks the URL with a signed callback and refuses unless it gets a 200.
        const check = await postSigned(
          target,
          callbackJson({ event: 'webhook', timestamp: Date.now(), message_token: bigToken() }),
          authToken,
        ).catch(() => ({ status: 0 }))
        if (check.status !== 200) {
          call.status = answer(response, 1)
          return
        }
        fake.webhookUrl = target
        call.status = answer(response, 0, { event_types: body.event_types ?? [] })
        return
      }
      case 'send_message': {
        const status = sendTo(String(body.receiver), body, 'send_message')
        call.status = answer(response, status, status === 0 ? { message_token: bigToken(), billing_status: 1 } : {})
        return
      }
      case 'broadcast_message': {
        const list = Array.isArray(body.broadcast_list) ? body.broadcast_list.map(String) : []
        if (list.length > 300) {
          call.status = answer(response, 3)
          return
        }
        const failed = list.flatMap((receiver) => {
          const status = sendTo(receiver, body, 'broadcast_message')
          return status === 0 ? [] : [{ receiver, status, status_message: STATUS_MESSAGES[status] ?? 'error' }]
        })
        call.status = answer(response, 0, { message_token: bigToken(), failed_list: failed })
        return
      }
      case 'get_account_info':
        call.status = answer(response, 0, {
          id: 'pa:1',
          name: 'Service 115 (fake)',
          uri: 'service115',
          webhook: fake.webhookUrl ?? '',
          event_types: [],
          subscribers_count: fake.subscribed.size,
        })
        return
      case 'get_user_details': {
        const id = String(body.id)
        call.status = fake.subscribed.has(id)
          ? answer(response, 0, { user: { id, name: 'Viber user', language: 'ru', country: 'BY', api_version: 10 } })
          : answer(response, 6)
        return
      }
      default:
        call.status = answer(response, 3)
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  fake.apiRoot = `${origin}/pa`
  return fake
}
