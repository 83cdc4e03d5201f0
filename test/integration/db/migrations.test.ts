import { readdir } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REJECTION_REASONS } from '../../../src/core/requests/rejection.js'
import { FINISHED_STATUSES, REQUEST_STATUSES } from '../../../src/core/requests/status.js'
import { MIGRATIONS_FOLDER, migrateToLatest, pendingMigrations } from '../../../src/db/migrate.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('migrations on an empty PostgreSQL database', () => {
  let t: TestDatabase
  const asUnknown = () => t.db as unknown as Kysely<unknown>

  beforeAll(async () => {
    t = await createTestDatabase({ empty: true })
  })
  afterAll(async () => {
    await t.drop()
  })

  it('when applied to an empty database, then every migration file runs in order, and a second run applies nothing', async () => {
    const files = (await readdir(MIGRATIONS_FOLDER)).filter((f) => f.endsWith('.sql')).sort()
    expect(await pendingMigrations(asUnknown())).toEqual(files.map((f) => f.replace(/\.sql$/, '')))

    const first = await migrateToLatest(asUnknown())
    expect(first.applied).toEqual(files.map((f) => f.replace(/\.sql$/, '')))
    const second = await migrateToLatest(asUnknown())
    expect(second.applied).toEqual([])
    expect(await pendingMigrations(asUnknown())).toEqual([])
  })

  it('when the migration files are listed, then they are numbered one after another from 0001 without gaps', async () => {
    // Kysely refuses a migration whose name sorts before one already applied: a gap filled later would break upgrades.
    const numbers = (await readdir(MIGRATIONS_FOLDER))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => Number(/^(\d{4})_/.exec(f)?.[1]))
    expect(numbers).toEqual(numbers.map((_, i) => i + 1))
  })

  it('when the schema is in place, then the tables of the data model exist', async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(t.db)
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'districts',
        'settlements',
        'organisations',
        'categories',
        'routing_rules',
        'users',
        'channel_identities',
        'staff_memberships',
        'staff_invites',
        'requests',
        'request_events',
        'request_photos',
        'request_messages',
        'notices',
        'notice_deliveries',
        'subscriptions',
        'outbox',
        'processed_updates',
        'dead_letters',
      ]),
    )
  })

  it('when the status CHECK constraint is read back, then it admits exactly the statuses of the core', async () => {
    const { rows } = await sql<{ def: string }>`
      select pg_get_constraintdef(c.oid) as def from pg_constraint c
      where c.conrelid = 'requests'::regclass and c.contype = 'c' and pg_get_constraintdef(c.oid) like '%status = ANY%'
        and pg_get_constraintdef(c.oid) not like '%rejection_reason%' and pg_get_constraintdef(c.oid) not like '%planned_period%'`.execute(
      t.db,
    )
    expect(rows).toHaveLength(1)
    const admitted = [...(rows[0]?.def ?? '').matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1])
    expect([...admitted].sort()).toEqual([...REQUEST_STATUSES].sort())
  })

  it('when the rejection reason CHECK constraint is read back, then it admits exactly the reasons of the core', async () => {
    const { rows } = await sql<{ def: string }>`
      select pg_get_constraintdef(c.oid) as def from pg_constraint c
      where c.conrelid = 'requests'::regclass and c.contype = 'c' and pg_get_constraintdef(c.oid) like '%rejection_code = ANY%'`.execute(
      t.db,
    )
    expect(rows).toHaveLength(1)
    const admitted = [...(rows[0]?.def ?? '').matchAll(/'([a-z-]+)'::text/g)].map((m) => m[1])
    expect([...admitted].sort()).toEqual([...REJECTION_REASONS].sort())
  })

  it('when the partial indexes on open requests are read back, then each leaves out exactly the finished statuses of the core', async () => {
    // Queries for open requests filter with `not in FINISHED_STATUSES` so that these indexes apply.
    const { rows } = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes
      where tablename = 'requests' and indexname like 'requests\_open\_%'`.execute(t.db)
    expect(rows).toHaveLength(4)
    for (const row of rows) {
      const left = /status <> ALL \((.*)\)/.exec(row.indexdef)?.[1] ?? ''
      const statuses = [...left.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1])
      expect({ index: row.indexname, statuses: statuses.sort() }).toEqual({
        index: row.indexname,
        statuses: [...FINISHED_STATUSES].sort(),
      })
    }
  })

  it('when the indexes are listed, then the queries that matter have theirs', async () => {
    const { rows } = await sql<{
      indexname: string
    }>`select indexname from pg_indexes where tablename = 'requests'`.execute(t.db)
    expect(rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining(['requests_open_by_district', 'requests_by_author', 'requests_open_by_address']),
    )
  })
})
