import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'

/**
 * Records an inbound update; false if it was recorded before (a redelivery or a double tap
 * delivered twice), in which case it must not be handled again.
 */
export async function markUpdateProcessed(
  db: Kysely<Database>,
  channel: 'telegram' | 'viber',
  updateId: string,
): Promise<boolean> {
  const inserted = await db
    .insertInto('processed_updates')
    .values({ channel, update_id: updateId })
    .onConflict((oc) => oc.columns(['channel', 'update_id']).doNothing())
    .returning('update_id')
    .executeTakeFirst()
  return inserted !== undefined
}
