import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { FAKE_BOT, startFakeTelegram } from '../../support/fake-telegram/server.js'
import { runEntry } from '../../support/run-process.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('npm run cli', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let env: Record<string, string>

  beforeAll(async () => {
    telegram = await startFakeTelegram()
    t = await createTestDatabase({ empty: true })
    env = { DATABASE_URL: t.url, BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot }
  })
  afterAll(async () => {
    await telegram.close()
    await t.drop()
  })

  it('when migrate and seed run twice on an empty database, then the second runs change nothing', async () => {
    expect((await runEntry('cli', ['migrate'], env)).stdout).toContain('migrations applied: 0001_region')
    expect((await runEntry('cli', ['migrate'], env)).stdout).toContain('nothing to apply')
    const first = await runEntry('cli', ['seed'], env)
    expect(first.stdout).toContain('seeded: 18 districts')
    const before = await t.db.selectFrom('routing_rules').selectAll().orderBy('id').execute()
    const second = await runEntry('cli', ['seed'], env)
    expect(second.code).toBe(0)
    expect(await t.db.selectFrom('routing_rules').selectAll().orderBy('id').execute()).toEqual(before)
  })

  it('when seed is given a broken file, then it lists the problems on stderr and exits 1', async () => {
    const result = await runEntry('cli', ['seed', '--file', '/nonexistent/region.json'], env)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('/nonexistent/region.json')
    expect(result.stdout).toBe('')
  })

  it('when an invite is made, then the link carries a one-time token whose hash alone is stored', async () => {
    const result = await runEntry('cli', ['invite', '--role', 'dispatcher', '--org', 'lida-housing'], env)
    expect(result.code).toBe(0)
    const token = new RegExp(`https://t\\.me/${FAKE_BOT.username}\\?start=inv_([A-Za-z0-9_-]+)`).exec(
      result.stdout,
    )?.[1]
    expect(token).toBeDefined()
    const invite = await t.db.selectFrom('staff_invites').selectAll().executeTakeFirstOrThrow()
    expect(invite.token_hash).toBe(
      createHash('sha256')
        .update(token ?? '')
        .digest('hex'),
    )
    expect(invite.role).toBe('dispatcher')
    expect(invite.expires_at.getTime()).toBeGreaterThan(Date.now())

    const wrong = await runEntry('cli', ['invite', '--role', 'dispatcher', '--org', 'no-such-org'], env)
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('no active organisation')
    const scope = await runEntry('cli', ['invite', '--role', 'district_admin', '--org', 'lida-housing'], env)
    expect(scope.code).toBe(2)
    expect(scope.stderr).toContain('district admins --district')
  })

  it('when an option has no value or a role is unknown, then one plain sentence goes to stderr and the exit code is 2', async () => {
    for (const args of [
      ['invite', '--role', 'dispatcher', '--org', 'lida-housing', '--bot-username'],
      ['invite', '--role', 'boss'],
      ['invite', '--role', 'dispatcher', '--colour', 'red'],
    ]) {
      const result = await runEntry('cli', args, env)
      expect({ args, code: result.code }).toEqual({ args, code: 2 })
      expect(result.stdout).toBe('')
      expect(result.stderr).not.toMatch(/^\s*at |"level"|\{/m)
      expect(result.stderr).toContain('npm run cli -- help')
    }
  })

  it('when Telegram cannot be reached for the username, then a plain sentence goes to stderr and the exit code is 1', async () => {
    const result = await runEntry('cli', ['invite', '--role', 'dispatcher', '--org', 'lida-housing'], {
      ...env,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain("Telegram did not tell the bot's username")
    expect(result.stderr).not.toMatch(/^\s*at |"level"/m)
  })

  it('when the database cannot be reached, then a plain sentence goes to stderr and the exit code is 1', async () => {
    const result = await runEntry('cli', ['migrate'], { ...env, DATABASE_URL: 'postgres://127.0.0.1:9/none' })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^migrate failed: .*ECONNREFUSED/)
    expect(result.stderr).not.toMatch(/^\s*at |"level"/m)
  })

  it('when viber:set-webhook lacks its configuration, then it says so on stderr and exits 2', async () => {
    const result = await runEntry('cli', ['viber:set-webhook'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('needs VIBER_AUTH_TOKEN')
  })

  it('when doctor runs with everything in place, then it says so; with a bad token it names the problem', async () => {
    const good = await runEntry('cli', ['doctor'], env)
    expect(good.stdout).toContain(`ok    Telegram token: @${FAKE_BOT.username}`)
    expect(good.stdout).toContain('everything looks right')
    expect(good.code).toBe(0)

    const bad = await runEntry('cli', ['doctor'], { ...env, BOT_TOKEN: '123456:AAThisTokenIsNotKnownToTelegram' })
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/FAIL {2}Telegram token: rejected or unreachable/)

    const hook = await runEntry('cli', ['doctor'], {
      ...env,
      WEBHOOK_URL: 'https://115.example.org',
      WEBHOOK_SECRET: 'a-long-enough-secret-value',
    })
    expect(hook.stdout).toContain(
      'FAIL  webhook: Telegram has "(none)", expected https://115.example.org/telegram/webhook',
    )
  })

  it('when the command is unknown or missing, then it shows the usage on stderr and exits 2; help goes to stdout', async () => {
    const result = await runEntry('cli', ['frobnicate'], env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Usage: npm run cli')
    expect((await runEntry('cli', [], env)).code).toBe(2)
    const help = await runEntry('cli', ['help'], env)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: npm run cli')
  })
})
