import { createHmac, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import type { Route } from './create-http-server.js'

const MAX_BODY_BYTES = 1024 * 1024
const SIGNATURE = /^[0-9a-f]{64}$/i

/** A callback as Viber sent it, after the signature held; the handler validates the rest. */
export const ViberCallbackEnvelope = z.looseObject({
  event: z.string().min(1),
  message_token: z.string().optional(),
})
export type ViberCallbackEnvelope = z.infer<typeof ViberCallbackEnvelope>

/** X-Viber-Content-Signature: hex HMAC-SHA256 of the exact body bytes, keyed with the bot's token. */
export function verifyViberSignature(body: Uint8Array, authToken: string, signature: string | undefined): boolean {
  // timingSafeEqual throws on unequal lengths; the shape check keeps it to equal ones.
  if (signature === undefined || !SIGNATURE.test(signature)) return false
  const expected = createHmac('sha256', authToken).update(body).digest()
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'))
}

// 64-bit tokens would be rounded by JSON.parse: quoted first, so they stay exact strings.
const BIG_TOKEN = /"(message_token)"\s*:\s*(-?\d+)/g
const parseCallback = (raw: string): unknown => JSON.parse(raw.replace(BIG_TOKEN, '"$1":"$2"'))

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

const answer = (response: ServerResponse, code: number, body: unknown = code === 200 ? {} : { error: code }): void => {
  response.writeHead(code, { 'content-type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(body))
}

function signatureOf(request: IncomingMessage, url: URL): string | undefined {
  const header = request.headers['x-viber-content-signature']
  if (typeof header === 'string') return header
  // Viber's own SDK also reads it from ?sig=; accept that when the header is missing.
  return url.searchParams.get('sig') ?? undefined
}

/**
 * POST <path>: Viber's callbacks. The signature is checked over the raw bytes before anything
 * is parsed; a missing or wrong one gets 403 and nothing is handled. The handler's answer (the
 * welcome for `conversation_started`) becomes the response body.
 */
export function viberWebhookRoute(options: {
  path: string
  authToken: string
  handle: (callback: ViberCallbackEnvelope) => Promise<object | null>
}): Route {
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname !== options.path) return false
    if (request.method !== 'POST') {
      answer(response, 405)
      return true
    }
    const body = await readBody(request)
    if (body === null) {
      answer(response, 413)
      return true
    }
    if (!verifyViberSignature(body, options.authToken, signatureOf(request, url))) {
      answer(response, 403)
      return true
    }
    let parsed: unknown
    try {
      parsed = parseCallback(body.toString('utf8'))
    } catch {
      answer(response, 400)
      return true
    }
    const callback = ViberCallbackEnvelope.safeParse(parsed)
    if (!callback.success) {
      answer(response, 400)
      return true
    }
    // The check Viber makes when the webhook is set: it only needs a 200.
    if (callback.data.event === 'webhook') {
      answer(response, 200)
      return true
    }
    answer(response, 200, (await options.handle(callback.data)) ?? {})
    return true
  }
}
