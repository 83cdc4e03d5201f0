import type { Kysely, RawBuilder } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../schema.js'

/** The messengers switched on, as a Postgres text[] parameter, in the order a person is reached. */
export type ChannelList = RawBuilder<string[]>

// Street names compared without the street-type word people write or leave out.
const street = (column: string) =>
  sql.raw(
    `regexp_replace(lower(trim(${column})), '^(ул\\.?|улица|вул\\.?|вуліца|пр-т|проспект|пер\\.?|переулок|завулак)\\s*', '')`,
  )

/**
 * Whether a place (district, settlement, street, house) lies in the notice's area (n.area). An unknown
 * street or house is not ruled out.
 */
const inArea = (district: string, settlement: string, streetColumn: string, houseColumn = 'null::text') => sql`(
  n.area->>'scope' = 'region'
  or (n.area->>'scope' = 'districts' and n.area->'districtIds' @> to_jsonb(${sql.raw(district)}))
  or (n.area->>'scope' = 'settlement' and (n.area->>'settlementId')::int = ${sql.raw(settlement)}
      and (coalesce(jsonb_array_length(n.area->'streets'), 0) = 0 or ${sql.raw(streetColumn)} is null
           or exists (select 1 from jsonb_array_elements(n.area->'streets') st
                      where ${street("st->>'street'")} = ${street(streetColumn)}
                        and (st->>'houses' is null or ${sql.raw(houseColumn)} is null
                             or house_in_ranges(${sql.raw(houseColumn)}, st->>'houses')))))
)`

/**
 * The next page of recipients after `afterUserId`, in user id order: residents whose home,
 * subscription or a request of the last 90 days lies in the area, who want notices and can be reached.
 */
export async function recipientsPage(
  db: Kysely<Database>,
  channels: ChannelList,
  noticeId: number,
  afterUserId: number,
  limit: number,
): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select u.id from users u
    join notices n on n.id = ${noticeId}
    where u.id > ${afterUserId} and u.notifications_enabled and u.anonymised_at is null
      and exists (select 1 from channel_identities ci
                  where ci.user_id = u.id and ci.channel = any(${channels}::text[])
                    and ci.unreachable_since is null)
      and (
        -- a follow-up (correction, "restored") goes to those who had received the original before it
        case when n.parent_notice_id is not null then exists (
          select 1 from notice_deliveries pd where pd.notice_id = n.parent_notice_id and pd.user_id = u.id
            and pd.state = 'sent' and pd.sent_at <= n.created_at)
        else (
        exists (select 1 from settlements s where s.id = u.home_settlement_id and ${inArea('s.district_id', 's.id', 'u.home_street', 'u.home_house')})
        or exists (select 1 from subscriptions sub where sub.user_id = u.id and ${inArea('sub.district_id', 'sub.settlement_id', 'sub.street')})
        or exists (select 1 from requests r where r.author_user_id = u.id and r.created_at > now() - interval '90 days'
                   and ${inArea('r.district_id', 'r.settlement_id', 'r.street', 'r.house')})
        ) end
      )
    order by u.id limit ${limit}`.execute(db)
  return rows.map((r) => r.id)
}
