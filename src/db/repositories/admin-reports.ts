import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { DeadLetterQuery } from '../../core/admin/list-dead-letters.js'
import type { RequestsForExport } from '../../core/admin/export-requests.js'
import type { StatsStore } from '../../core/admin/organisation-stats.js'
import type { Database } from '../schema.js'
import { districtName } from './staff-directory.js'
import { dailyTrend, organisationStats, ratingCounts } from './stats.js'

const MAX_EXPORT = 50_000

/** Requests received in [from, to) in a district or the whole region, oldest first. */
export const requestsForExport =
  (db: Kysely<Database>): RequestsForExport =>
  async (options) => {
    let query = db
      .selectFrom('requests as r')
      .innerJoin('districts as d', 'd.id', 'r.district_id')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .leftJoin('organisations as o', 'o.id', 'r.primary_organisation_id')
      .leftJoin('settlements as s', 's.id', 'r.settlement_id')
      .innerJoin('users as u', 'u.id', 'r.author_user_id')
      .select([
        'r.number',
        'r.created_at',
        'd.name as district',
        'c.name as category',
        'o.code as organisation',
        'r.status',
        'r.priority',
        'r.source',
        's.name as settlement',
        'r.street',
        'r.house',
        'r.address_text',
        'r.description',
        'r.accepted_at',
        'r.fix_due_at',
        'r.done_at',
        'r.rating',
        'u.display_name',
        'u.phone',
        'r.contact_phone',
      ])
      .where('r.created_at', '>=', options.from)
      .where('r.created_at', '<', options.to)
    if (options.districtId !== null) query = query.where('r.district_id', '=', options.districtId)
    const rows = await query.orderBy('r.created_at').orderBy('r.id').limit(MAX_EXPORT).execute()
    return rows.map((r) => ({
      number: r.number,
      createdAt: r.created_at,
      district: r.district,
      category: r.category,
      organisation: r.organisation,
      status: r.status,
      priority: r.priority,
      source: r.source,
      place: { settlement: r.settlement, street: r.street, house: r.house },
      description: r.description,
      acceptedAt: r.accepted_at,
      fixDueAt: r.fix_due_at,
      doneAt: r.done_at,
      rating: r.rating,
      personal: options.personal
        ? { addressText: r.address_text, name: r.display_name, phone: r.contact_phone ?? r.phone }
        : null,
    }))
  }

/** The dead letters of an area (see DeadLetterQuery for which belong to a district). */
export const deadLetterPage =
  (db: Kysely<Database>): DeadLetterQuery =>
  async ({ area, offset, limit }) => {
    const districtIds = area.region ? [] : area.districtIds
    const open = db
      .selectFrom('dead_letters')
      .where('resolved_at', 'is', null)
      .$if(!area.region, (q) =>
        q.where(
          sql<boolean>`(
            exists (select 1 from requests r
                    where r.id::text = coalesce(dead_letters.payload->'message'->>'requestId',
                                                dead_letters.payload->>'requestId')
                      and r.district_id = any(${sql.val(districtIds)}::int[]))
            or exists (select 1 from users u join settlements s on s.id = u.home_settlement_id
                       where u.id = dead_letters.recipient_user_id
                         and s.district_id = any(${sql.val(districtIds)}::int[]))
          )`,
        ),
      )
    const [rows, total] = await Promise.all([
      open
        .select(['id', 'failed_at', 'queue', 'job_name', 'attempts', 'reason'])
        .orderBy('failed_at', 'desc')
        .orderBy('id', 'desc')
        .offset(offset)
        .limit(limit)
        .execute(),
      open.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return {
      rows: rows.map((r) => ({
        id: r.id,
        failedAt: r.failed_at,
        queue: r.queue,
        jobName: r.job_name,
        attempts: r.attempts,
        reason: r.reason,
      })),
      total: total.n,
    }
  }

/** /stats' figures per organisation, per day and per rating, and the district's name for the titles. */
export function createStatsStore(db: Kysely<Database>): StatsStore {
  return {
    figures: (query) => organisationStats(db, query),
    dailyTrend: (query) => dailyTrend(db, query),
    ratings: (query) => ratingCounts(db, query),
    districtName: (districtId) => districtName(db, districtId),
  }
}
