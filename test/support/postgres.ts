import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import '../../src/db/pg-types.js'

/** A server where tests may create and drop databases (trust auth on this machine and in CI). */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/${name}`
  return url.toString()
}

/** Runs statements on the server's maintenance database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function onServer(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`

export function connect<DB>(url: string): Kysely<DB> {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
}

/**
 * Drops a database once its last connection has gone. pool.end() resolves before the
 * sockets have closed, and forcing the drop then would kill clients that are still ending.
 */
export async function dropDatabase(name: string): Promise<void> {
  await onServer(async (client) => {
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      )
      if (rows[0]?.n === 0) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await client.query(`drop database if exists ${quoteIdent(name)}`)
  })
}
