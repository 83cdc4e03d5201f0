import type { Kysely } from 'kysely'
import type { StaffRole } from '../../src/core/access/permissions.js'
import type { Photo, RequestDraft } from '../../src/core/requests/request.js'
import type { Database } from '../../src/db/schema.js'
import { ensureChannelUser } from '../../src/db/repositories/users.js'

let nextExternalId = 1_000_000

export async function idOf(
  db: Kysely<Database>,
  table: 'districts' | 'organisations' | 'categories' | 'settlements',
  code: string,
): Promise<number> {
  const row = await db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirst()
  if (!row) throw new Error(`no ${table} row with code ${code}`)
  return row.id
}

export async function aResident(db: Kysely<Database>): Promise<number> {
  return ensureChannelUser(db, { channel: 'telegram', externalId: String(nextExternalId++) })
}

/** A person with one staff role: in an organisation (executor, dispatcher) or a district (district admin). */
export async function aStaffMember(
  db: Kysely<Database>,
  role: StaffRole,
  scope: { organisation?: string; district?: string } = {},
): Promise<number> {
  const userId = await aResident(db)
  await db
    .insertInto('staff_memberships')
    .values({
      user_id: userId,
      role,
      organisation_id: scope.organisation === undefined ? null : await idOf(db, 'organisations', scope.organisation),
      district_id: scope.district === undefined ? null : await idOf(db, 'districts', scope.district),
    })
    .execute()
  return userId
}

export const aPhoto = (kind: Photo['kind'] = 'before'): Photo => ({
  kind,
  mimeType: 'image/jpeg',
  sizeBytes: 4,
  content: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
  telegramFileId: null,
})

/** A valid draft: a cold radiator in Lida, unless overridden. */
export async function aDraft(
  db: Kysely<Database>,
  authorUserId: number,
  overrides: Partial<RequestDraft> = {},
): Promise<RequestDraft> {
  return {
    authorUserId,
    source: 'telegram',
    categoryId: await idOf(db, 'categories', 'heating.no-heat'),
    districtId: await idOf(db, 'districts', 'lida'),
    address: {
      settlementId: await idOf(db, 'settlements', 'lida.lida'),
      street: 'ул. Советская',
      house: '5',
      entrance: '2',
      flat: '17',
      text: 'Лида, ул. Советская, 5, под. 2, кв. 17',
    },
    location: null,
    description: 'Батареи холодные третий день',
    contactPhone: null,
    photos: [],
    idempotencyKey: null,
    ...overrides,
  }
}
