import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { createDatabase } from '../../../src/db/create-database.js'
import { EmbeddedDatabaseBusyError, startEmbeddedPostgres } from '../../../src/db/embedded-postgres.js'
import { migrateToLatest } from '../../../src/db/migrate.js'
import { loadReferenceFile } from '../../../src/db/reference/load-reference-file.js'
import { seedReferenceData } from '../../../src/db/reference/seed.js'
import { ensureChannelUser } from '../../../src/db/repositories/users.js'

async function open(dataDir: string) {
  const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 7 })
  const handle = createDatabase({
    url: embedded.url,
    poolSize: 5,
    onPoolError: (error) => {
      throw error
    },
  })
  return {
    db: handle.db,
    close: async () => {
      await handle.close()
      await embedded.stop()
    },
  }
}

describe('the embedded PostgreSQL (PGlite through pg)', () => {
  it('when started, migrated, seeded and written to, then after a restart the data is still there', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 's115-embedded-')), 'postgres')
    const first = await open(dataDir)
    const { applied } = await migrateToLatest(first.db as unknown as Kysely<unknown>)
    expect(applied.length).toBeGreaterThan(0)
    const report = await seedReferenceData(first.db, await loadReferenceFile())
    expect(report.districts).toBe(18)
    const userId = await ensureChannelUser(first.db, { channel: 'telegram', externalId: '4242' })
    // Several connections at once, multiplexed onto PGlite's single session.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ensureChannelUser(first.db, { channel: 'telegram', externalId: String(5000 + i) }),
      ),
    )
    await first.close()

    const second = await open(dataDir)
    try {
      expect((await migrateToLatest(second.db as unknown as Kysely<unknown>)).applied).toEqual([])
      expect(await ensureChannelUser(second.db, { channel: 'telegram', externalId: '4242' })).toBe(userId)
      const users = await second.db.selectFrom('users').select('id').execute()
      expect(users).toHaveLength(11)
      const districts = await second.db.selectFrom('districts').select('code').execute()
      expect(districts).toHaveLength(18)
    } finally {
      await second.close()
    }
  })

  it('when another live process holds the data directory, then a second start refuses instead of corrupting it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 's115-embedded-'))
    // The parent of this test process is alive for as long as the test runs.
    await writeFile(path.join(root, 'postgres.pid'), String(process.ppid))
    await expect(
      startEmbeddedPostgres({ dataDir: path.join(root, 'postgres'), maxConnections: 2 }),
    ).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError)
  })
})
