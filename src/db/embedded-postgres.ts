import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

/**
 * PostgreSQL without a server: PGlite (PostgreSQL compiled to WASM) persisted under
 * `dataDir`, served on loopback by pglite-socket, so the service reaches it through `pg`
 * exactly as it reaches a real server: one code path.
 * Single process only: PGlite has one session and queues every connection's queries.
 */
export interface EmbeddedPostgres {
  url: string
  stop: () => Promise<void>
}

export async function startEmbeddedPostgres(options: {
  dataDir: string
  /** At least the pool size of every client that will connect. */
  maxConnections: number
  port?: number
}): Promise<EmbeddedPostgres> {
  await mkdir(options.dataDir, { recursive: true })
  const lock = await takeLock(options.dataDir)
  const pglite = await PGlite.create({ dataDir: options.dataDir })
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections,
  })
  await server.start()
  const address = server.getServerConn() // host:port, the port the system chose
  let stopped = false
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    stop: async () => {
      if (stopped) return
      stopped = true
      await server.stop()
      await pglite.close()
      await lock.release()
    },
  }
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(readonly pid: number) {
    super(
      `the embedded database is in use by process ${pid} (PGlite allows one process): ` +
        'stop it first, or set DATABASE_URL to a PostgreSQL server for several processes',
    )
    this.name = 'EmbeddedDatabaseBusyError'
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Two processes opening one PGlite directory would corrupt it: a pid file guards it. */
async function takeLock(dataDir: string): Promise<{ release: () => Promise<void> }> {
  const file = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.pid`)
  const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim())
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new EmbeddedDatabaseBusyError(owner)
  }
  await writeFile(file, String(process.pid))
  return { release: () => rm(file, { force: true }) }
}
