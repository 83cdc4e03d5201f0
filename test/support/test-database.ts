import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { inject } from 'vitest'
import type { Database } from '../../src/db/schema.js'
import { connect, databaseUrl, dropDatabase, onServer, quoteIdent } from './postgres.js'

export interface TestDatabase {
  name: string
  url: string
  db: Kysely<Database>
  drop: () => Promise<void>
}

/** A fresh database of its own: a clone of the migrated, seeded template, or empty. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const template = inject('templateDatabase')
  const name = `s115_t${template.split('_').at(-1) ?? ''}_${randomBytes(4).toString('hex')}`
  await onServer(async (client) => {
    await client.query(
      options.empty === true
        ? `create database ${quoteIdent(name)}`
        : `create database ${quoteIdent(name)} template ${quoteIdent(template)}`,
    )
  })
  const url = databaseUrl(name)
  const db = connect<Database>(url)
  return {
    name,
    url,
    db,
    drop: async () => {
      await db.destroy()
      await dropDatabase(name)
    },
  }
}
