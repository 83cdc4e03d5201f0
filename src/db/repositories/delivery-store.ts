import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { MessengerChannel, Recipient } from '../../core/delivery/ports.js'
import type { DeliveryStore, RecipientRoute } from '../../core/delivery/stores.js'
import type { NoticeView, RequestCardView, StatusUpdateView } from '../../core/delivery/outgoing.js'
import type { Database } from '../schema.js'
import type { RequestStatus } from '../../core/requests/status.js'
import { createDispatchDeliveryStore } from './dispatch-delivery-store.js'

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

/**
 * What the workers read and write to deliver messages, in the words of the domain. `channels`:
 * the messengers switched on; residents reached only on another one are not written to.
 */
export function createDeliveryStore(
  db: Kysely<Database>,
  options: { channels?: readonly MessengerChannel[] } = {},
): DeliveryStore {
  const channels = options.channels ?? ['telegram']
  return {
    ...createDispatchDeliveryStore(db),
    async triageOrganisations(): Promise<number[]> {
      const rows = await db
        .selectFrom('organisations')
        .select('id')
        .where('type', '=', 'contact_centre')
        .where('district_id', 'is', null)
        .where('active', '=', true)
        .execute()
      return rows.map((r) => r.id)
    },

    async purgeOld(olderThan: Date): Promise<void> {
      await db.deleteFrom('processed_updates').where('processed_at', '<', olderThan).execute()
      await db.deleteFrom('outbox').where('published_at', '<', olderThan).execute()
      await db.deleteFrom('sent_messages').where('created_at', '<', olderThan).execute()
    },

    /** The author and the followers of a request who want updates and can be reached. */
    async residentsOf(requestId: number): Promise<Recipient[]> {
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
    },

    async recipient(userId: number, route?: RecipientRoute): Promise<Recipient | null> {
      const row = await (
        route === undefined || route.staffMessage ? telegramRecipients(db) : preferred(db, channels, route.requestId)
      )
        .where('u.id', '=', userId)
        .executeTakeFirst()
      return row ? toRecipient(row) : null
    },

    /** On-duty dispatchers of organisations; their cards and escalations. */
    async dispatchersOf(organisationIds: number[]): Promise<(Recipient & { organisationId: number })[]> {
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
    },

    async districtAdminsOf(districtId: number): Promise<Recipient[]> {
      const rows = await telegramRecipients(db)
        .innerJoin('staff_memberships as m', 'm.user_id', 'u.id')
        .where('m.role', '=', 'district_admin')
        .where('m.revoked_at', 'is', null)
        .where('m.district_id', '=', districtId)
        .execute()
      return rows.map(toRecipient)
    },

    async requestRouting(requestId: number) {
      return db
        .selectFrom('requests')
        .select([
          'id',
          'number',
          'status',
          'district_id',
          'primary_organisation_id',
          'copy_organisation_ids',
          'priority',
          'accept_due_at',
          'fix_due_at',
          'created_at',
          'accepted_at',
        ])
        .where('id', '=', requestId)
        .executeTakeFirst()
    },

    async statusUpdateView(requestId: number, eventId: number): Promise<StatusUpdateView | null> {
      const row = await db
        .selectFrom('request_events as e')
        .innerJoin('requests as r', 'r.id', 'e.request_id')
        .leftJoin('organisations as o', 'o.id', 'r.primary_organisation_id')
        .select([
          'r.number',
          'e.to_status',
          'e.note',
          'o.name as organisation_name',
          'e.created_at',
          'r.rejection_code',
        ])
        .where('e.id', '=', eventId)
        .where('e.request_id', '=', requestId)
        .executeTakeFirst()
      if (!row || row.to_status === null) return null
      const [answer, photo] = await Promise.all([
        db
          .selectFrom('request_messages')
          .select('body')
          .where('request_id', '=', requestId)
          .where('kind', '=', 'official_answer')
          .where('created_at', '<=', row.created_at)
          .orderBy('id', 'desc')
          .executeTakeFirst(),
        db
          .selectFrom('request_photos')
          .select('telegram_file_id')
          .where('request_id', '=', requestId)
          .where('kind', '=', 'after')
          .where('telegram_file_id', 'is not', null)
          .orderBy('id', 'desc')
          .executeTakeFirst(),
      ])
      return {
        number: row.number,
        status: row.to_status,
        organisationName: row.organisation_name,
        // Only reasons, periods and questions are public; other notes stay with staff.
        note: ['rejected', 'planned', 'needs_info'].includes(row.to_status) ? row.note : null,
        officialAnswer: row.to_status === 'done' || row.to_status === 'rejected' ? (answer?.body ?? null) : null,
        afterPhoto: photo?.telegram_file_id ?? null,
        requestId,
        rejectionCode: row.to_status === 'rejected' ? row.rejection_code : null,
      }
    },

    async cardView(requestId: number, copy: boolean): Promise<RequestCardView | null> {
      const row = await db
        .selectFrom('requests as r')
        .innerJoin('categories as c', 'c.id', 'r.category_id')
        .select([
          'r.number',
          'r.priority',
          'c.name',
          'r.address_text',
          'r.location_lat',
          'r.location_lon',
          'r.description',
          'r.accept_due_at',
          'r.fix_due_at',
          'r.status',
        ])
        .where('r.id', '=', requestId)
        .executeTakeFirst()
      if (!row) return null
      const photos = await db
        .selectFrom('request_photos')
        .select('telegram_file_id')
        .where('request_id', '=', requestId)
        .where('kind', '=', 'before')
        .orderBy('id')
        .execute()
      return {
        requestId,
        status: row.status as RequestStatus, // guarded by the CHECK constraint
        photo: photos.find((p) => p.telegram_file_id !== null)?.telegram_file_id ?? null,
        photoCount: photos.length,
        number: row.number,
        emergency: row.priority === 'emergency',
        categoryName: row.name,
        addressText: row.address_text,
        location:
          row.location_lat !== null && row.location_lon !== null
            ? { lat: row.location_lat, lon: row.location_lon }
            : null,
        description: row.description,
        acceptDueAt: row.accept_due_at.toISOString(),
        fixDueAt: row.fix_due_at.toISOString(),
        copy,
      }
    },

    /** Starts a one-off send; false if this job already sent (or is sending) it. */
    async claimSend(jobId: string, userId: number | null): Promise<boolean> {
      const row = await db
        .insertInto('sent_messages')
        .values({ job_id: jobId, user_id: userId, state: 'sending' })
        .onConflict((oc) => oc.column('job_id').doNothing())
        .returning('job_id')
        .executeTakeFirst()
      return row !== undefined
    },

    async wasSent(jobId: string): Promise<boolean> {
      const row = await db.selectFrom('sent_messages').select('job_id').where('job_id', '=', jobId).executeTakeFirst()
      return row !== undefined
    },

    async finishSend(jobId: string, state: 'sent' | 'skipped'): Promise<void> {
      await db.updateTable('sent_messages').set({ state, sent_at: new Date() }).where('job_id', '=', jobId).execute()
    },

    /** A send failed before reaching the messenger: the job may try again. */
    async abandonSend(jobId: string): Promise<void> {
      await db.deleteFrom('sent_messages').where('job_id', '=', jobId).where('state', '=', 'sending').execute()
    },

    /** Blocked the bot, unsubscribed, chat gone: that channel is not tried again until they write to the bot there. */
    async markUnreachable(userId: number, reason: string, channel: MessengerChannel): Promise<void> {
      await db
        .updateTable('channel_identities')
        .set({ unreachable_since: new Date(), unreachable_reason: reason })
        .where('user_id', '=', userId)
        .where('channel', '=', channel)
        .where('unreachable_since', 'is', null)
        .execute()
    },

    async deadLetter(letter) {
      await db
        .insertInto('dead_letters')
        .values({
          queue: letter.queue,
          job_name: letter.jobName,
          job_id: letter.jobId,
          payload: JSON.stringify(letter.payload),
          reason: letter.reason.slice(0, 1000),
          attempts: letter.attempts,
          recipient_user_id: letter.recipientUserId,
        })
        .onConflict((oc) => oc.columns(['queue', 'job_id']).doNothing())
        .execute()
    },

    async ratingState(requestId: number) {
      return db
        .selectFrom('requests')
        .select([
          'id',
          'number',
          'status',
          'author_user_id',
          'done_at',
          'rated_at',
          'rating_requested_at',
          'rating_reminded_at',
        ])
        .where('id', '=', requestId)
        .executeTakeFirst()
    },

    async markRatingAsked(requestId: number, reminder: boolean): Promise<void> {
      await db
        .updateTable('requests')
        .set(reminder ? { rating_reminded_at: new Date() } : { rating_requested_at: new Date() })
        .where('id', '=', requestId)
        .execute()
    },

    /** Done and unrated requests whose next rating step is due (the sweeper re-derives lost timers). */
    async dueRatingSteps(now: Date, delays: { askMs: number; remindMs: number; closeMs: number }) {
      const rows = await db
        .selectFrom('requests')
        .select(['id', 'done_at', 'rating_requested_at', 'rating_reminded_at'])
        .where('status', '=', 'done')
        .where('rated_at', 'is', null)
        .where('done_at', '<=', new Date(now.getTime() - delays.askMs))
        .orderBy('done_at')
        .limit(500)
        .execute()
      return rows.flatMap((r): { requestId: number; doneAt: Date; step: 'ask' | 'remind' | 'close' }[] => {
        const done = r.done_at ?? now
        const doneAt = done.getTime()
        if (doneAt + delays.closeMs <= now.getTime()) return [{ requestId: r.id, doneAt: done, step: 'close' }]
        if (r.rating_requested_at === null) return [{ requestId: r.id, doneAt: done, step: 'ask' }]
        if (r.rating_reminded_at === null && r.rating_requested_at.getTime() + delays.remindMs <= now.getTime())
          return [{ requestId: r.id, doneAt: done, step: 'remind' }]
        return []
      })
    },

    /** Open requests past a deadline, with the escalation level they have reached. */
    async overdue(now: Date) {
      const { rows } = await sql<{
        id: number
        deadline: 'accept' | 'fix'
        due_at: Date
        level: number
        district_id: number
      }>`
        select id, 'accept' as deadline, accept_due_at as due_at, district_id,
               case when accept_due_at + (accept_due_at - created_at) <= ${now} then 2 else 1 end as level
        from requests where status in ('new', 'rerouted', 'reopened') and accept_due_at <= ${now}
        union all
        select id, 'fix', fix_due_at, district_id,
               case when fix_due_at + interval '1 day' <= ${now} then 2 else 1 end
        from requests where status not in ('done', 'closed', 'rejected', 'planned') and fix_due_at <= ${now}
        order by due_at limit 500`.execute(db)
      return rows
    },

    /** Records an escalation once; false if it was recorded before. */
    async recordEscalation(requestId: number, deadline: 'accept' | 'fix', level: number): Promise<boolean> {
      const { rows } = await sql<{ id: number }>`
        insert into request_events (request_id, kind, data)
        values (${requestId}, 'escalated', ${JSON.stringify({ deadline, level: String(level) })}::jsonb)
        on conflict do nothing returning id`.execute(db)
      return rows.length > 0
    },

    async noticeView(noticeId: number): Promise<(NoticeView & { state: string }) | null> {
      const row = await db
        .selectFrom('notices')
        .select(['kind', 'body', 'ends_at', 'photo_telegram_file_id', 'state', 'follow_up', 'service'])
        .where('id', '=', noticeId)
        .executeTakeFirst()
      return row
        ? {
            kind: row.kind,
            body: row.body,
            endsAt: row.ends_at?.toISOString() ?? null,
            photo: row.photo_telegram_file_id,
            state: row.state,
            followUp: row.follow_up === null ? null : { kind: row.follow_up, service: row.service },
          }
        : null
    },
  }
}
