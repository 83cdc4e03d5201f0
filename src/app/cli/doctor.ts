import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { Api } from 'grammy'
import { Redis } from 'ioredis'
import { telegramWebhookUrl } from '../../bot/telegram/webhook.js'
import { EmbeddedDatabaseBusyError } from '../../db/embedded-postgres.js'
import { pendingMigrations } from '../../db/migrate.js'
import type { Config } from '../config.js'
import { LOCAL_REDIS_URL } from '../redis.js'
import type { CommandOutput } from './output.js'
import { withDatabase } from './with-database.js'

interface Finding {
  ok: boolean
  what: string
  detail: string
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Checks everything the service needs and says, for each, what is wrong and what to do. */
export async function runDoctor(config: Config, _args: string[], out: CommandOutput): Promise<number> {
  const findings = [...(await checkDatabase(config)), await checkRedis(config), ...(await checkTelegram(config))]
  for (const f of findings) out(`${f.ok ? 'ok  ' : 'FAIL'}  ${f.what}: ${f.detail}`)
  const failed = findings.filter((f) => !f.ok).length
  out(failed === 0 ? 'everything looks right' : `${failed} problem(s) found`)
  return failed === 0 ? 0 : 1
}

async function checkDatabase(config: Config): Promise<Finding[]> {
  const what = config.databaseUrl === undefined ? 'database (embedded, DATA_DIR)' : 'database (DATABASE_URL)'
  try {
    return await withDatabase(config, async (db) => {
      const { rows } = await sql<{ version: string }>`select version() as version`.execute(db)
      const pending = await pendingMigrations(db as unknown as Kysely<unknown>)
      const findings: Finding[] = [{ ok: true, what, detail: rows[0]?.version.split(' on ')[0] ?? 'connected' }]
      findings.push(
        pending.length === 0
          ? { ok: true, what: 'migrations', detail: 'all applied' }
          : {
              ok: false,
              what: 'migrations',
              detail: `${pending.length} pending (${pending.join(', ')}): run \`npm run cli -- migrate\``,
            },
      )
      if (pending.length === 0) {
        const districts = await db
          .selectFrom('districts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('active', '=', true)
          .executeTakeFirstOrThrow()
        findings.push(
          districts.n > 0
            ? { ok: true, what: 'reference data', detail: `${districts.n} districts` }
            : { ok: false, what: 'reference data', detail: 'no districts: run `npm run cli -- seed`' },
        )
      }
      return findings
    })
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError)
      return [{ ok: true, what, detail: `in use by the running service (process ${error.pid}); not checked further` }]
    return [{ ok: false, what, detail: `cannot connect: ${describe(error)}` }]
  }
}

async function checkRedis(config: Config): Promise<Finding> {
  const url = config.redisUrl ?? LOCAL_REDIS_URL
  const what = config.redisUrl === undefined ? 'Redis (127.0.0.1:6379)' : 'Redis (REDIS_URL)'
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  client.on('error', () => undefined)
  try {
    await client.connect()
    const info = await client.info('server')
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '0'
    const [major = 0, minor = 0] = version.split('.').map(Number)
    if (major < 6 || (major === 6 && minor < 2))
      return { ok: false, what, detail: `version ${version}; BullMQ needs 6.2 or newer` }
    const policy = await client.config('GET', 'maxmemory-policy').then(
      (r) => String(r[1]),
      () => 'unknown',
    )
    if (policy !== 'noeviction' && policy !== 'unknown')
      return {
        ok: false,
        what,
        detail: `maxmemory-policy is ${policy}; set it to noeviction or queued jobs can vanish`,
      }
    return { ok: true, what, detail: `version ${version}, maxmemory-policy ${policy}` }
  } catch (error) {
    const hint =
      config.redisUrl === undefined ? ' (npm start would start a private redis-server if one is on PATH)' : ''
    return { ok: false, what, detail: `not reachable: ${describe(error)}${hint}` }
  } finally {
    client.disconnect()
  }
}

async function checkTelegram(config: Config): Promise<Finding[]> {
  if (config.botToken === undefined)
    return [{ ok: false, what: 'Telegram token', detail: 'BOT_TOKEN is not set: get one from @BotFather (/newbot)' }]
  const api = new Api(config.botToken, { apiRoot: config.telegramApiRoot })
  let username: string
  try {
    username = (await api.getMe()).username
  } catch (error) {
    return [{ ok: false, what: 'Telegram token', detail: `rejected or unreachable: ${describe(error)}` }]
  }
  const findings: Finding[] = [{ ok: true, what: 'Telegram token', detail: `@${username}` }]
  try {
    const info = await api.getWebhookInfo()
    if (config.webhook === undefined) {
      findings.push(
        info.url === ''
          ? { ok: true, what: 'webhook', detail: 'none set; the bot uses long polling' }
          : { ok: true, what: 'webhook', detail: `Telegram has ${info.url}; long polling will remove it at start` },
      )
    } else {
      const expected = telegramWebhookUrl(config.webhook.url)
      const problems = [
        ...(info.url === expected
          ? []
          : [`Telegram has "${info.url || '(none)'}", expected ${expected} (set at start)`]),
        ...(info.last_error_message !== undefined ? [`last delivery error: ${info.last_error_message}`] : []),
        ...(config.webhook.url.startsWith('https://') ? [] : ['WEBHOOK_URL must be https:// for Telegram']),
      ]
      findings.push({
        ok: problems.length === 0,
        what: 'webhook',
        detail:
          problems.length === 0 ? `${expected}, ${info.pending_update_count} pending updates` : problems.join('; '),
      })
    }
  } catch (error) {
    findings.push({ ok: false, what: 'webhook', detail: `getWebhookInfo failed: ${describe(error)}` })
  }
  return findings
}
