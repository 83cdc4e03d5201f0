import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'

type Channel = 'telegram' | 'viber'

/** Whether an inbound update was handled before (a redelivery or a double tap delivered twice). */
export async function isUpdateProcessed(db: Kysely<Database>, channel: Channel, updateId: string): Promise<boolean> {
  const row = await db
    .selectFrom('processed_updates')
    .select('update_id')
    .where('channel', '=', channel)
    .where('update_id', '=', updateId)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * Records an inbound update as handled; false if it was recorded before, in which case it
 * must not be handled again.
 */
export async function markUpdateProcessed(db: Kysely<Database>, channel: Channel, updateId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('processed_updates')
    .values({ channel, update_id: updateId })
    .onConflict((oc) => oc.columns(['channel', 'update_id']).doNothing())
    .returning('update_id')
    .executeTakeFirst()
  return inserted !== undefined
}
