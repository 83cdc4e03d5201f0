import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadReferenceFile, ReferenceDataError } from '../../../src/db/reference/load-reference-file.js'
import type { ReferenceData } from '../../../src/db/reference/reference-data.js'
import { seedReferenceData } from '../../../src/db/reference/seed.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

const TABLES = [
  'region',
  'calendar_days',
  'emergency_numbers',
  'districts',
  'settlements',
  'organisations',
  'categories',
  'routing_rules',
]

describe('seeding the regional reference data', () => {
  let t: TestDatabase
  let data: ReferenceData

  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {}
    for (const table of TABLES) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1`.execute(t.db)
      tables[table] = rows
    }
    return tables
  }

  beforeAll(async () => {
    // The template is seeded already; this file checks what a second and third run do.
    t = await createTestDatabase()
    data = await loadReferenceFile()
  })
  afterAll(async () => {
    await t.drop()
  })

  it('when the Grodno region is loaded, then it has Grodno city and its 17 districts, organisations and categories', async () => {
    const districts = await t.db.selectFrom('districts').select(['code', 'kind']).where('active', '=', true).execute()
    expect(districts).toHaveLength(18)
    expect(districts.filter((d) => d.kind === 'city').map((d) => d.code)).toEqual(['grodno-city'])
    const gas = await t.db
      .selectFrom('categories')
      .select(['code', 'hard_stop'])
      .where('code', 'like', 'gas.%')
      .execute()
    expect(gas.length).toBeGreaterThan(0)
    for (const leaf of gas) expect(leaf.hard_stop?.phone).toBe('104')
    const numbers = await t.db.selectFrom('emergency_numbers').select('phone').execute()
    expect(numbers.map((n) => n.phone).sort()).toEqual(['101', '102', '103', '104', '112', '115'])
  })

  it('when no phone number is verified, then it is marked as a placeholder (only 104 and 115 are real)', async () => {
    const organisations = await t.db.selectFrom('organisations').select(['code', 'phones']).execute()
    const real = organisations.flatMap((o) => o.phones.filter((p) => !p.placeholder).map((p) => p.number))
    expect([...new Set(real)].sort()).toEqual(['104', '115'])
  })

  it('when the seed runs twice more, then every row is the same (ids included)', async () => {
    const before = await snapshot()
    const report = await seedReferenceData(t.db, data)
    expect(report).toMatchObject({ districts: 18, deactivated: 0 })
    await seedReferenceData(t.db, data)
    expect(await snapshot()).toEqual(before)
  })

  it('when the file changes a name and drops an organisation, then the row is updated in place and the dropped one made inactive', async () => {
    const lida = await t.db.selectFrom('districts').select(['id']).where('code', '=', 'lida').executeTakeFirstOrThrow()
    const edited: ReferenceData = structuredClone(data)
    const district = edited.districts.find((d) => d.code === 'lida')
    if (!district) throw new Error('lida is in the shipped file')
    district.name = { ...district.name, en: 'Lida District (renamed)' }
    edited.organisations = edited.organisations.filter((o) => o.code !== 'region-contact-centre')

    const report = await seedReferenceData(t.db, edited)
    expect(report.deactivated).toBe(1)
    const renamed = await t.db
      .selectFrom('districts')
      .select(['id', 'name'])
      .where('code', '=', 'lida')
      .executeTakeFirstOrThrow()
    expect(renamed.id).toBe(lida.id)
    expect(renamed.name.en).toBe('Lida District (renamed)')
    const centre = await t.db
      .selectFrom('organisations')
      .select('active')
      .where('code', '=', 'region-contact-centre')
      .executeTakeFirstOrThrow()
    expect(centre.active).toBe(false)

    await seedReferenceData(t.db, data)
    const back = await t.db
      .selectFrom('organisations')
      .select('active')
      .where('code', '=', 'region-contact-centre')
      .executeTakeFirstOrThrow()
    expect(back.active).toBe(true)
  })

  it('when a file has mistakes, then every one is named by its path and nothing is loaded', async () => {
    const broken = structuredClone(data) as unknown as {
      districts: { code: string; centre: { lat: number } }[]
      routingRules: { primary: unknown }[]
    }
    const first = broken.districts[0]
    const rule = broken.routingRules[0]
    if (!first || !rule) throw new Error('the shipped file has districts and rules')
    first.centre.lat = 123
    first.code = 'Not A Code'
    rule.primary = 'no-such-organisation'
    const dir = await mkdtemp(path.join(tmpdir(), 's115-seed-'))
    const file = path.join(dir, 'broken.json')
    await writeFile(file, JSON.stringify(broken))

    const error = await loadReferenceFile(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReferenceDataError)
    const problems = (error as ReferenceDataError).problems.join('\n')
    expect(problems).toContain('districts.0.centre.lat')
    expect(problems).toContain('districts.0.code')

    await writeFile(file, '{ not json')
    await expect(loadReferenceFile(file)).rejects.toBeInstanceOf(ReferenceDataError)
  })

  it('when a rule names an unknown organisation, then the cross-check reports it', async () => {
    const edited: ReferenceData = structuredClone(data)
    const rule = edited.routingRules[0]
    if (!rule) throw new Error('the shipped file has rules')
    rule.primary = 'no-such-organisation'
    const dir = await mkdtemp(path.join(tmpdir(), 's115-seed-'))
    const file = path.join(dir, 'bad-rule.json')
    await writeFile(file, JSON.stringify(edited))
    const error = await loadReferenceFile(file).catch((e: unknown) => e)
    expect((error as ReferenceDataError).problems.join('\n')).toContain('no organisation "no-such-organisation"')
  })
})
