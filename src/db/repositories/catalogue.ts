import type { Kysely } from 'kysely'
import type { Catalogue } from '../../core/dialogue/catalogue.js'
import type { Database } from '../schema.js'

/** The active reference data, as the dialogue keeps it in memory. */
export async function loadCatalogue(db: Kysely<Database>): Promise<Catalogue> {
  const [region, districts, settlements, categories, emergencyNumbers, organisations] = await Promise.all([
    db.selectFrom('region').select('request_number_prefix').executeTakeFirst(),
    db.selectFrom('districts').selectAll().where('active', '=', true).orderBy('kind').orderBy('id').execute(),
    db.selectFrom('settlements').selectAll().where('active', '=', true).orderBy('id').execute(),
    db.selectFrom('categories').selectAll().where('active', '=', true).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('emergency_numbers').selectAll().orderBy('sort_order').execute(),
    db.selectFrom('organisations').selectAll().where('active', '=', true).orderBy('id').execute(),
  ])
  return {
    requestNumberPrefix: region?.request_number_prefix ?? 'GR',
    districts: districts.map((d) => ({
      id: d.id,
      code: d.code,
      name: d.name,
      centre: { lat: d.centre_lat, lon: d.centre_lon },
      settlements: settlements
        .filter((s) => s.district_id === d.id)
        .map((s) => ({ id: s.id, code: s.code, name: s.name })),
    })),
    topCategories: categories
      .filter((c) => c.parent_id === null)
      .map((top) => ({
        id: top.id,
        code: top.code,
        name: top.name,
        children: categories
          .filter((c) => c.parent_id === top.id)
          .map((c) => ({
            id: c.id,
            code: c.code,
            name: c.name,
            emergency: c.emergency,
            hardStop: c.hard_stop ?? null,
            notOurCompetence: c.not_our_competence ?? null,
            photoRequired: c.photo_required,
          })),
      }))
      .filter((top) => top.children.length > 0),
    emergencyNumbers: emergencyNumbers.map((e) => ({ code: e.code, phone: e.phone, name: e.name })),
    organisations: organisations.map((o) => ({
      id: o.id,
      code: o.code,
      type: o.type,
      districtId: o.district_id,
      name: o.name,
      phones: o.phones.map((p) => ({ number: p.number, placeholder: p.placeholder })),
      workingHours: o.working_hours,
    })),
  }
}
