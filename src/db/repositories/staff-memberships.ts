import type { Kysely, Transaction } from 'kysely'
import type { BootstrapAdminsStore } from '../../core/staff/bootstrap-admins.js'
import type { ListStaffStore } from '../../core/staff/list-staff.js'
import type { RevokeMembershipStore } from '../../core/staff/revoke-membership.js'
import type { Database } from '../schema.js'

export function createRevokeMembershipStore(trx: Transaction<Database>): RevokeMembershipStore {
  return {
    lockMembership: async (membershipId) => {
      const row = await trx
        .selectFrom('staff_memberships as m')
        .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['m.id', 'm.user_id', 'm.role', 'm.organisation_id', 'm.district_id', 'm.revoked_at'])
        .select('o.district_id as organisation_district_id')
        .where('m.id', '=', membershipId)
        .forUpdate('m')
        .executeTakeFirst()
      if (!row) return null
      return {
        id: row.id,
        userId: row.user_id,
        role: row.role,
        organisationId: row.organisation_id,
        areaDistrictId: row.organisation_id === null ? row.district_id : row.organisation_district_id,
        revokedAt: row.revoked_at,
      }
    },
    markRevoked: async (membershipId, byUserId, at) => {
      await trx
        .updateTable('staff_memberships')
        .set({ revoked_at: at, revoked_by_user_id: byUserId })
        .where('id', '=', membershipId)
        .where('revoked_at', 'is', null)
        .execute()
    },
  }
}

export function createListStaffStore(db: Kysely<Database>): ListStaffStore {
  return {
    activeMemberships: async () => {
      const rows = await db
        .selectFrom('staff_memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
        .leftJoin('districts as d', (join) =>
          join.on((eb) => eb('d.id', '=', eb.fn.coalesce('o.district_id', 'm.district_id'))),
        )
        .select(['m.id', 'm.user_id', 'm.role', 'm.organisation_id', 'm.district_id', 'u.display_name'])
        .select(['o.district_id as organisation_district_id', 'o.name as organisation_name', 'd.name as district_name'])
        .where('m.revoked_at', 'is', null)
        .orderBy('m.district_id')
        .orderBy('m.organisation_id')
        .orderBy('m.role')
        .orderBy('m.id')
        .execute()
      return rows.map((row) => ({
        membershipId: row.id,
        userId: row.user_id,
        displayName: row.display_name,
        role: row.role,
        organisationId: row.organisation_id,
        areaDistrictId: row.organisation_id === null ? row.district_id : row.organisation_district_id,
        organisationName: row.organisation_name,
        districtName: row.district_name,
      }))
    },
  }
}

export function createBootstrapAdminsStore(trx: Transaction<Database>): BootstrapAdminsStore {
  const identity = (externalId: string) =>
    trx
      .selectFrom('channel_identities')
      .select('user_id')
      .where('channel', '=', 'telegram')
      .where('external_id', '=', externalId)
  return {
    ensureTelegramUser: async (telegramUserId) => {
      const externalId = String(telegramUserId)
      const existing = await identity(externalId).executeTakeFirst()
      if (existing) return existing.user_id
      const user = await trx.insertInto('users').values({ language: 'ru' }).returning('id').executeTakeFirstOrThrow()
      const linked = await trx
        .insertInto('channel_identities')
        .values({ user_id: user.id, channel: 'telegram', external_id: externalId })
        .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst()
      if (linked) return linked.user_id
      // They wrote to the bot at this very moment: keep their user, drop ours.
      await trx.deleteFrom('users').where('id', '=', user.id).execute()
      return (await identity(externalId).executeTakeFirstOrThrow()).user_id
    },
    ensureRegionAdmin: async (userId) => {
      const inserted = await trx
        .insertInto('staff_memberships')
        .values({ user_id: userId, role: 'region_admin', organisation_id: null, district_id: null })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst()
      return inserted !== undefined
    },
  }
}

/** Every person holding an active staff role, with their Telegram chat (to bring their command menus up to date). */
export async function activeStaffTelegramChats(db: Kysely<Database>): Promise<{ userId: number; chatId: number }[]> {
  const rows = await db
    .selectFrom('staff_memberships as m')
    .innerJoin('channel_identities as ci', 'ci.user_id', 'm.user_id')
    .select(['m.user_id', 'ci.external_id'])
    .distinct()
    .where('m.revoked_at', 'is', null)
    .where('ci.channel', '=', 'telegram')
    .execute()
  return rows.map((row) => ({ userId: row.user_id, chatId: Number(row.external_id) }))
}

/** The private chat with a person in Telegram (the chat id of a private chat is the user id). */
export async function telegramChatOf(db: Kysely<Database>, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom('channel_identities')
    .select('external_id')
    .where('user_id', '=', userId)
    .where('channel', '=', 'telegram')
    .executeTakeFirst()
  return row ? Number(row.external_id) : null
}
