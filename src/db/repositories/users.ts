import type { Kysely } from 'kysely'
import type { Actor, Membership } from '../../core/access/permissions.js'
import type { Database } from '../schema.js'

export type Channel = 'telegram' | 'viber' | 'phone'

/** The user behind a channel address; created on first contact. Safe under concurrent first messages. */
export async function ensureChannelUser(
  db: Kysely<Database>,
  identity: { channel: Channel; externalId: string; language?: 'ru' | 'be' | 'en' },
): Promise<number> {
  const find = () =>
    db
      .selectFrom('channel_identities')
      .select(['user_id', 'unreachable_since'])
      .where('channel', '=', identity.channel)
      .where('external_id', '=', identity.externalId)
      .executeTakeFirst()
  const existing = await find()
  if (existing) {
    // They wrote to us: whatever made them unreachable (a block) is over.
    if (existing.unreachable_since !== null)
      await db
        .updateTable('channel_identities')
        .set({ unreachable_since: null, unreachable_reason: null })
        .where('channel', '=', identity.channel)
        .where('external_id', '=', identity.externalId)
        .execute()
    return existing.user_id
  }
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({ language: identity.language ?? 'ru' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const linked = await trx
      .insertInto('channel_identities')
      .values({ user_id: user.id, channel: identity.channel, external_id: identity.externalId })
      .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst()
    if (linked) return linked.user_id
    // Another update of the same person won the race: drop our empty user, use theirs.
    await trx.deleteFrom('users').where('id', '=', user.id).execute()
    const winner = await trx
      .selectFrom('channel_identities')
      .select('user_id')
      .where('channel', '=', identity.channel)
      .where('external_id', '=', identity.externalId)
      .executeTakeFirstOrThrow()
    return winner.user_id
  })
}

/**
 * The person behind a channel address with their language and active memberships, in one query
 * for someone known (every update asks this, so it is the bot's hottest read); created on first
 * contact. Like ensureChannelUser, writing to us ends an "unreachable" mark.
 */
export async function loadChannelPerson(
  db: Kysely<Database>,
  identity: { channel: Channel; externalId: string; language: 'ru' | 'be' | 'en' },
): Promise<{ userId: number; language: 'ru' | 'be' | 'en'; actor: Actor }> {
  const rows = await db
    .selectFrom('channel_identities as ci')
    .innerJoin('users as u', 'u.id', 'ci.user_id')
    .leftJoin('staff_memberships as m', (join) => join.onRef('m.user_id', '=', 'u.id').on('m.revoked_at', 'is', null))
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'ci.user_id',
      'ci.unreachable_since',
      'u.language',
      'm.role',
      'm.organisation_id',
      'm.district_id',
      'o.district_id as organisation_district_id',
    ])
    .where('ci.channel', '=', identity.channel)
    .where('ci.external_id', '=', identity.externalId)
    .execute()
  const first = rows[0]
  if (!first || first.unreachable_since !== null) {
    const userId = await ensureChannelUser(db, identity)
    return { userId, language: await userLanguage(db, userId), actor: await loadActor(db, userId) }
  }
  const memberships: Membership[] = rows.flatMap((r) =>
    r.role === null
      ? []
      : [
          {
            role: r.role,
            organisationId: r.organisation_id,
            districtId: r.organisation_id === null ? r.district_id : r.organisation_district_id,
          },
        ],
  )
  return { userId: first.user_id, language: first.language, actor: { userId: first.user_id, memberships } }
}

/** A user with their active staff memberships, as the permission checks need them. */
export async function loadActor(db: Kysely<Database>, userId: number): Promise<Actor> {
  const rows = await db
    .selectFrom('staff_memberships as m')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.role', 'm.organisation_id', 'm.district_id', 'o.district_id as organisation_district_id'])
    .where('m.user_id', '=', userId)
    .where('m.revoked_at', 'is', null)
    .execute()
  const memberships: Membership[] = rows.map((r) => ({
    role: r.role,
    organisationId: r.organisation_id,
    // Executors and dispatchers cover their organisation's district (none: the whole region).
    districtId: r.organisation_id === null ? r.district_id : r.organisation_district_id,
  }))
  return { userId, memberships }
}

/** The language the person reads the bot in. */
export async function userLanguage(db: Kysely<Database>, userId: number): Promise<'ru' | 'be' | 'en'> {
  const row = await db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst()
  return row?.language ?? 'ru'
}

/** The person blocked the bot or left the chat: messages to them stop until they write again. */
export async function markIdentityUnreachable(
  db: Kysely<Database>,
  channel: Channel,
  externalId: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('channel_identities')
    .set({ unreachable_since: new Date(), unreachable_reason: reason })
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .where('unreachable_since', 'is', null)
    .execute()
}
