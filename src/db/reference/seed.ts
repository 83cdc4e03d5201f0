// Long on purpose: one function per reference table, all serving one job (loading the reference
// file in one transaction, matched by code), and read in the order they run.
import type { Insertable, Kysely, Transaction } from 'kysely'
import { sql } from 'kysely'
import type { CategoriesTable, Database } from '../schema.js'
import type { ReferenceData } from './reference-data.js'
import { expandRoutingRules } from './expand-routing-rules.js'

export interface SeedReport {
  districts: number
  settlements: number
  organisations: number
  categories: number
  routingRules: number
  /** Rows the file no longer has: kept (requests point at them) but made inactive. */
  deactivated: number
}

const json = (value: unknown): string => JSON.stringify(value)

/**
 * Loads the reference data in one transaction, matching rows by their stable codes, so
 * running it twice leaves the same rows (same ids) and editing the file updates them in place.
 */
export async function seedReferenceData(db: Kysely<Database>, data: ReferenceData): Promise<SeedReport> {
  return db.transaction().execute(async (trx) => {
    // One seed at a time: two concurrent first starts must not interleave their upserts.
    await sql`select pg_advisory_xact_lock(hashtext('seed-reference-data'))`.execute(trx)
    await seedRegion(trx, data)
    const districtIds = await seedDistricts(trx, data)
    const settlements = await seedSettlements(trx, data, districtIds)
    const organisationIds = await seedOrganisations(trx, data, districtIds)
    const categoryIds = await seedCategories(trx, data)
    const routingRules = await seedRoutingRules(trx, data, districtIds, organisationIds, categoryIds)
    const deactivated = await deactivateMissing(trx, data)
    return {
      districts: districtIds.size,
      settlements,
      organisations: organisationIds.size,
      categories: categoryIds.size,
      routingRules,
      deactivated,
    }
  })
}

async function seedRegion(trx: Transaction<Database>, data: ReferenceData): Promise<void> {
  const { region, calendar } = data
  await trx.deleteFrom('region').where('code', '<>', region.code).execute()
  await trx
    .insertInto('region')
    .values({
      code: region.code,
      name: json(region.name),
      timezone: region.timezone,
      request_number_prefix: region.requestNumberPrefix,
      weekend: calendar.weekend,
    })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        timezone: eb.ref('excluded.timezone'),
        request_number_prefix: eb.ref('excluded.request_number_prefix'),
        weekend: eb.ref('excluded.weekend'),
      })),
    )
    .execute()
  // The calendar and the emergency numbers belong to the file entirely.
  await trx.deleteFrom('calendar_days').execute()
  const days = [
    ...calendar.holidays.map((day) => ({ day, kind: 'holiday' as const })),
    ...calendar.workingWeekendDays.map((day) => ({ day, kind: 'working' as const })),
  ]
  if (days.length > 0) await trx.insertInto('calendar_days').values(days).execute()
  await trx.deleteFrom('emergency_numbers').execute()
  await trx
    .insertInto('emergency_numbers')
    .values(data.emergencyNumbers.map((e, i) => ({ code: e.code, phone: e.phone, name: json(e.name), sort_order: i })))
    .execute()
}

async function seedDistricts(trx: Transaction<Database>, data: ReferenceData): Promise<Map<string, number>> {
  const rows = await trx
    .insertInto('districts')
    .values(
      data.districts.map((d) => ({
        code: d.code,
        kind: d.kind,
        name: json(d.name),
        centre_lat: d.centre.lat,
        centre_lon: d.centre.lon,
        active: true,
      })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        name: eb.ref('excluded.name'),
        centre_lat: eb.ref('excluded.centre_lat'),
        centre_lon: eb.ref('excluded.centre_lon'),
        active: true,
      })),
    )
    .returning(['id', 'code'])
    .execute()
  return new Map(rows.map((r) => [r.code, r.id]))
}

async function seedSettlements(
  trx: Transaction<Database>,
  data: ReferenceData,
  districtIds: Map<string, number>,
): Promise<number> {
  const values = data.districts.flatMap((d) =>
    d.settlements.map((s) => ({
      code: s.code,
      district_id: idOf(districtIds, d.code),
      kind: s.kind,
      name: json(s.name),
      active: true,
    })),
  )
  await trx
    .insertInto('settlements')
    .values(values)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        district_id: eb.ref('excluded.district_id'),
        kind: eb.ref('excluded.kind'),
        name: eb.ref('excluded.name'),
        active: true,
      })),
    )
    .execute()
  return values.length
}

async function seedOrganisations(
  trx: Transaction<Database>,
  data: ReferenceData,
  districtIds: Map<string, number>,
): Promise<Map<string, number>> {
  const rows = await trx
    .insertInto('organisations')
    .values(
      data.organisations.map((o) => ({
        code: o.code,
        type: o.type,
        district_id: o.districtCode === null ? null : idOf(districtIds, o.districtCode),
        name: json(o.name),
        phones: json(o.phones),
        working_hours: o.workingHours,
        active: true,
      })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        type: eb.ref('excluded.type'),
        district_id: eb.ref('excluded.district_id'),
        name: eb.ref('excluded.name'),
        phones: eb.ref('excluded.phones'),
        working_hours: eb.ref('excluded.working_hours'),
        active: true,
      })),
    )
    .returning(['id', 'code'])
    .execute()
  return new Map(rows.map((r) => [r.code, r.id]))
}

async function seedCategories(trx: Transaction<Database>, data: ReferenceData): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  for (const [topIndex, top] of data.categories.entries()) {
    const topId = await upsertCategory(trx, {
      code: top.code,
      parent_id: null,
      name: json(top.name),
      emergency: false,
      hard_stop: null,
      not_our_competence: null,
      sla_accept_amount: 1,
      sla_accept_unit: 'working_days',
      sla_fix_amount: 5,
      sla_fix_unit: 'working_days',
      photo_required: false,
      season: 'all',
      sort_order: topIndex,
    })
    ids.set(top.code, topId)
    for (const [leafIndex, leaf] of top.children.entries()) {
      ids.set(
        leaf.code,
        await upsertCategory(trx, {
          code: leaf.code,
          parent_id: topId,
          name: json(leaf.name),
          emergency: leaf.emergency,
          hard_stop: leaf.hardStop === null ? null : json(leaf.hardStop),
          not_our_competence: leaf.notOurCompetence === null ? null : json(leaf.notOurCompetence),
          sla_accept_amount: leaf.sla.accept.amount,
          sla_accept_unit: leaf.sla.accept.unit,
          sla_fix_amount: leaf.sla.fix.amount,
          sla_fix_unit: leaf.sla.fix.unit,
          photo_required: leaf.photoRequired,
          season: leaf.season,
          sort_order: leafIndex,
        }),
      )
    }
  }
  return ids
}

async function upsertCategory(
  trx: Transaction<Database>,
  row: Omit<Insertable<CategoriesTable>, 'active'>,
): Promise<number> {
  const inserted = await trx
    .insertInto('categories')
    .values({ ...row, active: true })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        parent_id: eb.ref('excluded.parent_id'),
        name: eb.ref('excluded.name'),
        emergency: eb.ref('excluded.emergency'),
        hard_stop: eb.ref('excluded.hard_stop'),
        not_our_competence: eb.ref('excluded.not_our_competence'),
        sla_accept_amount: eb.ref('excluded.sla_accept_amount'),
        sla_accept_unit: eb.ref('excluded.sla_accept_unit'),
        sla_fix_amount: eb.ref('excluded.sla_fix_amount'),
        sla_fix_unit: eb.ref('excluded.sla_fix_unit'),
        photo_required: eb.ref('excluded.photo_required'),
        season: eb.ref('excluded.season'),
        sort_order: eb.ref('excluded.sort_order'),
        active: true,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

async function seedRoutingRules(
  trx: Transaction<Database>,
  data: ReferenceData,
  districtIds: Map<string, number>,
  organisationIds: Map<string, number>,
  categoryIds: Map<string, number>,
): Promise<number> {
  const rules = expandRoutingRules(data).rules.map((r) => ({
    district_id: idOf(districtIds, r.districtCode),
    category_id: idOf(categoryIds, r.categoryCode),
    primary_organisation_id: idOf(organisationIds, r.primaryCode),
    copy_organisation_ids: r.copyCodes.map((code) => idOf(organisationIds, code)),
  }))
  const kept = await trx
    .insertInto('routing_rules')
    .values(rules)
    .onConflict((oc) =>
      oc.columns(['district_id', 'category_id']).doUpdateSet((eb) => ({
        primary_organisation_id: eb.ref('excluded.primary_organisation_id'),
        copy_organisation_ids: eb.ref('excluded.copy_organisation_ids'),
      })),
    )
    .returning('id')
    .execute()
  // Requests keep their routing decision as data, so a rule can go when the file drops it.
  await trx
    .deleteFrom('routing_rules')
    .where(
      'id',
      'not in',
      kept.map((r) => r.id),
    )
    .execute()
  return kept.length
}

async function deactivateMissing(trx: Transaction<Database>, data: ReferenceData): Promise<number> {
  const codes = {
    districts: data.districts.map((d) => d.code),
    settlements: data.districts.flatMap((d) => d.settlements.map((s) => s.code)),
    organisations: data.organisations.map((o) => o.code),
    categories: data.categories.flatMap((c) => [c.code, ...c.children.map((leaf) => leaf.code)]),
  }
  let count = 0
  for (const table of ['districts', 'settlements', 'organisations', 'categories'] as const) {
    const result = await trx
      .updateTable(table)
      .set({ active: false })
      .where('code', 'not in', codes[table])
      .where('active', '=', true)
      .executeTakeFirst()
    count += Number(result.numUpdatedRows)
  }
  return count
}

function idOf(ids: Map<string, number>, code: string): number {
  const id = ids.get(code)
  // checkReferences has resolved every code before the seed starts.
  if (id === undefined) throw new Error(`unresolved reference "${code}"`)
  return id
}
