import rateLimit from '@fastify/rate-limit'
import { fastify } from 'fastify'
import type { FastifyError, FastifyInstance } from 'fastify'
import type { HttpSurface } from './surface.js'

export interface HttpServer {
  app: FastifyInstance
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  origin: string
  /** The port it listens on (the one the system chose, for port 0). */
  port: number
  close: () => Promise<void>
}

/** Anything larger is refused before a handler sees it; a surface may set its own per route. */
const BODY_LIMIT_BYTES = 1024 * 1024
/** A client must send its whole request within this (slow senders hold a socket each). */
const REQUEST_TIMEOUT_MS = 30_000
/** An idle socket is closed after this. */
const CONNECTION_TIMEOUT_MS = 60_000
const CLOSE_GRACE_MS = 10_000

/** `http://host:port`, with an IPv6 host in brackets. */
export const originOf = (host: string, port: number): string =>
  `http://${host.includes(':') ? `[${host}]` : host}:${port}`

/**
 * The one HTTP server of a process, on Fastify: each surface (health, webhooks, media, the
 * operators' page) is a plugin of its own, so its body parser, limits and hooks stay its own.
 */
export async function startHttpServer(options: {
  host: string
  port: number
  surfaces: HttpSurface[]
  onError: (error: unknown) => void
}): Promise<HttpServer> {
  const app = fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    // Inside the service nothing is proxied by default; with a proxy in front, all clients share its address.
    trustProxy: false,
  })
  // Public surfaces opt in with `app.rateLimit(…)`; webhooks come from a few of the messengers' addresses.
  await app.register(rateLimit, { global: false })

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) {
      options.onError(error)
      return reply.code(500).send({ error: 'internal error' })
    }
    // Oversized, malformed or invalid bodies: the code says which, the body says nothing more.
    return reply.code(status).send({ error: status })
  })
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }))

  for (const surface of options.surfaces)
    await app.register(async (plugin) => {
      await surface(plugin)
    })

  await app.listen({ host: options.host, port: options.port })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : options.port
  return {
    app,
    origin: originOf(options.host, port),
    port,
    // Stops taking requests, lets those in flight finish (a webhook update being handled), then
    // cuts whatever still hangs after the grace period.
    close: async () => {
      const force = setTimeout(() => {
        app.server.closeAllConnections()
      }, CLOSE_GRACE_MS)
      try {
        await app.close()
      } finally {
        clearTimeout(force)
      }
    },
  }
}
