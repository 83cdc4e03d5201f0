import type { Kysely } from 'kysely'
import type { DistrictName } from '../../core/admin/find-district.js'
import type { LocalizedText } from '../../core/i18n/text.js'
import type { NoticePlacesStore } from '../../core/notices/notice-places.js'
import type { Place } from '../../core/staff/invite-choices.js'
import type { Database } from '../schema.js'

type NamedPlace = Place

/** Active districts, for an admin choosing where an invite goes. */
export async function activeDistricts(db: Kysely<Database>): Promise<NamedPlace[]> {
  return db
    .selectFrom('districts')
    .select(['id', 'code', 'name'])
    .where('active', '=', true)
    .orderBy('kind')
    .orderBy('code')
    .execute()
}

/** Active organisations of a district (null: those serving the whole region). */
export async function organisationsOf(db: Kysely<Database>, districtId: number | null): Promise<NamedPlace[]> {
  let query = db.selectFrom('organisations').select(['id', 'code', 'name']).where('active', '=', true)
  query = districtId === null ? query.where('district_id', 'is', null) : query.where('district_id', '=', districtId)
  return query.orderBy('code').execute()
}

export async function organisationByCode(
  db: Kysely<Database>,
  code: string,
): Promise<(NamedPlace & { districtId: number | null }) | null> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'code', 'name', 'district_id'])
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst()
  return row ? { id: row.id, code: row.code, name: row.name, districtId: row.district_id } : null
}

export async function districtByCode(db: Kysely<Database>, code: string): Promise<NamedPlace | null> {
  const row = await db
    .selectFrom('districts')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst()
  return row ?? null
}

/** The names of an organisation and a district (either may be absent), for telling people where they work. */
export async function placeNames(
  db: Kysely<Database>,
  place: { organisationId: number | null; districtId: number | null },
): Promise<{ organisation: LocalizedText | null; district: LocalizedText | null }> {
  const organisation =
    place.organisationId === null
      ? undefined
      : await db
          .selectFrom('organisations as o')
          .leftJoin('districts as d', 'd.id', 'o.district_id')
          .select(['o.name', 'd.name as district_name'])
          .where('o.id', '=', place.organisationId)
          .executeTakeFirst()
  const district =
    place.districtId === null
      ? undefined
      : await db.selectFrom('districts').select('name').where('id', '=', place.districtId).executeTakeFirst()
  return {
    organisation: organisation?.name ?? null,
    district: district?.name ?? organisation?.district_name ?? null,
  }
}

/** Every district (active or not, as reports name them), by id. */
export async function allDistricts(db: Kysely<Database>): Promise<DistrictName[]> {
  return db.selectFrom('districts').select(['id', 'code', 'name']).orderBy('id').execute()
}

export async function districtName(db: Kysely<Database>, districtId: number): Promise<LocalizedText | null> {
  const row = await db.selectFrom('districts').select('name').where('id', '=', districtId).executeTakeFirst()
  return row?.name ?? null
}

/** Districts and settlements a notice may be addressed to, by id. */
export function createNoticePlacesStore(db: Kysely<Database>): NoticePlacesStore {
  return {
    activeDistricts: () =>
      db.selectFrom('districts').select(['id', 'name']).where('active', '=', true).orderBy('id').execute(),
    settlementsOf: (districtId) =>
      db
        .selectFrom('settlements')
        .select(['id', 'name'])
        .where('district_id', '=', districtId)
        .where('active', '=', true)
        .orderBy('id')
        .execute(),
  }
}
