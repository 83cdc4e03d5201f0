import { z } from 'zod'
import type { SendResult } from '../../core/delivery/ports.js'

/** A keyboard button. A `reply` tap comes back as a text message whose text is `ActionBody`. */
export interface ViberButton {
  ActionType: 'reply' | 'location-picker' | 'share-phone' | 'open-url' | 'none'
  ActionBody: string
  Text: string
  /** 1–6 of the row's 6 columns. */
  Columns?: number
  Rows?: number
  /** The tap is not shown in the chat as the person's message (the body is a code, not words). */
  Silent?: boolean
  TextSize?: 'small' | 'regular' | 'large'
}

export interface ViberKeyboard {
  Type: 'keyboard'
  Buttons: ViberButton[]
  DefaultHeight?: boolean
}

export type ViberContent =
  | { type: 'text'; text: string }
  | { type: 'picture'; text: string; media: string }
  | { type: 'location'; location: { lat: number; lon: number } }

/** A message to one person, without receiver and sender (the client adds them). */
export type ViberMessage = ViberContent & { keyboard?: ViberKeyboard; tracking_data?: string }

export const VIBER_EVENT_TYPES = [
  'delivered',
  'seen',
  'failed',
  'subscribed',
  'unsubscribed',
  'conversation_started',
] as const

const Status = z.object({ status: z.number().int(), status_message: z.string().optional() })
const Sent = Status.extend({ message_token: z.string().optional(), billing_status: z.number().optional() })
const Broadcast = Status.extend({
  failed_list: z
    .array(z.object({ receiver: z.string(), status: z.number().int(), status_message: z.string().optional() }))
    .optional(),
})
const WebhookSet = Status.extend({ event_types: z.array(z.string()).optional() })
const AccountInfo = Status.extend({
  id: z.string().optional(),
  name: z.string().optional(),
  uri: z.string().optional(),
  webhook: z.string().optional(),
  event_types: z.array(z.string()).optional(),
  subscribers_count: z.number().optional(),
})
const UserDetails = Status.extend({
  user: z
    .object({
      id: z.string(),
      name: z.string().optional(),
      language: z.string().optional(),
      country: z.string().optional(),
      api_version: z.number().optional(),
    })
    .optional(),
})

export type ViberAccountInfo = z.infer<typeof AccountInfo>
export type ViberUserDetails = NonNullable<z.infer<typeof UserDetails>['user']>

// Viber's 64-bit tokens do not fit a JS number; quote them before JSON.parse rounds them.
const BIG_TOKEN = /"(message_token)"\s*:\s*(-?\d+)/g
export const parseViberJson = (raw: string): unknown => JSON.parse(raw.replace(BIG_TOKEN, '"$1":"$2"'))

/** A non-zero `status` (Viber answers errors with HTTP 200), or HTTP/network trouble (status null). */
export class ViberApiError extends Error {
  constructor(
    readonly method: string,
    readonly status: number | null,
    readonly statusMessage: string,
  ) {
    super(`viber ${method}: ${status ?? 'no status'} ${statusMessage}`)
    this.name = 'ViberApiError'
  }
}

// Docs: 100 messages to one person an hour without their reply; free/paid quota used up.
const TOO_MANY_REQUESTS = 12
const QUOTA = new Set([23, 24])
const RATE_LIMIT_WAIT_SECONDS = 60
const QUOTA_WAIT_SECONDS = 3600

/** Viber's status codes as the neutral outcome of a send. */
export function classifyViberStatus(
  status: number | null,
  statusMessage: string,
): Exclude<SendResult, { kind: 'sent' }> {
  switch (status) {
    case 5: // receiverNotRegistered
      return { kind: 'unreachable', reason: 'chat-not-found' }
    case 6: // receiverNotSubscribed: unsubscribed, or never wrote
      return { kind: 'unreachable', reason: 'blocked' }
    case 11: // receiverNoSuitableDevice
      return { kind: 'unreachable', reason: 'deactivated' }
    case TOO_MANY_REQUESTS:
      return { kind: 'rate-limited', retryAfterSeconds: RATE_LIMIT_WAIT_SECONDS, scope: 'recipient' }
    default:
      if (status !== null && QUOTA.has(status))
        return { kind: 'rate-limited', retryAfterSeconds: QUOTA_WAIT_SECONDS, scope: 'account' }
      return { kind: 'failed', error: `${status ?? 'http'} ${statusMessage}` }
  }
}

const MAX_BROADCAST = 300
const DEFAULT_TIMEOUT_MS = 10_000

export interface ViberClientOptions {
  authToken: string
  /** e.g. https://chatapi.viber.com/pa */
  apiRoot: string
  /** Shown as the sender of every message (Viber allows 28 characters). */
  botName: string
  timeoutMs?: number
}

/** Viber's REST Bot API: every method a POST with a JSON body and the token in a header. */
export function createViberClient(options: ViberClientOptions) {
  const sender = { name: options.botName.slice(0, 28) }

  async function call<S extends z.ZodType<{ status: number; status_message?: string | undefined }>>(
    method: string,
    body: unknown,
    schema: S,
  ): Promise<z.infer<S>> {
    let raw: string
    try {
      const response = await fetch(`${options.apiRoot}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-viber-auth-token': options.authToken },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      })
      raw = await response.text()
      if (!response.ok) throw new ViberApiError(method, null, `HTTP ${response.status}`)
    } catch (error) {
      if (error instanceof ViberApiError) throw error
      throw new ViberApiError(method, null, `network: ${error instanceof Error ? error.message : String(error)}`)
    }
    let parsed: z.infer<S>
    try {
      parsed = schema.parse(parseViberJson(raw))
    } catch {
      throw new ViberApiError(method, null, 'malformed response')
    }
    if (parsed.status !== 0) throw new ViberApiError(method, parsed.status, parsed.status_message ?? '')
    return parsed
  }

  const full = (message: ViberMessage) => ({ sender, min_api_version: 1, ...message })

  return {
    /** Where Viber posts callbacks; Viber checks the URL with a signed `webhook` callback before it answers. */
    setWebhook: async (url: string, eventTypes: readonly string[] = VIBER_EVENT_TYPES) =>
      (await call('set_webhook', { url, event_types: eventTypes, send_name: true, send_photo: false }, WebhookSet))
        .event_types ?? [],

    /** Sends one message; Viber's refusals come back as the neutral outcome, never thrown. */
    sendMessage: async (receiver: string, message: ViberMessage): Promise<SendResult> => {
      try {
        await call('send_message', { receiver, ...full(message) }, Sent)
        return { kind: 'sent' }
      } catch (error) {
        if (error instanceof ViberApiError) return classifyViberStatus(error.status, error.statusMessage)
        throw error
      }
    },

    /** One message to many (300 per call); returns those it did not reach, with why. */
    broadcastMessage: async (
      receivers: string[],
      message: ViberMessage,
    ): Promise<{ receiver: string; result: Exclude<SendResult, { kind: 'sent' }> }[]> => {
      const failed: { receiver: string; result: Exclude<SendResult, { kind: 'sent' }> }[] = []
      for (let i = 0; i < receivers.length; i += MAX_BROADCAST) {
        const chunk = receivers.slice(i, i + MAX_BROADCAST)
        try {
          const answer = await call('broadcast_message', { broadcast_list: chunk, ...full(message) }, Broadcast)
          for (const f of answer.failed_list ?? [])
            failed.push({ receiver: f.receiver, result: classifyViberStatus(f.status, f.status_message ?? '') })
        } catch (error) {
          if (!(error instanceof ViberApiError)) throw error
          const result = classifyViberStatus(error.status, error.statusMessage)
          for (const receiver of chunk) failed.push({ receiver, result })
        }
      }
      return failed
    },

    /** Viber allows this twice in 12 hours per person: never per message. */
    getUserDetails: async (id: string): Promise<ViberUserDetails | null> =>
      (await call('get_user_details', { id }, UserDetails)).user ?? null,

    /** The bot's account: a check that the token works and where the webhook points. */
    getAccountInfo: (): Promise<ViberAccountInfo> => call('get_account_info', {}, AccountInfo),

    /** The answer to `conversation_started`: the one message allowed before the person writes. */
    welcomeBody: (message: ViberMessage) => full(message),
  }
}

export type ViberClient = ReturnType<typeof createViberClient>
