import type { HttpSurface } from './surface.js'
import { perIpLimit } from './surface.js'

/** `connecting`: not reached yet, still trying; `failing`: it was tried and did not answer (still retrying). */
export type CheckState = 'ok' | 'connecting' | 'failing'

export interface Readiness {
  ok: boolean
  /** database, redis, and each channel switched on (telegram, viber). */
  checks: Record<string, CheckState>
}

// Generous for probes that poll every second; /ready asks the database and Redis each time.
const HEALTH_PER_IP_PER_MINUTE = 600
const READY_PER_IP_PER_MINUTE = 300

/**
 * GET /health: the process is up and serving (liveness; it asks nothing else, so a slow database
 * does not get the process restarted). GET /ready: whether it can do its work now, part by part;
 * 503 while any part is not `ok`.
 */
export function healthChecks(options: { readiness: () => Promise<Readiness> }): HttpSurface {
  return (app) => {
    app.get('/health', { onRequest: perIpLimit(app, 'health', HEALTH_PER_IP_PER_MINUTE) }, (_request, reply) =>
      reply.header('cache-control', 'no-store').send({ ok: true }),
    )
    app.get('/ready', { onRequest: perIpLimit(app, 'ready', READY_PER_IP_PER_MINUTE) }, async (_request, reply) => {
      const report = await options.readiness()
      return reply
        .code(report.ok ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(report)
    })
  }
}

/** The report of checks run side by side; `ok` only when every one is. */
export async function readinessOf(checks: Record<string, () => Promise<CheckState>>): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await check().catch(() => 'failing' as const)] as const),
  )
  return { ok: entries.every(([, state]) => state === 'ok'), checks: Object.fromEntries(entries) }
}
