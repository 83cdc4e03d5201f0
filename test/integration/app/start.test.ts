import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { Server, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startFakeTelegram } from '../../support/fake-telegram/server.js'
import { runEntry, startEntry, waitForLine } from '../../support/run-process.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'
import { prefixPool } from '../../support/redis-prefix.js'

const redisPrefixes = prefixPool()
afterAll(() => redisPrefixes.drop())

const tempDir = () => mkdtemp(path.join(tmpdir(), 's115-start-'))
const urlIn = (line: string) => /"url":"(http:\/\/[^"]+)"/.exec(line)?.[1]
const A_TOKEN = `123456:${'A'.repeat(35)}`
/** A first start migrates an empty database: on a machine shared with other test runs that takes a while. */
const STARTS_WITHIN_MS = 90_000

/** A "Bot API" that takes connections and never answers them. */
async function silentServer(): Promise<{ root: string; open: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('data', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    root: `http://127.0.0.1:${port}`,
    open: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A loopback port nobody listens on. */
/**
 * A port nobody listens on. Not one taken and closed again: under a full parallel run another
 * test's server may get that port back before the service dials it.
 */
const REFUSED_PORT = 1

describe('the service process', () => {
  it('when values are wrong, then each is named, no value is shown, and it exits 2', async () => {
    const secretLike = 'not-a-token-but-secret-looking'
    const result = await runEntry('main', [], {
      BOT_TOKEN: secretLike,
      HTTP_PORT: 'eighty',
      WEBHOOK_URL: 'https://example.org/hook',
      TIMEZONE: 'Mars/Olympus',
    })
    expect(result.code).toBe(2)
    for (const name of ['BOT_TOKEN', 'HTTP_PORT', 'WEBHOOK_SECRET', 'TIMEZONE']) expect(result.stderr).toContain(name)
    expect(result.stderr).not.toContain(secretLike)
  })

  describe('with a PostgreSQL server', { timeout: 150_000 }, () => {
    let telegram: FakeTelegram
    let database: TestDatabase

    beforeAll(async () => {
      telegram = await startFakeTelegram()
      database = await createTestDatabase({ empty: true })
    })
    afterAll(async () => {
      await telegram.close()
      await database.drop()
    })

    it('when started with a token, then it migrates, reaches Telegram, answers /health and /ready, and stops cleanly on SIGTERM', async () => {
      const service = startEntry('main', [], {
        BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DATABASE_URL: database.url,
        HTTP_PORT: '0',
        DATA_DIR: await tempDir(),
        REDIS_PREFIX: redisPrefixes.take('start'),
      })
      const url = await waitForLine(service, urlIn, STARTS_WITHIN_MS)
      await waitForLine(service, (line) => (line.includes('Telegram bot ready') ? true : undefined), STARTS_WITHIN_MS)
      expect(telegram.calls.map((c) => c.method)).toContain('getMe')
      const health = await fetch(`${url}health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ ok: true })
      const ready = await fetch(`${url}ready`)
      expect(ready.status).toBe(200)
      expect(await ready.json()).toEqual({ ok: true, checks: { database: 'ok', redis: 'ok', telegram: 'ok' } })
      expect((await fetch(`${url}nothing-here`)).status).toBe(404)

      service.child.kill('SIGTERM')
      const finished = await service.finished
      expect(finished.code).toBe(0)
      expect(finished.stdout).toContain('shutting down')
      const districts = await database.db.selectFrom('districts').select('id').execute()
      expect(districts).toHaveLength(18)
    })

    it('when the Bot API never answers, then /health answers while Telegram is still connecting, and SIGTERM still stops it', async () => {
      const silent = await silentServer()
      try {
        const service = startEntry('main', [], {
          BOT_TOKEN: A_TOKEN,
          TELEGRAM_API_ROOT: silent.root,
          DATABASE_URL: database.url,
          HTTP_PORT: '0',
          DATA_DIR: await tempDir(),
          REDIS_PREFIX: redisPrefixes.take('silent'),
        })
        const url = await waitForLine(service, urlIn, STARTS_WITHIN_MS)
        const health = await fetch(`${url}health`)
        expect(health.status).toBe(200)
        const ready = await fetch(`${url}ready`)
        expect(ready.status).toBe(503)
        expect(await ready.json()).toEqual({
          ok: false,
          checks: { database: 'ok', redis: 'ok', telegram: 'connecting' },
        })
        // The start-up call is still held by the silent server: Telegram has not answered.
        expect(silent.open()).toBeGreaterThan(0)

        service.child.kill('SIGTERM')
        const finished = await service.finished
        expect(finished.code).toBe(0)
        expect(finished.stdout).not.toContain('Telegram bot ready')
      } finally {
        await silent.close()
      }
    })

    it('when the Bot API refuses connections, then it says so once in plain words, /ready says failing, and /health still answers', async () => {
      const service = startEntry('main', [], {
        BOT_TOKEN: A_TOKEN,
        TELEGRAM_API_ROOT: `http://127.0.0.1:${REFUSED_PORT}`,
        DATABASE_URL: database.url,
        HTTP_PORT: '0',
        DATA_DIR: await tempDir(),
        REDIS_PREFIX: redisPrefixes.take('refused'),
      })
      const url = await waitForLine(service, urlIn, STARTS_WITHIN_MS)
      // The first try gives up after its calls' own timeout; on a loaded machine that may take a while.
      await waitForLine(service, (line) => (line.includes('does not answer') ? true : undefined), 90_000)
      expect((await fetch(`${url}health`)).status).toBe(200)
      const ready = (await (await fetch(`${url}ready`)).json()) as { checks: Record<string, string> }
      expect(ready.checks.telegram).toBe('failing')

      service.child.kill('SIGTERM')
      const finished = await service.finished
      expect(finished.code).toBe(0)
      const warnings = finished.stdout.split('\n').filter((line) => line.includes('does not answer'))
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain('the rest of the service runs')
    })
  })
})
