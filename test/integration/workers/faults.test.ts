import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeChangeRequestStatus } from '../../../src/core/requests/change-status.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { createTransact } from '../../../src/db/transact.js'
import { freePort } from '../../e2e/support/service.js'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startFakeTelegram } from '../../support/fake-telegram/server.js'
import { aDraft, aNotice, aResident, aStaffMember, idOf, residentsLivingIn } from '../../support/fixtures.js'
import { databaseUrl } from '../../support/postgres.js'
import { startEntry, waitForLine } from '../../support/run-process.js'
import { startTcpProxy } from '../../support/tcp-proxy.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'
import { eventually } from '../../support/workers.js'
import { prefixPool } from '../../support/redis-prefix.js'

const redisPrefixes = prefixPool()
afterAll(() => redisPrefixes.drop())

/** A worker process (`npm run start:worker`), as production runs it. */
async function startWorkerProcess(env: {
  databaseUrl: string
  redisUrl: string
  telegram: FakeTelegram
  prefix: string
}) {
  const worker = startEntry('main', ['--role', 'worker'], {
    BOT_TOKEN: env.telegram.token,
    TELEGRAM_API_ROOT: env.telegram.apiRoot,
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.prefix,
    HTTP_PORT: '0',
    DATA_DIR: await mkdtemp(path.join(tmpdir(), 's115-worker-')),
    SEND_RATE_PER_SECOND: '60',
    SWEEP_EVERY_SECONDS: '1',
  })
  await waitForLine(worker, (line) => (line.includes('delivery workers running') ? true : undefined), 60_000)
  return worker
}

async function startRedis(port: number): Promise<ChildProcess> {
  // No persistence: a restart loses every queue, the worst case the sweep must repair.
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  await eventually(async () => {
    const { Redis } = await import('ioredis')
    const client = new Redis(port, '127.0.0.1', {
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    })
    client.on('error', () => undefined)
    try {
      await client.connect()
      await client.ping()
      return true
    } catch {
      return false
    } finally {
      client.disconnect()
    }
  })
  return redis
}

const stop = async (child: ChildProcess, signal: NodeJS.Signals) => {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill(signal)
  await exited
}

describe('faults: deliveries survive crashes and outages', () => {
  let t: TestDatabase
  let telegram: FakeTelegram

  const copies = async (userIds: number[], body: string): Promise<number[]> => {
    const rows = await t.db
      .selectFrom('channel_identities')
      .select('external_id')
      .where('user_id', 'in', userIds)
      .orderBy('user_id')
      .execute()
    return rows.map(
      (r) =>
        telegram
          .chat(Number(r.external_id))
          .messages()
          .filter((m) => (m.text ?? '').includes(body)).length,
    )
  }

  beforeAll(async () => {
    t = await createTestDatabase()
    telegram = await startFakeTelegram()
  })
  afterAll(async () => {
    await telegram.close()
    await t.drop()
  })

  it(
    'when the worker is killed (SIGKILL) in the middle of a broadcast and started again, then everyone has exactly one copy',
    { timeout: 150_000 },
    async () => {
      const people = await residentsLivingIn(t.db, 'volkovysk.volkovysk', 300)
      const body = 'Авария на водоводе: проверка после сбоя'
      await aNotice(t.db, { scope: 'districts', districtIds: [await idOf(t.db, 'districts', 'volkovysk')] }, { body })
      const prefix = redisPrefixes.take('kill')
      const first = await startWorkerProcess({
        databaseUrl: t.url,
        redisUrl: 'redis://127.0.0.1:6379',
        telegram,
        prefix,
      })
      await eventually(async () => (await copies(people, body)).filter((n) => n > 0).length >= 60, 30_000)
      await stop(first.child, 'SIGKILL')
      const second = await startWorkerProcess({
        databaseUrl: t.url,
        redisUrl: 'redis://127.0.0.1:6379',
        telegram,
        prefix,
      })
      // A send cut off between its claim and its HTTP call cannot be told from one cut off just
      // after: such a delivery stays "sending" (never sent twice) and the sweep later settles it.
      // Everyone else must have exactly one copy.
      const interrupted = async () =>
        (
          await t.db
            .selectFrom('notice_deliveries as d')
            .innerJoin('channel_identities as ci', 'ci.user_id', 'd.user_id')
            .select('ci.external_id')
            .where('d.user_id', 'in', people)
            .where('d.state', '=', 'sending')
            .execute()
        ).map((r) => Number(r.external_id))
      try {
        await eventually(async () => {
          const counts = await copies(people, body)
          const pending = await t.db
            .selectFrom('notice_deliveries')
            .select('user_id')
            .where('user_id', 'in', people)
            .where('state', '=', 'pending')
            .execute()
          return pending.length === 0 && counts.filter((n) => n === 0).length <= (await interrupted()).length
        }, 90_000)
        await new Promise((resolve) => setTimeout(resolve, 1500))
        const counts = await copies(people, body)
        expect(Math.max(...counts)).toBe(1)
        const missing = counts.filter((n) => n === 0).length
        const cut = await interrupted()
        expect(missing).toBeLessThanOrEqual(cut.length)
        // At most the sends that were in flight at the moment of the kill.
        expect(cut.length).toBeLessThanOrEqual(50)
      } finally {
        await stop(second.child, 'SIGTERM')
      }
    },
  )

  it(
    'when Redis restarts empty in the middle of a broadcast, then the sweep re-derives what was lost and nobody gets two',
    { timeout: 150_000 },
    async () => {
      const port = await freePort()
      let redis = await startRedis(port)
      const people = await residentsLivingIn(t.db, 'zelva.zelva', 300)
      const body = 'Отключение электроэнергии: проверка после перезапуска Redis'
      await aNotice(t.db, { scope: 'districts', districtIds: [await idOf(t.db, 'districts', 'zelva')] }, { body })
      const worker = await startWorkerProcess({
        databaseUrl: t.url,
        redisUrl: `redis://127.0.0.1:${port}`,
        telegram,
        prefix: redisPrefixes.take('redis'),
      })
      try {
        await eventually(async () => (await copies(people, body)).filter((n) => n > 0).length >= 60, 30_000)
        await stop(redis, 'SIGKILL')
        await new Promise((resolve) => setTimeout(resolve, 1000))
        redis = await startRedis(port)
        try {
          await eventually(async () => (await copies(people, body)).every((n) => n >= 1), 90_000)
        } catch (error) {
          // What the worker said and what Redis holds, to see why the repair did not happen.
          const states = await t.db
            .selectFrom('notice_deliveries')
            .select(['state', (eb) => eb.fn.countAll().as('n')])
            .groupBy('state')
            .execute()
          console.log('deliveries', JSON.stringify(states), worker.output().stdout.slice(-3000))
          throw error
        }
        await new Promise((resolve) => setTimeout(resolve, 1500))
        expect(await copies(people, body)).toEqual(people.map(() => 1))
      } finally {
        await stop(worker.child, 'SIGTERM')
        await stop(redis, 'SIGTERM')
      }
    },
  )

  it(
    'when PostgreSQL is out of reach for a few seconds while requests change, then no status update is missing or doubled',
    { timeout: 150_000 },
    async () => {
      const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 })
      const viaProxy = new URL(databaseUrl(t.name))
      viaProxy.port = String(proxy.port)
      const transact = createTransact(t.db, createRequestStore)
      const submit = makeSubmitRequest({ transact, now: () => new Date() })
      const change = makeChangeRequestStatus({ transact, now: () => new Date() })
      const dispatcher = await loadActor(
        t.db,
        await aStaffMember(t.db, 'dispatcher', { organisation: 'zelva-housing' }),
      )
      const residents = await Promise.all(Array.from({ length: 10 }, () => aResident(t.db)))
      const requests = []
      for (const [i, resident] of residents.entries()) {
        const result = await submit(
          await aDraft(t.db, resident, {
            districtId: await idOf(t.db, 'districts', 'zelva'),
            idempotencyKey: `pg-outage-${i}`,
          }),
        )
        if (!result.ok) throw new Error(result.error)
        requests.push(result.request)
      }
      const worker = await startWorkerProcess({
        databaseUrl: viaProxy.toString(),
        redisUrl: 'redis://127.0.0.1:6379',
        telegram,
        prefix: redisPrefixes.take('pg'),
      })
      try {
        proxy.cut()
        // The bot side keeps working on PostgreSQL directly; only the worker is cut off.
        for (const request of requests)
          expect(await change({ actor: dispatcher, requestId: request.id, action: 'accept' })).toMatchObject({
            ok: true,
          })
        await new Promise((resolve) => setTimeout(resolve, 4000))
        proxy.restore()
        const chats = await t.db
          .selectFrom('channel_identities')
          .select('external_id')
          .where('user_id', 'in', residents)
          .execute()
        const accepted = (chat: string) =>
          telegram
            .chat(Number(chat))
            .messages()
            .filter((m) => (m.text ?? '').includes('Принята в работу')).length
        try {
          await eventually(() => chats.every((c) => accepted(c.external_id) >= 1), 60_000)
        } catch (error) {
          const outbox = await t.db
            .selectFrom('outbox')
            .select(['job_name', 'published_at', 'attempts', 'last_error'])
            .orderBy('id')
            .execute()
          console.log(
            'outbox',
            JSON.stringify(outbox.map((o) => `${o.job_name}:${o.attempts}:${o.published_at ? 'P' : '-'}`)),
            chats.map((c) => accepted(c.external_id)).join(','),
            worker
              .output()
              .stdout.split('\n')
              .map((l) => /"msg":"([^"]*)"/.exec(l)?.[1] ?? '')
              .join('|'),
          )
          throw error
        }
        await new Promise((resolve) => setTimeout(resolve, 1500))
        expect(chats.map((c) => accepted(c.external_id))).toEqual(chats.map(() => 1))
      } finally {
        await stop(worker.child, 'SIGTERM')
        await proxy.close()
      }
    },
  )
})
