import type { Kysely } from 'kysely'
import type { Housekeeping } from '../../../core/delivery/housekeeping.js'
import type { Database } from '../../schema.js'

export async function purgeOld(db: Kysely<Database>, olderThan: Date): Promise<void> {
  await db.deleteFrom('processed_updates').where('processed_at', '<', olderThan).execute()
  await db.deleteFrom('outbox').where('published_at', '<', olderThan).execute()
  await db.deleteFrom('sent_messages').where('created_at', '<', olderThan).execute()
}

export function createHousekeeping(db: Kysely<Database>): Housekeeping {
  return { purgeOld: (olderThan) => purgeOld(db, olderThan) }
}
