import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MessengerChannel, Recipient } from '../../../core/delivery/ports.js'
import type { RecipientRoute, RecipientStore, RequestRouting } from '../../../core/delivery/recipients.js'
import type { Database } from '../../schema.js'

/** Addresses that still work, on the given channels. */
const reachable = (db: Kysely<Database>, channels: readonly MessengerChannel[]) =>
  db
    .selectFrom('users as u')
    .innerJoin('channel_identities as ci', 'ci.user_id', 'u.id')
    .select(['u.id as user_id', 'ci.external_id as chat_id', 'u.language', 'ci.channel'])
    .where('ci.channel', 'in', channels)
    .where('ci.unreachable_since', 'is', null)
    .where('u.anonymised_at', 'is', null)

/** Staff read in Telegram. */
const telegramRecipients = (db: Kysely<Database>) => reachable(db, ['telegram'])

/**
 * One address a person: the channel the request came in through, when it still works, then the
 * channels in the order given (Telegram before Viber).
 */
const preferred = (db: Kysely<Database>, channels: readonly MessengerChannel[], requestId: number | undefined) =>
  reachable(db, channels)
    .distinctOn('u.id')
    .orderBy('u.id')
    .$if(requestId !== undefined, (q) =>
      q.orderBy(sql`(ci.channel = (select source from requests where id = ${requestId})) desc`),
    )
    .orderBy(sql`array_position(${sql.val([...channels])}::text[], ci.channel)`)
    .orderBy('ci.id')

const toRecipient = (r: {
  user_id: number
  chat_id: string
  language: 'ru' | 'be' | 'en'
  channel: 'telegram' | 'viber' | 'phone'
}): Recipient => ({
  userId: r.user_id,
  chatId: r.chat_id,
  language: r.language,
  // Only messenger channels are selected (reachable filters on them).
  channel: r.channel === 'viber' ? 'viber' : 'telegram',
})

/** The author and the followers of a request who want updates and can be reached. */
export async function residentsOf(
  db: Kysely<Database>,
  channels: readonly MessengerChannel[],
  requestId: number,
): Promise<Recipient[]> {
  const rows = await preferred(db, channels, requestId)
    .where('u.notifications_enabled', '=', true)
    .where((eb) =>
      eb.or([
        eb('u.id', '=', eb.selectFrom('requests').select('author_user_id').where('id', '=', requestId)),
        eb('u.id', 'in', eb.selectFrom('request_followers').select('user_id').where('request_id', '=', requestId)),
      ]),
    )
    .execute()
  return rows.map(toRecipient)
}

export async function recipient(
  db: Kysely<Database>,
  channels: readonly MessengerChannel[],
  userId: number,
  route?: RecipientRoute,
): Promise<Recipient | null> {
  const row = await (
    route === undefined || route.staffMessage ? telegramRecipients(db) : preferred(db, channels, route.requestId)
  )
    .where('u.id', '=', userId)
    .executeTakeFirst()
  return row ? toRecipient(row) : null
}

/** On-duty dispatchers of organisations; their cards and escalations. */
export async function dispatchersOf(
  db: Kysely<Database>,
  organisationIds: number[],
): Promise<(Recipient & { organisationId: number })[]> {
  if (organisationIds.length === 0) return []
  const rows = await telegramRecipients(db)
    .innerJoin('staff_memberships as m', 'm.user_id', 'u.id')
    .select('m.organisation_id')
    .where('m.role', '=', 'dispatcher')
    .where('m.revoked_at', 'is', null)
    .where('m.on_duty', '=', true)
    .where('m.organisation_id', 'in', organisationIds)
    .execute()
  return rows.map((r) => ({ ...toRecipient(r), organisationId: r.organisation_id ?? 0 }))
}

export async function districtAdminsOf(db: Kysely<Database>, districtId: number): Promise<Recipient[]> {
  const rows = await telegramRecipients(db)
    .innerJoin('staff_memberships as m', 'm.user_id', 'u.id')
    .where('m.role', '=', 'district_admin')
    .where('m.revoked_at', 'is', null)
    .where('m.district_id', '=', districtId)
    .execute()
  return rows.map(toRecipient)
}

export async function triageOrganisations(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('organisations')
    .select('id')
    .where('type', '=', 'contact_centre')
    .where('district_id', 'is', null)
    .where('active', '=', true)
    .execute()
  return rows.map((r) => r.id)
}

export async function requestRouting(db: Kysely<Database>, requestId: number): Promise<RequestRouting | null> {
  const row = await db
    .selectFrom('requests')
    .select([
      'id',
      'number',
      'district_id',
      'primary_organisation_id',
      'copy_organisation_ids',
      'priority',
      'accept_due_at',
      'fix_due_at',
    ])
    .where('id', '=', requestId)
    .executeTakeFirst()
  return row
    ? {
        id: row.id,
        number: row.number,
        districtId: row.district_id,
        primaryOrganisationId: row.primary_organisation_id,
        copyOrganisationIds: row.copy_organisation_ids,
        emergency: row.priority === 'emergency',
        acceptDueAt: row.accept_due_at,
        fixDueAt: row.fix_due_at,
      }
    : null
}

/** `channels`: the messengers switched on; residents reached only on another one are not written to. */
export function createRecipientStore(db: Kysely<Database>, channels: readonly MessengerChannel[]): RecipientStore {
  return {
    residentsOf: (requestId) => residentsOf(db, channels, requestId),
    recipient: (userId, route) => recipient(db, channels, userId, route),
    dispatchersOf: (organisationIds) => dispatchersOf(db, organisationIds),
    districtAdminsOf: (districtId) => districtAdminsOf(db, districtId),
    triageOrganisations: () => triageOrganisations(db),
    requestRouting: (requestId) => requestRouting(db, requestId),
  }
}
