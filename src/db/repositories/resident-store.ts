import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { NoticeSummary, RequestSummary } from '../../core/dialogue/commands.js'
import type { ResidentStore } from '../../core/dialogue/resident-services.js'
import { OPEN_STATUSES } from '../../core/requests/status.js'
import type { Database } from '../schema.js'
import { adoptPhoneCaller } from './caller-store.js'
import { requestCard } from './resident-request-card.js'

function summaries(db: Kysely<Database>) {
  return db
    .selectFrom('requests as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .select(['r.id', 'r.number', 'r.status', 'c.name as category_name', 'r.address_text', 'r.created_at'])
}

const toSummary = (r: {
  id: number
  number: string
  status: string
  category_name: RequestSummary['categoryName']
  address_text: string
  created_at: Date
}): RequestSummary => ({
  id: r.id,
  number: r.number,
  status: r.status,
  categoryName: r.category_name,
  addressText: r.address_text,
  createdAt: r.created_at.toISOString(),
})

export function createResidentStore(db: Kysely<Database>): ResidentStore {
  return {
    profile: async (userId) => {
      const row = await db
        .selectFrom('users as u')
        .leftJoin('settlements as s', 's.id', 'u.home_settlement_id')
        .leftJoin('districts as d', 'd.id', 's.district_id')
        .select(['u.language', 'u.consent_given_at', 'u.notifications_enabled', 'd.code as district_code'])
        .where('u.id', '=', userId)
        .executeTakeFirst()
      return {
        language: row?.language ?? 'ru',
        consentGiven: row?.consent_given_at != null,
        homeDistrictCode: row?.district_code ?? null,
        notificationsEnabled: row?.notifications_enabled ?? true,
      }
    },
    saveProfile: async (userId, patch, home) => {
      await db
        .updateTable('users')
        .set({
          ...(patch.language !== undefined && { language: patch.language }),
          ...(patch.consentGiven === true && { consent_given_at: new Date() }),
          ...(patch.phone !== undefined && { phone: patch.phone }),
          ...(patch.notificationsEnabled !== undefined && { notifications_enabled: patch.notificationsEnabled }),
          ...(home &&
            patch.home && { home_settlement_id: home.settlementId, home_street: patch.home.street, home_house: null }),
          updated_at: new Date(),
        })
        .where('id', '=', userId)
        .execute()
      // Only a number the channel vouches for may claim a caller's requests: a forwarded card
      // (or a Viber contact of whatever number) would hand someone else's requests over.
      if (patch.phone !== undefined && patch.phoneVerified === true) await adoptPhoneCaller(db, userId, patch.phone)
    },
    forget: async (userId) => {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({
            display_name: null,
            phone: null,
            consent_given_at: null,
            home_settlement_id: null,
            home_street: null,
            home_house: null,
            notifications_enabled: false,
            anonymised_at: new Date(),
            updated_at: new Date(),
          })
          .where('id', '=', userId)
          .execute()
        await trx.updateTable('requests').set({ contact_phone: null }).where('author_user_id', '=', userId).execute()
        await trx.deleteFrom('subscriptions').where('user_id', '=', userId).execute()
        // Without its channel addresses the user is no longer anyone; the requests stay, anonymised.
        await trx.deleteFrom('channel_identities').where('user_id', '=', userId).execute()
      })
    },
    openRequestsAt: async (addressKey, categoryId) =>
      (
        await summaries(db)
          .where('r.address_key', '=', addressKey)
          .where('r.category_id', '=', categoryId)
          .where('r.status', 'in', OPEN_STATUSES)
          .orderBy('r.created_at')
          .limit(3)
          .execute()
      ).map(toSummary),
    activeNotices: (area, services) => activeNotices(db, area, services),
    homeArea: async (userId) => {
      const row = await db
        .selectFrom('users as u')
        .innerJoin('settlements as s', 's.id', 'u.home_settlement_id')
        .select(['s.district_id', 's.id as settlement_id', 'u.home_street'])
        .where('u.id', '=', userId)
        .executeTakeFirst()
      return row ? { districtId: row.district_id, settlementId: row.settlement_id, street: row.home_street } : null
    },
    listRequests: async (userId, page) =>
      (
        await summaries(db)
          .where('r.author_user_id', '=', userId)
          .orderBy('r.created_at', 'desc')
          .orderBy('r.id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute()
      ).map(toSummary),
    requestCard: (by) => requestCard(db, by),
    follow: async (userId, requestId) => {
      await db
        .insertInto('request_followers')
        .values({ request_id: requestId, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .execute()
    },
    organisationName: async (organisationId) => {
      const row = await db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', organisationId)
        .executeTakeFirst()
      return row?.name ?? null
    },
  }
}

async function activeNotices(
  db: Kysely<Database>,
  area: { districtId: number; settlementId: number | null; street: string | null },
  services: string[] | null,
): Promise<NoticeSummary[]> {
  let query = db
    .selectFrom('notices')
    .select(['id', 'kind', 'service', 'body', 'starts_at', 'ends_at'])
    .where('state', 'in', ['sending', 'sent'])
    .where('parent_notice_id', 'is', null)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', new Date())]))
    .where(
      sql<boolean>`(
        area->>'scope' = 'region'
        or (area->>'scope' = 'districts' and area->'districtIds' @> to_jsonb(${area.districtId}::int))
        or (area->>'scope' = 'settlement' and (area->>'settlementId')::int = ${area.settlementId}
            and (coalesce(jsonb_array_length(area->'streets'), 0) = 0
                 or ${area.street}::text is null
                 or exists (select 1 from jsonb_array_elements(area->'streets') s
                            where lower(s->>'street') = lower(${area.street}::text))))
      )`,
    )
  if (services !== null) query = query.where('service', 'in', services.length > 0 ? services : ['-'])
  const rows = await query.orderBy('created_at', 'desc').limit(5).execute()
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    service: n.service,
    body: n.body,
    startsAt: n.starts_at?.toISOString() ?? null,
    endsAt: n.ends_at?.toISOString() ?? null,
  }))
}
