import type { Kysely, Transaction } from 'kysely'
import type { CallerStore } from '../../core/dispatch/register-call.js'
import { normalizeBelarusPhone } from '../../core/dispatch/phone.js'
import type { Database } from '../schema.js'
import { ensureChannelUser } from './users.js'

/** Callers of the contact centre: a user behind each phone number (channel 'phone'). */
export function createCallerStore(db: Kysely<Database>): CallerStore {
  return {
    ensurePhoneCaller: async (phone, name) => {
      const userId = await ensureChannelUser(db, { channel: 'phone', externalId: phone })
      await db
        .updateTable('users')
        .set({ phone, ...(name !== '' && { display_name: name }), updated_at: new Date() })
        .where('id', '=', userId)
        .execute()
      return userId
    },
  }
}

/**
 * A messenger user shared their phone: requests registered from their calls become theirs (they
 * follow them in the bot from now on), and later calls from that number are theirs too.
 */
export async function adoptPhoneCaller(
  db: Kysely<Database> | Transaction<Database>,
  userId: number,
  sharedPhone: string,
): Promise<number> {
  const phone = normalizeBelarusPhone(sharedPhone)
  if (phone === null) return 0
  const caller = await db
    .selectFrom('channel_identities')
    .select('user_id')
    .where('channel', '=', 'phone')
    .where('external_id', '=', phone)
    .executeTakeFirst()
  if (!caller || caller.user_id === userId) return 0
  const moved = await db
    .updateTable('requests')
    .set({ author_user_id: userId })
    .where('author_user_id', '=', caller.user_id)
    .executeTakeFirst()
  await db
    .updateTable('channel_identities')
    .set({ user_id: userId })
    .where('channel', '=', 'phone')
    .where('external_id', '=', phone)
    .execute()
  return Number(moved.numUpdatedRows)
}
