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

/** Residents living in a settlement (their home address), for outage notices. */
export async function residentsLivingIn(
  db: Kysely<Database>,
  settlementCode: string,
  count: number,
  street: string | null = null,
): Promise<number[]> {
  const settlementId = await idOf(db, 'settlements', settlementCode)
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const id = await aResident(db)
    await db
      .updateTable('users')
      .set({ home_settlement_id: settlementId, home_street: street })
      .where('id', '=', id)
      .execute()
    ids.push(id)
  }
  return ids
}

/** An outage notice already confirmed by an admin (state "sending", or "scheduled" for later). */
export async function aNotice(
  db: Kysely<Database>,
  area: Record<string, unknown>,
  options: { state?: 'sending' | 'scheduled'; sendAt?: Date; body?: string } = {},
): Promise<number> {
  const admin = await aResident(db)
  const row = await db
    .insertInto('notices')
    .values({
      kind: 'planned_outage',
      service: 'water',
      area: JSON.stringify(area),
      body: options.body ?? 'Плановое отключение холодной воды с 10:00 до 14:00',
      state: options.state ?? 'sending',
      send_at: options.sendAt ?? null,
      ends_at: new Date(Date.now() + 86_400_000),
      created_by_user_id: admin,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
