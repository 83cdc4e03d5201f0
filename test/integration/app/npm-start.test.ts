import { spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finished } from '../../support/run-process.js'
import { cleanEnv, PROJECT_ROOT, waitForLine } from '../../support/run-process.js'
import { prefixPool } from '../../support/redis-prefix.js'

const redisPrefixes = prefixPool()
afterAll(() => redisPrefixes.drop())

interface Started {
  /** npm's own process, leader of a process group of its own (as a terminal's foreground job is). */
  npm: number
  /** The service's process, as the start-up log prints it. */
  service: number
  url: string
  output: () => { stdout: string; stderr: string }
  finished: Promise<Finished>
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** `npm start` as a person types it, with no token and the embedded database under `dataDir`. */
async function npmStart(dataDir: string): Promise<Started> {
  const child = spawn('npm', ['start'], {
    cwd: PROJECT_ROOT,
    env: cleanEnv({ DATA_DIR: dataDir, HTTP_PORT: '0', REDIS_PREFIX: redisPrefixes.take('npm') }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const finished = new Promise<Finished>((resolve) => {
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr })
    })
  })
  const output = () => ({ stdout, stderr })
  const started = await waitForLine(
    { child, output },
    (line) => {
      const match = /"pid":(\d+),"url":"(http:\/\/[^"]+)"/.exec(line)
      return match ? { service: Number(match[1]), url: match[2] ?? '' } : undefined
    },
    90_000,
  )
  return { npm: child.pid ?? 0, ...started, output, finished }
}

/** Whatever a failed test left running: the whole group npm leads. */
const leftovers: number[] = []
const cleanUp = () => {
  for (const group of leftovers.splice(0))
    try {
      process.kill(-group, 'SIGKILL')
    } catch {
      // already gone
    }
}

describe('npm start with no token (embedded database, one process)', { timeout: 180_000 }, () => {
  let dataDir: string

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 's115-npm-start-'))
  })
  afterAll(cleanUp)

  it('when started, then Telegram is off with one warning, HTTP and workers run, and the log ends with the URL to open', async () => {
    const run = await npmStart(dataDir)
    leftovers.push(run.npm)
    expect(run.service).not.toBe(run.npm)
    const lines = run.output().stdout.trim().split('\n')
    expect(lines.at(-1)).toContain(`Open ${run.url}`)
    expect(run.output().stdout).toContain('delivery workers running')
    const { stderr } = run.output()
    expect(stderr.match(/BOT_TOKEN is not set/g)).toHaveLength(1)
    expect(stderr).toContain('@BotFather')

    expect((await fetch(`${run.url}health`)).status).toBe(200)
    const ready = await fetch(`${run.url}ready`)
    expect(await ready.json()).toEqual({ ok: true, checks: { database: 'ok', redis: 'ok' } })
    const home = await fetch(run.url)
    expect(home.headers.get('content-type')).toContain('text/html')
    const page = await home.text()
    expect(page).toContain('Telegram: off')
    expect(page).toContain('href="/health"')

    // SIGTERM to the process the log names stops everything, npm included.
    process.kill(run.service, 'SIGTERM')
    const finished = await run.finished
    expect(finished.stdout).toContain('shutting down')
    expect(finished.stdout).not.toContain('shutdown took too long')
    expect(alive(run.service)).toBe(false)
  })

  it("when SIGTERM goes to npm's own process, then the service stops too and the database can be opened again", async () => {
    const run = await npmStart(dataDir)
    leftovers.push(run.npm)
    // The first run's database, reopened: nothing to migrate or load.
    expect(run.output().stdout).not.toContain('migrations applied')
    expect(run.output().stdout).not.toContain('reference data loaded')

    process.kill(run.npm, 'SIGTERM')
    const finished = await run.finished
    expect(finished.stdout).toContain('shutting down')
    expect(finished.stdout).not.toContain('shutdown took too long')
    expect(alive(run.service)).toBe(false)
  })

  it('when Ctrl-C reaches the whole group, then everything stops once and a later start works', async () => {
    const run = await npmStart(dataDir)
    leftovers.push(run.npm)
    // A terminal's Ctrl-C: SIGINT to every process of the foreground group (npm passes one on, too).
    process.kill(-run.npm, 'SIGINT')
    const finished = await run.finished
    expect(finished.stdout).toContain('shutting down')
    expect(alive(run.service)).toBe(false)

    const again = await npmStart(dataDir)
    leftovers.push(again.npm)
    expect((await fetch(`${again.url}health`)).status).toBe(200)
    process.kill(again.service, 'SIGTERM')
    await again.finished
    expect(alive(again.service)).toBe(false)
  })
})
