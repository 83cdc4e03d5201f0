import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { migrateToLatest } from '../../db/migrate.js'
import { loadReferenceFile, ReferenceDataError } from '../../db/reference/load-reference-file.js'
import { seedReferenceData } from '../../db/reference/seed.js'
import type { Config } from '../config.js'
import type { CommandOutput } from './output.js'
import { CommandFailed } from './output.js'
import { withDatabase } from './with-database.js'

export async function runMigrate(config: Config, _args: string[], out: CommandOutput): Promise<number> {
  const { applied } = await withDatabase(config, (db) => migrateToLatest(db as unknown as Kysely<unknown>))
  out(applied.length === 0 ? 'migrations: nothing to apply' : `migrations applied: ${applied.join(', ')}`)
  return 0
}

export async function runSeed(config: Config, args: string[], out: CommandOutput): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string' } } })
  let data
  try {
    data = await loadReferenceFile(values.file)
  } catch (error) {
    // The whole list of problems, so an admin can fix the file in one go; nothing was loaded.
    if (error instanceof ReferenceDataError) throw new CommandFailed(error.message, { cause: error })
    throw error
  }
  const report = await withDatabase(config, async (db) => {
    await migrateToLatest(db as unknown as Kysely<unknown>)
    return seedReferenceData(db, data)
  })
  out(
    `seeded: ${report.districts} districts, ${report.settlements} settlements, ${report.organisations} organisations, ` +
      `${report.categories} categories, ${report.routingRules} routing rules; ${report.deactivated} made inactive`,
  )
  return 0
}
