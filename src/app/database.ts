import path from 'node:path'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { createDatabase } from '../db/create-database.js'
import { startEmbeddedPostgres } from '../db/embedded-postgres.js'
import { migrateToLatest } from '../db/migrate.js'
import { loadReferenceFile } from '../db/reference/load-reference-file.js'
import { seedReferenceData } from '../db/reference/seed.js'
import type { Database } from '../db/schema.js'
import type { Logger } from './logger.js'
import { safeUrl } from './logger.js'

export interface OpenDatabase {
  db: Kysely<Database>
  embedded: boolean
  close: () => Promise<void>
}

const POOL_SIZE = 10

/** DATABASE_URL if set, else the embedded PostgreSQL under DATA_DIR/postgres. */
export async function openDatabase(options: {
  databaseUrl: string | undefined
  dataDir: string
  logger: Logger
}): Promise<OpenDatabase> {
  const onPoolError = (error: Error) => {
    options.logger.error({ err: error }, 'idle database connection failed')
  }
  if (options.databaseUrl !== undefined) {
    const handle = createDatabase({ url: options.databaseUrl, poolSize: POOL_SIZE, onPoolError })
    options.logger.info({ database: safeUrl(options.databaseUrl) }, 'using PostgreSQL')
    return { db: handle.db, embedded: false, close: handle.close }
  }
  const dataDir = path.resolve(options.dataDir, 'postgres')
  const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: POOL_SIZE + 2 })
  const handle = createDatabase({ url: embedded.url, poolSize: POOL_SIZE, onPoolError })
  options.logger.info({ dataDir }, 'DATABASE_URL is not set: using the embedded PostgreSQL (single process only)')
  return {
    db: handle.db,
    embedded: true,
    close: async () => {
      await handle.close()
      await embedded.stop()
    },
  }
}

/** Applies pending migrations; loads the shipped reference data when the region is empty (first start). */
export async function prepareDatabase(db: Kysely<Database>, logger: Logger): Promise<void> {
  const { applied } = await migrateToLatest(db as unknown as Kysely<unknown>)
  if (applied.length > 0) logger.info({ applied }, 'migrations applied')
  const { rows } = await sql<{ count: number }>`select count(*)::int as count from region`.execute(db)
  if ((rows[0]?.count ?? 0) === 0) {
    const report = await seedReferenceData(db, await loadReferenceFile())
    logger.info(report, 'first start: reference data loaded')
  }
}
