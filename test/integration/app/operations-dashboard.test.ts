import { randomBytes } from 'node:crypto'
import { Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOperationsDashboard } from '../../../src/app/operations.js'
import { queuePrefix } from '../../../src/app/worker-role.js'
import type { HttpServer } from '../../../src/http/create-http-server.js'
import { startHttpServer } from '../../../src/http/create-http-server.js'
import type { OperationsSnapshot } from '../../../src/http/operations-dashboard.js'
import { QUEUES } from '../../../src/workers/jobs.js'
import { createQueues } from '../../../src/workers/queues.js'
import type { Queues } from '../../../src/workers/queues.js'
import { aNotice, aResident } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'
import { eventually } from '../../support/workers.js'

const PASSWORD = 'correct horse battery staple'
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
const silent = { warn: () => undefined } as never

describe('the operators delivery page (real Redis and PostgreSQL)', () => {
  let t: TestDatabase
  let http: HttpServer
  let dashboard: ReturnType<typeof createOperationsDashboard>
  let connection: Redis
  let queues: Queues
  const redisPrefix = `ops${randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    t = await createTestDatabase()
    connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null })
    queues = createQueues(connection, queuePrefix(redisPrefix))
    dashboard = createOperationsDashboard({
      password: PASSWORD,
      db: t.db,
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix,
      logger: silent,
    })
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      surfaces: [dashboard.surface],
      onError: () => undefined,
    })
  })

  afterAll(async () => {
    await http.close()
    await dashboard.stop()
    await Promise.all(Object.values(queues).map((q) => q.close()))
    const keys = await connection.keys(`{${redisPrefix}}*`)
    if (keys.length > 0) await connection.del(...keys)
    connection.disconnect()
    await t.drop()
  })

  const get = (path: string, authorization?: string) =>
    fetch(`${http.origin}${path}`, { headers: authorization === undefined ? {} : { authorization } })

  it('when no or wrong credentials are sent, then it answers 401 with a Basic challenge and shows nothing', async () => {
    for (const authorization of [
      undefined,
      basic('admin', 'wrong password here'),
      basic('root', PASSWORD),
      'Bearer x',
    ]) {
      const response = await get('/admin/delivery', authorization)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/)
      expect(await response.text()).not.toContain('queue')
    }
    expect((await get('/admin/delivery.json')).status).toBe(401)
    for (const path of ['/admin/queues', '/admin/queues/api/queues'])
      expect((await get(path, basic('admin', 'wrong password here'))).status).toBe(401)
  })

  it('when something failed, then the page shows queue depths, the failure, dead letters, outbox backlog and notice progress', async () => {
    const queue = queues[QUEUES.notifications]
    await queue.add('status-changed', { requestId: 1 }, { jobId: 'broken-1', attempts: 1 })
    await queue.add('status-changed', { requestId: 2 }, { jobId: 'waiting-1', delay: 60_000 })
    const worker = new Worker(
      queue.name,
      (job) => {
        if (job.id === 'broken-1') throw new Error('<script>alert(1)</script> went wrong')
        return Promise.resolve()
      },
      { connection, prefix: queuePrefix(redisPrefix) },
    )
    await eventually(async () => (await queue.getFailedCount()) === 1)
    await worker.close()

    const resident = await aResident(t.db)
    await t.db
      .insertInto('dead_letters')
      .values({
        queue: 'telegram-send',
        job_name: 'status-update',
        job_id: 'st-9-9',
        payload: JSON.stringify({ userId: resident }),
        reason: 'Forbidden: bot was blocked by the user',
        attempts: 8,
        recipient_user_id: resident,
      })
      .execute()
    await t.db
      .insertInto('outbox')
      .values({ queue: 'notifications', job_name: 'status-changed', payload: JSON.stringify({ requestId: 3 }) })
      .execute()
    const noticeId = await aNotice(t.db, { scope: 'region' }, { state: 'sending' })
    await t.db
      .insertInto('notice_deliveries')
      .values([{ notice_id: noticeId, user_id: resident, channel: 'telegram', state: 'sent' }])
      .execute()

    const json = await get('/admin/delivery.json', basic('admin', PASSWORD))
    expect(json.status).toBe(200)
    expect(json.headers.get('cache-control')).toBe('no-store')
    const snapshot = (await json.json()) as OperationsSnapshot
    const notifications = snapshot.queues.find((q) => q.name === QUEUES.notifications)
    expect(notifications).toMatchObject({ failed: 1, delayed: 1, paused: false })
    expect(snapshot.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort())
    expect(snapshot.failedJobs).toEqual([
      expect.objectContaining({ queue: QUEUES.notifications, id: 'broken-1', attempts: 1 }),
    ])
    expect(snapshot.delivery.deadLetters.open).toBe(1)
    expect(snapshot.delivery.deadLetters.recent[0]?.reason).toBe('Forbidden: bot was blocked by the user')
    expect(snapshot.delivery.outbox.unpublished).toBeGreaterThanOrEqual(1)
    expect(snapshot.delivery.notices).toContainEqual(
      expect.objectContaining({ id: noticeId, state: 'sending', total: 1, sent: 1, pending: 0 }),
    )

    const page = await get('/admin/delivery', basic('admin', PASSWORD))
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    const html = await page.text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; went wrong')
    expect(html).not.toContain('<script>')
    expect(html).toContain('Forbidden: bot was blocked by the user')
  })

  it('when anything but GET is sent, then it is refused; other paths are left to other routes', async () => {
    const post = await fetch(`${http.origin}/admin/delivery`, {
      method: 'POST',
      headers: { authorization: basic('admin', PASSWORD) },
    })
    expect(post.status).toBe(405)
    expect((await get('/admin/other', basic('admin', PASSWORD))).status).toBe(404)
  })

  it('when an operator opens Bull Board with the password, then its page and its API answer and list the project queues', async () => {
    const page = await get('/admin/queues', basic('admin', PASSWORD))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const html = await page.text()
    expect(html).toContain('<base href="/admin/queues/"')
    expect(html).toContain('"boardTitle":"Service 115"')
    expect((await get('/admin/queues/static/favicon-32x32.png', basic('admin', PASSWORD))).status).toBe(200)
    expect((await get('/admin/queues/static/favicon-32x32.png')).status).toBe(401)
    // The header links to the domain's own page.
    expect(html).toContain('/admin/delivery')

    const api = await get('/admin/queues/api/queues', basic('admin', PASSWORD))
    expect(api.status).toBe(200)
    const body = (await api.json()) as { queues: { name: string }[] }
    expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort())
  })

  it('when a write to Bull Board comes from another site, then it is refused before the board sees it', async () => {
    const retry = (headers: Record<string, string>) =>
      fetch(`${http.origin}/admin/queues/api/queues/${QUEUES.notifications}/retry/failed`, {
        method: 'PUT',
        headers: { authorization: basic('admin', PASSWORD), ...headers },
      })
    expect((await retry({ 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await retry({ origin: 'https://evil.example' })).status).toBe(403)
    expect((await retry({ 'sec-fetch-site': 'same-origin', origin: http.origin })).status).not.toBe(403)
  })
})
