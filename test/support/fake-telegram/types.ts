import type { Message, ResponseParameters } from 'grammy/types'

/** Parameters of one Bot API call, as the client sent them (JSON values, or strings from forms). */
export type Params = Record<string, unknown>

/** A file part of a multipart/form-data request. */
export interface UploadedFile {
  field: string
  filename: string
  contentType: string
  bytes: Buffer
}

/** Thrown by method handlers; the server turns it into Telegram's error envelope. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description)
  }
}

export const badRequest = (detail: string): ApiError => new ApiError(400, `Bad Request: ${detail}`)

/** Flood control. Each number is a budget per rolling second; an absent one means no limit. */
export interface RateLimits {
  globalPerSecond?: number
  perChatPerSecond?: number
  /** What the 429 answers advise; 1 when not set. */
  retryAfterSeconds?: number
}

export interface FakeTelegramOptions {
  token?: string
  limits?: RateLimits
  /** Chats whose user blocked the bot: every call to them answers 403. Mutable while running. */
  blockedChats?: Set<number>
  /** When true, a chat the fake has never seen answers 400 "chat not found", as Telegram does. */
  strictChats?: boolean
  /** How many times one update is posted to a failing webhook before the fake gives up on it. */
  webhookAttempts?: number
  webhookRetryDelayMs?: number
}

export interface FakeStats {
  calls: Record<string, number>
  totalCalls: number
  sentMessages: number
  tooManyRequests: number
  forbidden: number
  webhookPosts: number
}

/** One thing the bot did in a chat, in the order the fake saw it. Messages are snapshots. */
export type ChatOperation =
  | { kind: 'sent'; seq: number; at: number; message: Message }
  | { kind: 'edited'; seq: number; at: number; message: Message }
  | { kind: 'deleted'; seq: number; at: number; messageId: number }
  | { kind: 'chat_action'; seq: number; at: number; action: string }

export interface CallbackAnswer {
  queryId: string
  userId: number
  text: string | undefined
  showAlert: boolean
  url: string | undefined
}

/** One POST of an update to the webhook; status 0 when the connection itself failed. */
export interface WebhookDelivery {
  updateId: number
  url: string
  attempt: number
  status: number
  error: string | undefined
  at: number
}
