import { createServer } from 'node:http'
import type { IncomingMessage, Server } from 'node:http'

/**
 * A fake Telegram Bot API on loopback that speaks real HTTP, for tests that run the
 * service against it through TELEGRAM_API_ROOT. It records every call.
 */
export interface FakeTelegram {
  apiRoot: string
  token: string
  calls: { method: string; params: Record<string, unknown> }[]
  webhook: { url: string; secretToken: string | undefined }
  close: () => Promise<void>
}

export const FAKE_BOT = { id: 7000001, is_bot: true, first_name: 'Служба 115', username: 'grodno115_test_bot' } as const

async function readParams(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks).toString('utf8')
  if (body === '') return {}
  const type = request.headers['content-type'] ?? ''
  if (type.includes('application/json')) return JSON.parse(body) as Record<string, unknown>
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body))
  return {}
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

export async function startFakeTelegram(options: { token?: string } = {}): Promise<FakeTelegram> {
  const token = options.token ?? '7000001:AAFakeTokenForTestsOnly_abcdefghijk'
  const state: Omit<FakeTelegram, 'apiRoot' | 'close'> = {
    token,
    calls: [],
    webhook: { url: '', secretToken: undefined },
  }
  const server: Server = createServer((request, response) => {
    void (async () => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '')
      const reply = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(body))
      }
      if (!match) {
        reply(404, { ok: false, error_code: 404, description: 'Not Found' })
        return
      }
      const [, requestToken, method = ''] = match
      if (requestToken !== token) {
        reply(401, { ok: false, error_code: 401, description: 'Unauthorized' })
        return
      }
      const params = await readParams(request)
      state.calls.push({ method, params })
      reply(...answer(method, params))
    })()
  })
  const answer = (method: string, params: Record<string, unknown>): [number, unknown] => {
    switch (method) {
      case 'getMe':
        return [
          200,
          {
            ok: true,
            result: {
              ...FAKE_BOT,
              can_join_groups: true,
              can_read_all_group_messages: false,
              supports_inline_queries: false,
            },
          },
        ]
      case 'getWebhookInfo':
        return [
          200,
          { ok: true, result: { url: state.webhook.url, has_custom_certificate: false, pending_update_count: 0 } },
        ]
      case 'setWebhook':
        state.webhook = { url: text(params.url) ?? '', secretToken: text(params.secret_token) }
        return [200, { ok: true, result: true }]
      case 'deleteWebhook':
        state.webhook = { url: '', secretToken: undefined }
        return [200, { ok: true, result: true }]
      default:
        return [404, { ok: false, error_code: 404, description: `Not Found: method ${method} is not faked` }]
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return Object.assign(state, {
    apiRoot: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
        server.closeAllConnections()
      }),
  })
}
