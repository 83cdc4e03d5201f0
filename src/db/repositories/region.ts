import type { Kysely } from 'kysely'
import type { RoutingRule } from '../../core/routing/route-request.js'
import type { RegionCalendar } from '../../core/sla/deadlines.js'
import type { CategoryPolicy } from '../../core/requests/request.js'
import type { Database } from '../schema.js'

export async function regionSettings(
  db: Kysely<Database>,
): Promise<{ requestNumberPrefix: string; calendar: RegionCalendar }> {
  const region = await db.selectFrom('region').selectAll().executeTakeFirst()
  // The first start seeds the region before anything else runs.
  if (!region) throw new Error('the region is not seeded: run `npm run cli -- seed`')
  const days = await db.selectFrom('calendar_days').selectAll().execute()
  return {
    requestNumberPrefix: region.request_number_prefix,
    calendar: {
      timeZone: region.timezone,
      weekend: region.weekend,
      holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
      workingWeekendDays: new Set(days.filter((d) => d.kind === 'working').map((d) => d.day)),
    },
  }
}

export async function categoryPolicy(db: Kysely<Database>, categoryId: number): Promise<CategoryPolicy | null> {
  const c = await db.selectFrom('categories').selectAll().where('id', '=', categoryId).executeTakeFirst()
  if (!c) return null
  return {
    id: c.id,
    parentId: c.parent_id,
    active: c.active,
    emergency: c.emergency,
    hardStop: c.hard_stop ? { phone: c.hard_stop.phone } : null,
    notOurCompetence: c.not_our_competence ? { phone: c.not_our_competence.phone } : null,
    photoRequired: c.photo_required,
    sla: {
      accept: { amount: c.sla_accept_amount, unit: c.sla_accept_unit },
      fix: { amount: c.sla_fix_amount, unit: c.sla_fix_unit },
    },
  }
}

export async function routingRulesOf(db: Kysely<Database>, districtId: number): Promise<RoutingRule[]> {
  const rows = await db.selectFrom('routing_rules').selectAll().where('district_id', '=', districtId).execute()
  return rows.map((r) => ({
    id: r.id,
    districtId: r.district_id,
    categoryId: r.category_id,
    primaryOrganisationId: r.primary_organisation_id,
    copyOrganisationIds: r.copy_organisation_ids,
  }))
}

export async function districtIsActive(db: Kysely<Database>, districtId: number): Promise<boolean> {
  const d = await db.selectFrom('districts').select('active').where('id', '=', districtId).executeTakeFirst()
  return d?.active === true
}
