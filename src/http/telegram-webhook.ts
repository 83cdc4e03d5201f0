import { timingSafeEqual } from 'node:crypto'
import { webhookCallback } from 'grammy'
import type { Bot, Context } from 'grammy'
import type { HttpSurface } from './surface.js'
import { refuseOtherMethods } from './surface.js'

const MAX_BODY_BYTES = 1024 * 1024
/**
 * Past this, the call is answered 500 and Telegram sends the update again; the redelivery is
 * recognised by its update id, so a slow update is not handled twice.
 */
const HANDLE_TIMEOUT_MS = 30_000

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** An update is an object with a numeric update_id; grammY reads the rest. */
const UPDATE_SCHEMA = {
  type: 'object',
  required: ['update_id'],
  properties: { update_id: { type: 'integer' } },
} as const

/**
 * POST <path>: Telegram's updates, through grammY's own Fastify adapter. The secret token is
 * checked (in constant time) before the body is even read; a wrong or missing one gets 401 and
 * nothing is handled. Until the bot knows who it is (getMe), calls get 503 and Telegram retries.
 */
export function telegramWebhook<C extends Context>(options: {
  path: string
  secret: string
  bot: Bot<C>
  ready: () => boolean
}): HttpSurface {
  return (app) => {
    const handle = webhookCallback(options.bot, 'fastify', {
      secretToken: options.secret,
      onTimeout: 'throw',
      timeoutMilliseconds: HANDLE_TIMEOUT_MS,
    })
    app.post(options.path, {
      bodyLimit: MAX_BODY_BYTES,
      schema: { body: UPDATE_SCHEMA },
      onRequest: async (request, reply) => {
        if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], options.secret))
          return reply.code(401).send({ error: 401 })
        if (!options.ready()) return reply.code(503).header('retry-after', '10').send({ error: 503 })
      },
      handler: handle,
    })
    refuseOtherMethods(app, options.path, ['POST'])
  }
}
