// npm run bench:intake [-- --residents N]
// N simulated residents at once complete the whole report through the fake Bot API in webhook
// mode; then the same residents exchange the same number of messages with a bare grammY bot
// (the framework's floor on this machine). Prints both and their ratio.
import { parseArgs } from 'node:util'
import type { Message } from 'grammy/types'
import { loadCatalogue } from '../src/db/repositories/catalogue.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { loadReferenceFile } from '../src/db/reference/load-reference-file.js'
import { seedReferenceData } from '../src/db/reference/seed.js'
import type { Database } from '../src/db/schema.js'
import { startFakeTelegram } from '../test/support/fake-telegram/server.js'
import type { FakeTelegram } from '../test/support/fake-telegram/server.js'
import { connect, databaseUrl, dropDatabase, onServer, quoteIdent } from '../test/support/postgres.js'
import { startScript, waitForLine } from '../test/support/run-process.js'
import { freePort, startService } from '../test/e2e/support/service.js'
import { opening } from '../test/e2e/support/texts.js'
import { figures, fmt } from './stats.js'
import type { RunFigures } from './stats.js'

type Resident = ReturnType<FakeTelegram['user']>
type Step = { act: (r: Resident) => void; expect: string }

const { values } = parseArgs({ options: { residents: { type: 'string', default: '200' } } })
const RESIDENTS = Number(values.residents)
const WAIT_MS = 60_000

const REPORT: Step[] = [
  { act: (r) => r.sendCommand('/start'), expect: 'menu.title' },
  { act: (r) => r.press('menu:report'), expect: 'report.ask-category' },
  { act: (r) => r.press('top:heating'), expect: 'report.ask-subcategory' },
  { act: (r) => r.press('cat:heating.no-heat'), expect: 'report.ask-district' },
  { act: (r) => r.press('dist:lida'), expect: 'report.ask-settlement' },
  { act: (r) => r.press('stl:lida.lida'), expect: 'report.ask-street' },
  { act: (r) => r.sendText(`ул. Советская`), expect: 'report.ask-house' },
  { act: (r) => r.sendText(String(1 + (r.user.id % 300))), expect: 'report.ask-flat' },
  { act: (r) => r.press('skip'), expect: 'report.confirm-address' },
  { act: (r) => r.press('yes'), expect: 'report.ask-description' },
  { act: (r) => r.sendText('Батареи холодные третий день, в квартире +14'), expect: 'report.ask-photos' },
  { act: (r) => r.press('skip'), expect: 'report.ask-phone-offer' },
  { act: (r) => r.press('skip'), expect: 'report.summary.title' },
  { act: (r) => r.press('send'), expect: 'report.sent' },
]

async function runSessions(
  residents: Resident[],
  steps: (r: Resident, i: number) => Promise<number[]>,
): Promise<{ seconds: number; latencies: number[] }> {
  const started = performance.now()
  const all = await Promise.all(residents.map((r, i) => steps(r, i)))
  return { seconds: (performance.now() - started) / 1000, latencies: all.flat() }
}

async function reportOf(r: Resident): Promise<number[]> {
  const latencies: number[] = []
  for (const step of REPORT) {
    const text = opening('ru', step.expect)
    const t0 = performance.now()
    step.act(r)
    await r.waitForMessage((m: Message) => (m.text ?? '').includes(text), WAIT_MS)
    latencies.push(performance.now() - t0)
  }
  return latencies
}

async function bareOf(r: Resident): Promise<number[]> {
  const latencies: number[] = []
  for (let i = 0; i < REPORT.length; i++) {
    const t0 = performance.now()
    r.sendText(`message ${i}`)
    await r.waitForReply(WAIT_MS)
    latencies.push(performance.now() - t0)
  }
  return latencies
}

async function benchService(): Promise<RunFigures> {
  const name = `s115_bench_${process.pid}`
  await onServer(async (c) => {
    await c.query(`create database ${quoteIdent(name)}`)
  })
  const db = connect<Database>(databaseUrl(name))
  await migrateToLatest(db as never)
  await seedReferenceData(db, await loadReferenceFile())
  await loadCatalogue(db)
  const telegram = await startFakeTelegram()
  const service = await startService({
    telegram,
    databaseUrl: databaseUrl(name),
    webhook: { port: await freePort(), secret: 'bench-secret-0123456789' },
    floodLimit: 10_000,
  })
  try {
    const residents = Array.from({ length: RESIDENTS }, (_, i) =>
      telegram.user({ id: 900_000_000 + i, firstName: 'Bench', languageCode: 'ru' }),
    )
    const run = await runSessions(residents, reportOf)
    const stored = await db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    if (stored.n !== RESIDENTS) throw new Error(`expected ${RESIDENTS} requests, found ${stored.n}`)
    return figures(RESIDENTS, run.seconds, run.latencies)
  } finally {
    await service.stop()
    await telegram.close()
    await db.destroy()
    await dropDatabase(name)
  }
}

async function benchBare(): Promise<RunFigures> {
  const telegram = await startFakeTelegram()
  const bare = startScript('bench/bare-bot.ts', [], {
    BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    HTTP_PORT: String(await freePort()),
    WEBHOOK_SECRET: 'bench-secret-0123456789',
  })
  try {
    await waitForLine(bare, (line) => (line.includes('bare bot ready') ? true : undefined), 60_000)
    const residents = Array.from({ length: RESIDENTS }, (_, i) =>
      telegram.user({ id: 950_000_000 + i, firstName: 'Bare' }),
    )
    const run = await runSessions(residents, bareOf)
    return figures(RESIDENTS, run.seconds, run.latencies)
  } finally {
    bare.child.kill('SIGTERM')
    await bare.finished
    await telegram.close()
  }
}

const service = await benchService()
const bare = await benchBare()
const line = (label: string, f: RunFigures) =>
  `${label.padEnd(22)} ${fmt(f.perSecond, 2).padStart(8)} sessions/s   step p50 ${fmt(f.p50).padStart(7)} ms   p99 ${fmt(f.p99).padStart(7)} ms   (${f.sessions} in ${fmt(f.seconds)} s)`
console.log(
  `intake benchmark: ${RESIDENTS} residents at once × ${REPORT.length} steps, webhook mode, fake Bot API on loopback`,
)
console.log(line('service 115 (reports)', service))
console.log(line('bare grammY (replies)', bare))
console.log(
  `ratio service/bare:    throughput ${fmt(service.perSecond / bare.perSecond, 3)}   p50 latency ×${fmt(service.p50 / bare.p50, 2)}   p99 latency ×${fmt(service.p99 / bare.p99, 2)}`,
)
