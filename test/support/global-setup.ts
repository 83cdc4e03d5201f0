import type { TestProject } from 'vitest/node'
import { migrateToLatest } from '../../src/db/migrate.js'
import { loadReferenceFile } from '../../src/db/reference/load-reference-file.js'
import { seedReferenceData } from '../../src/db/reference/seed.js'
import type { Database } from '../../src/db/schema.js'
import { connect, databaseUrl, onServer, quoteIdent } from './postgres.js'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string
  }
}

/**
 * One migrated and seeded template database per run; every test file clones its own
 * database from it (CREATE DATABASE … TEMPLATE takes ~50 ms), so files run in parallel.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = `s115_template_${process.pid}`
  await onServer(async (client) => {
    await client.query(`drop database if exists ${quoteIdent(template)}`)
    await client.query(`create database ${quoteIdent(template)}`)
  })
  const db = connect<Database>(databaseUrl(template))
  try {
    await migrateToLatest(db as never)
    await seedReferenceData(db, await loadReferenceFile())
  } finally {
    await db.destroy()
  }
  project.provide('templateDatabase', template)
  return async () => {
    await onServer(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`s115_t${process.pid}_%`, template],
      )
      for (const { datname } of rows) await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`)
    })
  }
}
