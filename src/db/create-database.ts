import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import './pg-types.js'
import type { Database } from './schema.js'

export interface DatabaseOptions {
  url: string
  poolSize?: number
  /** Called with errors of idle clients, which would otherwise crash the process. */
  onPoolError: (error: Error) => void
}

export interface DatabaseHandle {
  db: Kysely<Database>
  close: () => Promise<void>
}

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // A saturated pool fails instead of hanging for ever.
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 10_000,
    // A connection cut by the network may never answer: a query gives up after this long
    // instead of holding its caller (the outbox relay, a job) for ever.
    query_timeout: 20_000,
    keepAlive: true,
  })
  pool.on('error', options.onPoolError)
  // A checked-out client whose connection drops between two queries (inside a transaction)
  // emits 'error' with nobody listening, which would crash the process; its next query fails
  // instead, and the caller's retry takes over.
  pool.on('connect', (client) => {
    client.on('error', options.onPoolError)
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, close: () => db.destroy() }
}
