import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Kysely, Migration, MigrationProvider, MigrationResult } from 'kysely'
import { Migrator, sql } from 'kysely'

/** migrations/ at the root of the project. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations/', import.meta.url))

const NAME = /^\d{4}_[a-z0-9_]+\.sql$/

/**
 * Every migrations/NNNN_name.sql as a forward-only migration. A file runs as one simple
 * query (no parameters), so it may hold several statements; Kysely runs each in a transaction.
 */
export function sqlFileMigrations(folder = MIGRATIONS_FOLDER): MigrationProvider {
  return {
    async getMigrations() {
      const files = (await readdir(folder)).filter((f) => f.endsWith('.sql')).sort()
      const migrations: Record<string, Migration> = {}
      for (const file of files) {
        if (!NAME.test(file)) throw new Error(`migration file name must look like 0001_some_change.sql: ${file}`)
        const text = await readFile(`${folder}/${file}`, 'utf8')
        migrations[file.replace(/\.sql$/, '')] = {
          up: async (db: Kysely<unknown>) => {
            await sql.raw(text).execute(db)
          },
        }
      }
      return migrations
    },
  }
}

export interface MigrationReport {
  applied: string[]
}

/** Applies every pending migration; concurrent callers wait on Kysely's advisory lock. */
export async function migrateToLatest(db: Kysely<unknown>, folder = MIGRATIONS_FOLDER): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: sqlFileMigrations(folder) })
  const { error, results } = await migrator.migrateToLatest()
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName)
  if (error !== undefined) {
    const failed = (results ?? []).find((r) => r.status === 'Error')
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed`, { cause: error })
  }
  return { applied }
}

/** Names of migrations not yet applied (for `doctor`). */
export async function pendingMigrations(db: Kysely<unknown>, folder = MIGRATIONS_FOLDER): Promise<string[]> {
  const migrator = new Migrator({ db, provider: sqlFileMigrations(folder) })
  const all = await migrator.getMigrations()
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name)
}
