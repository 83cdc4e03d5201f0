import type { Transaction } from 'kysely'
import type { RedeemInviteStore } from '../../core/staff/redeem-invite.js'
import type { Database } from '../schema.js'

export function createRedeemInviteStore(trx: Transaction<Database>): RedeemInviteStore {
  return {
    lockInvite: async (tokenHash) => {
      const row = await trx
        .selectFrom('staff_invites')
        .select([
          'id',
          'role',
          'organisation_id',
          'district_id',
          'created_by_user_id',
          'expires_at',
          'used_at',
          'revoked_at',
        ])
        .where('token_hash', '=', tokenHash)
        .forUpdate()
        .executeTakeFirst()
      if (!row) return null
      return {
        id: row.id,
        role: row.role,
        organisationId: row.organisation_id,
        districtId: row.district_id,
        createdByUserId: row.created_by_user_id,
        expiresAt: row.expires_at,
        usedAt: row.used_at,
        revokedAt: row.revoked_at,
      }
    },
    insertMembership: async (m) => {
      const inserted = await trx
        .insertInto('staff_memberships')
        .values({
          user_id: m.userId,
          role: m.role,
          organisation_id: m.organisationId,
          district_id: m.districtId,
          created_by_user_id: m.createdByUserId,
          created_at: m.at,
        })
        // The partial unique index staff_memberships_active: one active copy of a role per person and scope.
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst()
      return inserted !== undefined
    },
    nameUser: async (userId, displayName) => {
      await trx
        .updateTable('users')
        .set({ display_name: displayName })
        .where('id', '=', userId)
        .where('display_name', 'is', null)
        .execute()
    },
    markInviteUsed: async (inviteId, userId, at) => {
      await trx
        .updateTable('staff_invites')
        .set({ used_at: at, used_by_user_id: userId })
        .where('id', '=', inviteId)
        .where('used_at', 'is', null)
        .execute()
    },
  }
}
