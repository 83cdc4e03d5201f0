import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Config } from '../config.js'
import { openDatabase } from '../database.js'
import { createLogger } from '../logger.js'

/** Opens the configured (or embedded) database for one command and always closes it. */
export async function withDatabase<T>(config: Config, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const logger = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel })
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger })
  try {
    return await work(database.db)
  } finally {
    await database.close()
  }
}
