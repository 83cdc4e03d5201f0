import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Route } from './create-http-server.js'

const MAX_BODY_BYTES = 1024 * 1024

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

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

const status = (response: ServerResponse, code: number): void => {
  response.writeHead(code, { 'content-type': 'application/json' })
  response.end(code === 200 ? '{}' : JSON.stringify({ error: code }))
}

/**
 * POST <path>: Telegram's updates. The secret token is checked (in constant time) before the
 * body is even read; a wrong or missing one gets 401 and nothing is handled.
 */
export function telegramWebhookRoute(options: {
  path: string
  secret: string
  handleUpdate: (update: unknown) => Promise<void>
}): Route {
  return async (request, response) => {
    if (request.url !== options.path) return false
    if (request.method !== 'POST') {
      status(response, 405)
      return true
    }
    if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], options.secret)) {
      status(response, 401)
      return true
    }
    const body = await readBody(request)
    if (body === null) {
      status(response, 413)
      return true
    }
    let update: unknown
    try {
      update = JSON.parse(body.toString('utf8'))
    } catch {
      status(response, 400)
      return true
    }
    if (
      typeof update !== 'object' ||
      update === null ||
      typeof (update as { update_id?: unknown }).update_id !== 'number'
    ) {
      status(response, 400)
      return true
    }
    await options.handleUpdate(update)
    status(response, 200)
    return true
  }
}
