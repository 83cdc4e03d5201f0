import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startFakeTelegram } from '../../support/fake-telegram/server.js'
import { runEntry, startEntry, waitForLine } from '../../support/run-process.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

const tempDir = () => mkdtemp(path.join(tmpdir(), 's115-start-'))

describe('npm start', () => {
  it('when nothing is configured, then it starts on the embedded PostgreSQL, loads the region, and says what Telegram needs', async () => {
    const dataDir = await tempDir()
    const result = await runEntry('main', [], { DATA_DIR: dataDir })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('using the embedded PostgreSQL')
    expect(result.stdout).toMatch(/"districts":18/)
    expect(result.stderr).toContain('BOT_TOKEN is not set')
    expect(result.stderr).toContain('@BotFather')

    // The second start finds the database as the first left it: no migrations, no seed.
    const again = await runEntry('main', [], { DATA_DIR: dataDir })
    expect(again.code).toBe(1)
    expect(again.stdout).not.toContain('migrations applied')
    expect(again.stdout).not.toContain('reference data loaded')
  })

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

  describe('with a token and a PostgreSQL server', () => {
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

    it('when started, then it migrates, checks the token, answers /health, and stops cleanly on SIGTERM', async () => {
      const service = startEntry('main', [], {
        BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        DATABASE_URL: database.url,
        HTTP_PORT: '0',
        DATA_DIR: await tempDir(),
        REDIS_PREFIX: `start${process.pid}`,
      })
      const origin = await waitForLine(service, (line) => /"origin":"(http:\/\/[^"]+)"/.exec(line)?.[1])
      expect(telegram.calls.map((c) => c.method)).toContain('getMe')
      const health = await fetch(`${origin}/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ ok: true, checks: { database: 'ok', redis: 'ok' } })
      expect((await fetch(`${origin}/nothing-here`)).status).toBe(404)

      service.child.kill('SIGTERM')
      const finished = await service.finished
      expect(finished.code).toBe(0)
      expect(finished.stdout).toContain('shutting down')
      const districts = await database.db.selectFrom('districts').select('id').execute()
      expect(districts).toHaveLength(18)
    })
  })
})
