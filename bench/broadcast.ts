// npm run bench:broadcast [-- --recipients N --rate R]
// An outage notice to N residents (default 10,000) through the fake Bot API, which allows R
// messages a second for the bot (default 150: Telegram's ~30 scaled up so the run takes about a
// minute) and 1 a second per chat, answering 429 + retry_after beyond that. One worker process
// sends it. The fake API runs in this process and shares the machine with the worker, PostgreSQL
// and Redis: at higher rates on a small machine their stalls, not the service, decide the figure. Prints the achieved rate against the allowed one, 429s, duplicates, missing, and the
// time from the admin's confirmation to the first message.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { migrateToLatest } from '../src/db/migrate.js'
import { loadReferenceFile } from '../src/db/reference/load-reference-file.js'
import { seedReferenceData } from '../src/db/reference/seed.js'
import type { Database } from '../src/db/schema.js'
import { startFakeTelegram } from '../test/support/fake-telegram/server.js'
import { connect, databaseUrl, dropDatabase, onServer, quoteIdent } from '../test/support/postgres.js'
import { startEntry, waitForLine } from '../test/support/run-process.js'
import { fmt } from './stats.js'

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '150' },
    workers: { type: 'string', default: '1' },
    'send-rate': { type: 'string' },
  },
})
const RECIPIENTS = Number(values.recipients)
const RATE = Number(values.rate)
// What the service is configured to send: the allowed rate, unless told otherwise.
const SEND_RATE = Number(values['send-rate'] ?? values.rate)
const WORKERS = Number(values.workers)
const FIRST_CHAT = 600_000_000

const name = `s115_bench_bc_${process.pid}`
await onServer(async (c) => {
  await c.query(`create database ${quoteIdent(name)}`)
})
const db = connect<Database>(databaseUrl(name))
const telegram = await startFakeTelegram({
  limits: { globalPerSecond: RATE, perChatPerSecond: 1, retryAfterSeconds: 1 },
})
const workers: ReturnType<typeof startEntry>[] = []
try {
  await migrateToLatest(db as never)
  await seedReferenceData(db, await loadReferenceFile())
  const settlement = await db
    .selectFrom('settlements')
    .select(['id', 'district_id'])
    .where('code', '=', 'lida.lida')
    .executeTakeFirstOrThrow()
  await sql`
    with made as (
      insert into users (language, home_settlement_id)
      select 'ru', ${settlement.id} from generate_series(1, ${RECIPIENTS}) returning id)
    insert into channel_identities (user_id, channel, external_id)
    select id, 'telegram', (${FIRST_CHAT} + row_number() over (order by id))::text from made`.execute(db)
  const admin = await db.insertInto('users').values({ language: 'ru' }).returning('id').executeTakeFirstOrThrow()

  const dataDir = await mkdtemp(path.join(tmpdir(), 's115-bench-'))
  for (let i = 0; i < WORKERS; i++) {
    const worker = startEntry('main', ['--role', 'worker'], {
      BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATABASE_URL: databaseUrl(name),
      REDIS_PREFIX: `benchbc${process.pid}`,
      HTTP_PORT: '0',
      DATA_DIR: dataDir,
      SEND_RATE_PER_SECOND: String(SEND_RATE),
      SWEEP_EVERY_SECONDS: '1',
    })
    workers.push(worker)
  }
  for (const worker of workers)
    await waitForLine(worker, (line) => (line.includes('delivery workers running') ? true : undefined), 60_000)
  await new Promise((resolve) => setTimeout(resolve, 2000))

  // The admin confirms: the notice is "sending" from this moment.
  const confirmedAt = performance.now()
  const notice = await db
    .insertInto('notices')
    .values({
      kind: 'emergency_outage',
      service: 'water',
      area: JSON.stringify({ scope: 'districts', districtIds: [settlement.district_id] }),
      body: 'Аварийное отключение воды в Лидском районе',
      state: 'sending',
      created_by_user_id: admin.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  let firstAt: number | undefined
  for (;;) {
    const sent = telegram.stats().sentMessages
    if (sent > 0 && firstAt === undefined) firstAt = performance.now()
    const open = await db
      .selectFrom('notice_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('notice_id', '=', notice.id)
      .where('state', 'in', ['pending', 'sending'])
      .executeTakeFirstOrThrow()
    const planned = await db
      .selectFrom('notices')
      .select('planned_at')
      .where('id', '=', notice.id)
      .executeTakeFirstOrThrow()
    if (planned.planned_at !== null && open.n === 0) break
    if (performance.now() - confirmedAt > 15 * 60_000) throw new Error('the broadcast did not finish in 15 minutes')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const doneAt = performance.now()
  let unique = 0
  let total = 0
  for (let i = 1; i <= RECIPIENTS; i++) {
    const n = telegram.chat(FIRST_CHAT + i).messages().length
    total += n
    if (n > 0) unique++
  }
  const seconds = (doneAt - (firstAt ?? confirmedAt)) / 1000
  const achieved = total / seconds
  console.log(
    `broadcast benchmark: ${RECIPIENTS} recipients, allowed ${RATE} msg/s for the bot and 1 msg/s per chat (fake Bot API), SEND_RATE_PER_SECOND=${SEND_RATE}, ${WORKERS} worker process(es)`,
  )
  console.log(`achieved ${fmt(achieved)} msg/s over ${fmt(seconds)} s = ${fmt(achieved / RATE, 3)} of the allowed rate`)
  console.log(
    `429 answers: ${telegram.stats().tooManyRequests}   duplicates: ${total - unique}   missing: ${RECIPIENTS - unique}`,
  )
  console.log(`confirm → first message: ${fmt(((firstAt ?? doneAt) - confirmedAt) / 1000, 2)} s`)
} finally {
  for (const worker of workers) {
    worker.child.kill('SIGTERM')
    await worker.finished
  }
  await telegram.close()
  await db.destroy()
  await dropDatabase(name)
}
