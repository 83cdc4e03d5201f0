import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { OrganisationFigures } from '../../core/admin/organisation-stats.js'
import type { LocalizedText } from '../../core/i18n/text.js'
import { FINISHED_STATUSES } from '../../core/requests/status.js'
import type { Database } from '../schema.js'

/** The core's figures, with the organisation's id for joining in the repository. */
export interface OrganisationStats extends OrganisationFigures {
  organisationId: number | null
}

/**
 * Per organisation (the primary one; null = region triage), for requests received in [from, to)
 * within a district or the whole region. Computed in SQL.
 */
export async function organisationStats(
  db: Kysely<Database>,
  options: { from: Date; to: Date; districtId: number | null; now: Date },
): Promise<OrganisationStats[]> {
  const finished = sql.join([...FINISHED_STATUSES])
  const { rows } = await sql<{
    organisation_id: number | null
    code: string | null
    name: LocalizedText | null
    received: number
    open: number
    overdue: number
    done_on_time: number
    done_on_time_pct: number | null
    median_accept_minutes: number | null
    median_finish_minutes: number | null
    reopen_pct: number | null
    average_rating: number | null
  }>`
    with r as (
      select r.*, exists (select 1 from request_events e where e.request_id = r.id and e.kind = 'status_changed'
                          and e.to_status = 'reopened') as reopened
      from requests r
      where r.created_at >= ${options.from} and r.created_at < ${options.to}
        and (${options.districtId}::int is null or r.district_id = ${options.districtId}::int)
    )
    select r.primary_organisation_id as organisation_id, o.code, o.name,
      count(*)::int as received,
      count(*) filter (where r.status not in (${finished}))::int as open,
      count(*) filter (where r.status not in (${finished}) and r.fix_due_at < ${options.now})::int as overdue,
      count(*) filter (where r.done_at is not null and r.done_at <= r.fix_due_at)::int as done_on_time,
      round(100.0 * count(*) filter (where r.done_at is not null and r.done_at <= r.fix_due_at)
            / nullif(count(*) filter (where r.done_at is not null), 0), 1)::float8 as done_on_time_pct,
      round((percentile_cont(0.5) within group (order by extract(epoch from r.accepted_at - r.created_at))
             filter (where r.accepted_at is not null) / 60)::numeric, 1)::float8 as median_accept_minutes,
      round((percentile_cont(0.5) within group (order by extract(epoch from r.done_at - r.created_at))
             filter (where r.done_at is not null) / 60)::numeric, 1)::float8 as median_finish_minutes,
      round(100.0 * count(*) filter (where r.reopened) / count(*), 1)::float8 as reopen_pct,
      round(avg(r.rating), 2)::float8 as average_rating
    from r left join organisations o on o.id = r.primary_organisation_id
    group by r.primary_organisation_id, o.code, o.name
    order by received desc, o.code nulls first`.execute(db)
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    code: r.code,
    name: r.name,
    received: r.received,
    open: r.open,
    overdue: r.overdue,
    doneOnTime: r.done_on_time,
    doneOnTimePct: r.done_on_time_pct,
    medianAcceptMinutes: r.median_accept_minutes,
    medianFinishMinutes: r.median_finish_minutes,
    reopenPct: r.reopen_pct,
    averageRating: r.average_rating,
  }))
}

/**
 * Per day of the region's calendar: requests received that day, and requests done that day
 * (whenever they were received), in [from, to) within a district or the whole region.
 * Days with neither are absent.
 */
export async function dailyTrend(
  db: Kysely<Database>,
  options: { from: Date; to: Date; districtId: number | null; timeZone: string },
): Promise<{ day: string; received: number; done: number }[]> {
  const { from, to, districtId, timeZone } = options
  const { rows } = await sql<{ day: string; received: number; done: number }>`
    with events as (
      select created_at as at, 1 as received, 0 as done from requests
      where created_at >= ${from} and created_at < ${to}
        and (${districtId}::int is null or district_id = ${districtId}::int)
      union all
      select done_at, 0, 1 from requests
      where done_at >= ${from} and done_at < ${to}
        and (${districtId}::int is null or district_id = ${districtId}::int)
    )
    select to_char(at at time zone ${timeZone}, 'YYYY-MM-DD') as day,
      sum(received)::int as received, sum(done)::int as done
    from events group by 1 order by 1`.execute(db)
  return rows
}

/** How many requests received in [from, to) got each rating (1–5); ratings nobody gave are absent. */
export async function ratingCounts(
  db: Kysely<Database>,
  options: { from: Date; to: Date; districtId: number | null },
): Promise<{ rating: number; count: number }[]> {
  let query = db
    .selectFrom('requests')
    .select(['rating', sql<number>`count(*)::int`.as('count')])
    .where('rating', 'is not', null)
    .where('created_at', '>=', options.from)
    .where('created_at', '<', options.to)
  if (options.districtId !== null) query = query.where('district_id', '=', options.districtId)
  const rows = await query.groupBy('rating').orderBy('rating').execute()
  return rows.map((r) => ({ rating: r.rating ?? 0, count: r.count }))
}
