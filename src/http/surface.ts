import type { FastifyInstance, HTTPMethods } from 'fastify'

/**
 * One surface of the HTTP server (a webhook, media, a page): it adds its routes and hooks to the
 * Fastify plugin it is given, so its parsers, limits and hooks apply to its own routes only.
 */
export type HttpSurface = (app: FastifyInstance) => void | Promise<void>

/** A per-IP limit for a public surface. Each surface counts apart, so a busy page does not lock out another. */
export const perIpLimit = (app: FastifyInstance, surface: string, max: number) =>
  app.rateLimit({ max, timeWindow: 60_000, keyGenerator: (request) => `${surface}:${request.ip}` })

const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']

/** 405 with `allow` for the other methods on a path, rather than a 404 that hides that the path exists. */
export function refuseOtherMethods(app: FastifyInstance, url: string, allowed: HTTPMethods[]): void {
  // A GET route answers HEAD by itself.
  const taken = allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed
  app.route({
    method: METHODS.filter((method) => !taken.includes(method)),
    url,
    handler: (_request, reply) => reply.code(405).header('allow', allowed.join(', ')).send({ error: 405 }),
  })
}
