import { mkdir } from 'node:fs/promises'
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
    },
  }
}
