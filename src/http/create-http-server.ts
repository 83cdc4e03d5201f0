import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'

/** A route handler; returns false when the path is not its own. */
export type Route = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>

export interface HealthReport {
  ok: boolean
  checks: Record<string, 'ok' | 'failing'>
}

export interface HttpServer {
  server: Server
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  origin: string
  close: () => Promise<void>
}

const CLOSE_GRACE_MS = 10_000

const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify(body))
}

/** The one HTTP server of a process: health, and whatever routes the composition root adds. */
export async function startHttpServer(options: {
  host: string
  port: number
  health: () => Promise<HealthReport>
  routes?: Route[]
  onError: (error: unknown) => void
}): Promise<HttpServer> {
  const routes = options.routes ?? []
  const server = createServer((request, response) => {
    void (async () => {
      try {
        if (request.method === 'GET' && request.url === '/health') {
          const report = await options.health()
          json(response, report.ok ? 200 : 503, report)
          return
        }
        for (const route of routes) if (await route(request, response)) return
        json(response, 404, { error: 'not found' })
      } catch (error) {
        options.onError(error)
        if (!response.headersSent) json(response, 500, { error: 'internal error' })
        else response.end()
      }
    })()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : options.port
  return {
    server,
    origin: `http://${options.host}:${port}`,
    // Stops taking requests, lets those in flight finish (a webhook update being handled), then
    // cuts whatever still hangs after the grace period.
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.closeAllConnections()
        }, CLOSE_GRACE_MS)
        server.close(() => {
          clearTimeout(force)
          resolve()
        })
        server.closeIdleConnections()
      }),
  }
}
