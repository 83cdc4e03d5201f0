import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { escapeHtml } from './html.js'
import type { HttpSurface } from './surface.js'
import { perIpLimit, refuseOtherMethods } from './surface.js'

export interface QueueFigures {
  name: string
  paused: boolean
  waiting: number
  prioritized: number
  active: number
  delayed: number
  failed: number
  completed: number
}

export interface FailedJob {
  queue: string
  id: string
  name: string
  reason: string
  attempts: number
  at: string | null
}

export interface DeliveryFigures {
  outbox: { unpublished: number; oldestUnpublishedAt: string | null; retrying: number }
  deadLetters: {
    open: number
    recent: { id: number; queue: string; jobName: string; reason: string; failedAt: string }[]
  }
  notices: {
    id: number
    state: string
    total: number
    sent: number
    failed: number
    unreachable: number
    pending: number
  }[]
}

/** What the operators' page shows: job ids, counts and reasons only (job data holds ids, never texts). */
export interface OperationsSnapshot {
  at: string
  queues: QueueFigures[]
  failedJobs: FailedJob[]
  delivery: DeliveryFigures
}

/** The domain's figures; BullMQ's own board is at QUEUE_BOARD_PATH beside it. */
export const DASHBOARD_PATH = '/admin/delivery'
export const QUEUE_BOARD_PATH = '/admin/queues'
export const DASHBOARD_USER = 'admin'

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()

/** Basic credentials compared as digests, so the comparison takes the same time whatever was sent. */
function authorised(header: string | undefined, password: string): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '')
  if (!match?.[1]) return false
  const given = Buffer.from(match[1], 'base64').toString('utf8')
  return timingSafeEqual(digest(given), digest(`${DASHBOARD_USER}:${password}`))
}

const cell = (value: string | number | boolean | null): string =>
  `<td>${escapeHtml(value === null ? '—' : String(value))}</td>`
const table = (head: string[], rows: (string | number | boolean | null)[][]): string =>
  `<table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>${rows
    .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
    .join('')}</table>`

export function renderDashboard(s: OperationsSnapshot): string {
  const queues = table(
    ['queue', 'paused', 'waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'],
    s.queues.map((q) => [q.name, q.paused, q.waiting, q.prioritized, q.active, q.delayed, q.failed, q.completed]),
  )
  const outbox = table(
    ['unpublished', 'oldest unpublished', 'retrying'],
    [[s.delivery.outbox.unpublished, s.delivery.outbox.oldestUnpublishedAt, s.delivery.outbox.retrying]],
  )
  const notices = table(
    ['notice', 'state', 'recipients', 'sent', 'failed', 'unreachable', 'pending'],
    s.delivery.notices.map((n) => [n.id, n.state, n.total, n.sent, n.failed, n.unreachable, n.pending]),
  )
  const dead = table(
    ['id', 'queue', 'job', 'reason', 'failed at'],
    s.delivery.deadLetters.recent.map((d) => [d.id, d.queue, d.jobName, d.reason, d.failedAt]),
  )
  const failed = table(
    ['queue', 'job id', 'name', 'reason', 'attempts', 'at'],
    s.failedJobs.map((f) => [f.queue, f.id, f.name, f.reason, f.attempts, f.at]),
  )
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
<title>Service 115 — delivery</title><style>body{font:14px system-ui,sans-serif;margin:24px}
table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}
th{background:#f3f3f3}</style></head><body><h1>Service 115 — delivery</h1><p>As of ${escapeHtml(s.at)}; refreshes every 10 s.
JSON: <a href="${DASHBOARD_PATH}.json">${DASHBOARD_PATH}.json</a>. Jobs one by one: <a href="${QUEUE_BOARD_PATH}">Bull Board</a>.</p>
<h2>Queues</h2>${queues}<h2>Outbox</h2>${outbox}<h2>Notices being delivered</h2>${notices}
<h2>Dead letters (open: ${String(s.delivery.deadLetters.open)})</h2>${dead}<h2>Recently failed jobs</h2>${failed}</body></html>`
}

/** Counted before the password is checked, so guessing it is slow too. */
const DASHBOARD_PER_IP_PER_MINUTE = 60

const send = (reply: FastifyReply, status: number, type: string, body: string) =>
  reply
    .code(status)
    .headers({
      'content-type': type,
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
    .send(body)

/**
 * Every route of the plugin behind HTTP Basic (user `admin`), counted per IP before the password
 * is checked. Shared by the operators' surfaces, so one password opens both.
 */
export function operatorsOnly(app: FastifyInstance, password: string, surface: string): void {
  app.addHook('onRequest', perIpLimit(app, surface, DASHBOARD_PER_IP_PER_MINUTE))
  app.addHook('onRequest', async (request, reply) => {
    if (authorised(request.headers.authorization, password)) return
    reply.header('www-authenticate', 'Basic realm="Service 115 operations", charset="UTF-8"')
    return send(reply, 401, 'text/plain; charset=utf-8', 'authentication required')
  })
}

/**
 * GET /admin/delivery (HTML) and /admin/delivery.json: queue depths, failures, dead letters and
 * notice progress for operators, behind HTTP Basic authentication. Read-only, so a forged
 * cross-site request can change nothing.
 */
export function operationsDashboard(options: {
  password: string
  snapshot: () => Promise<OperationsSnapshot>
}): HttpSurface {
  return (app) => {
    operatorsOnly(app, options.password, 'operations')
    app.get(DASHBOARD_PATH, async (_request, reply) =>
      send(reply, 200, 'text/html; charset=utf-8', renderDashboard(await options.snapshot())),
    )
    app.get(`${DASHBOARD_PATH}.json`, async (_request, reply) =>
      send(reply, 200, 'application/json; charset=utf-8', JSON.stringify(await options.snapshot())),
    )
    refuseOtherMethods(app, DASHBOARD_PATH, ['GET'])
    refuseOtherMethods(app, `${DASHBOARD_PATH}.json`, ['GET'])
  }
}
