import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { FastifyAdapter } from '@bull-board/fastify'
import type { Queue } from 'bullmq'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { DASHBOARD_PATH, operatorsOnly, QUEUE_BOARD_PATH } from './operations-dashboard.js'
import type { HttpSurface } from './surface.js'

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter']

const READS = new Set(['GET', 'HEAD'])

/**
 * The board can retry, promote and remove jobs, and a browser sends Basic credentials with any
 * request to this host, a forged one from another site too. Writes are taken only from the
 * board's own page: Fetch Metadata says so where the browser sends it, and a foreign Origin never.
 */
async function refuseCrossSiteWrites(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (READS.has(request.method)) return
  const site = request.headers['sec-fetch-site']
  const origin = request.headers.origin
  const sameSite = site === undefined || site === 'same-origin'
  const sameOrigin = origin === undefined || new URL(origin).host === request.headers.host
  if (sameSite && sameOrigin) return
  await reply.code(403).send({ error: 403 })
}

/**
 * Bull Board at /admin/queues: BullMQ's own view of the project's queues and their jobs, behind
 * the same Basic auth as the delivery page, which its header links to.
 */
export function queueBoard(options: { password: string; queues: readonly Queue[] }): HttpSurface {
  return async (app) => {
    operatorsOnly(app, options.password, 'queue-board')
    app.addHook('onRequest', refuseCrossSiteWrites)
    const serverAdapter = new FastifyAdapter()
    serverAdapter.setBasePath(QUEUE_BOARD_PATH)
    createBullBoard({
      queues: options.queues.map((queue) => new BullMQAdapter(queue)),
      // @bull-board/fastify 9.10.1 brings its own copy of @bull-board/api beside our 9.10.2; the
      // two declare the same adapter interface but TypeScript cannot see that through private fields.
      serverAdapter: serverAdapter as unknown as BoardServerAdapter,
      options: {
        uiConfig: {
          boardTitle: 'Service 115',
          miscLinks: [{ text: 'Delivery: outbox, notices, dead letters', url: DASHBOARD_PATH }],
        },
      },
    })
    await app.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH })
  }
}
