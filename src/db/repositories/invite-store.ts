import type { Transaction } from 'kysely'
import type { CreateInviteStore } from '../../core/access/invites.js'
import type { Database } from '../schema.js'
import { districtIsActive } from './region.js'

export function createInviteStore(trx: Transaction<Database>): CreateInviteStore {
  return {
    organisationDistrict: async (organisationId) => {
      const row = await trx
        .selectFrom('organisations')
        .select('district_id')
        .where('id', '=', organisationId)
        .where('active', '=', true)
        .executeTakeFirst()
      return row ? { districtId: row.district_id } : null
    },
    districtIsActive: (districtId) => districtIsActive(trx, districtId),
    insertInvite: async ({ tokenHash, spec, createdByUserId, expiresAt }) => {
      await trx
        .insertInto('staff_invites')
        .values({
          token_hash: tokenHash,
          role: spec.role,
          organisation_id: spec.organisationId,
          district_id: spec.districtId,
          created_by_user_id: createdByUserId,
          expires_at: expiresAt,
        })
        .execute()
    },
  }
}
