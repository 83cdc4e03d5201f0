import { createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { HttpSurface } from './surface.js'
import { refuseOtherMethods } from './surface.js'

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

const answer = (reply: FastifyReply, code: number, body: unknown = code === 200 ? {} : { error: code }) =>
  reply.code(code).type('application/json; charset=utf-8').send(JSON.stringify(body))

function signatureOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-viber-content-signature']
  if (typeof header === 'string') return header
  // Viber's own SDK also reads it from ?sig=; accept that when the header is missing.
  const { sig } = request.query as Record<string, unknown>
  return typeof sig === 'string' ? sig : undefined
}

/**
 * POST <path>: Viber's callbacks. The signature is checked over the raw bytes before anything
 * is parsed; a missing or wrong one gets 403 and nothing is handled. The handler's answer (the
 * welcome for `conversation_started`) becomes the response body.
 */
export function viberWebhook(options: {
  path: string
  authToken: string
  handle: (callback: ViberCallbackEnvelope) => Promise<object | null>
}): HttpSurface {
  return (app) => {
    // The signature covers the exact bytes, so this surface reads every body raw, whatever its type.
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
      done(null, body)
    })
    app.post(options.path, { bodyLimit: MAX_BODY_BYTES }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      if (!verifyViberSignature(body, options.authToken, signatureOf(request))) return answer(reply, 403)
      let parsed: unknown
      try {
        parsed = parseCallback(body.toString('utf8'))
      } catch {
        return answer(reply, 400)
      }
      const callback = ViberCallbackEnvelope.safeParse(parsed)
      if (!callback.success) return answer(reply, 400)
      // The check Viber makes when the webhook is set: it only needs a 200.
      if (callback.data.event === 'webhook') return answer(reply, 200)
      return answer(reply, 200, (await options.handle(callback.data)) ?? {})
    })
    refuseOtherMethods(app, options.path, ['POST'])
  }
}
