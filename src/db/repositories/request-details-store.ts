import type { Kysely } from 'kysely'
import type { RequestDetailsStore } from '../../core/dispatch/request-details.js'
import type { RequestStatus } from '../../core/requests/status.js'
import type { Database } from '../schema.js'
import { nameOf } from './dispatch-queries.js'

/** A request with its scope, history and messages, for /req. */
export function createRequestDetailsStore(db: Kysely<Database>): RequestDetailsStore {
  return {
    async details(requestId) {
      const row = await db
        .selectFrom('requests as r')
        .innerJoin('categories as c', 'c.id', 'r.category_id')
        .leftJoin('organisations as o', 'o.id', 'r.primary_organisation_id')
        .leftJoin('users as x', 'x.id', 'r.executor_user_id')
        .select([
          'r.id',
          'r.number',
          'r.status',
          'r.priority',
          'c.name as category_name',
          'r.address_text',
          'r.description',
          'o.name as organisation_name',
          'x.display_name as executor_name',
          'r.executor_user_id',
          'r.contact_phone',
          'r.accept_due_at',
          'r.fix_due_at',
          'r.author_user_id',
          'r.district_id',
          'r.primary_organisation_id',
          'r.copy_organisation_ids',
        ])
        .where('r.id', '=', requestId)
        .executeTakeFirst()
      if (!row) return null
      const [followers, photos, events, messages] = await Promise.all([
        db.selectFrom('request_followers').select('user_id').where('request_id', '=', requestId).execute(),
        db
          .selectFrom('request_photos')
          .select('telegram_file_id')
          .where('request_id', '=', requestId)
          .where('kind', '=', 'before')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('request_events as e')
          .leftJoin('users as u', 'u.id', 'e.actor_user_id')
          .select(['e.kind', 'e.created_at', 'e.actor_user_id', 'u.display_name', 'e.to_status', 'e.note'])
          .where('e.request_id', '=', requestId)
          .orderBy('e.id')
          .execute(),
        db
          .selectFrom('request_messages as m')
          .leftJoin('users as u', 'u.id', 'm.author_user_id')
          .select(['m.kind', 'm.created_at', 'm.author_user_id', 'u.display_name', 'm.body'])
          .where('m.request_id', '=', requestId)
          .orderBy('m.id')
          .execute(),
      ])
      return {
        scope: {
          authorUserId: row.author_user_id,
          followerUserIds: followers.map((f) => f.user_id),
          districtId: row.district_id,
          primaryOrganisationId: row.primary_organisation_id,
          copyOrganisationIds: row.copy_organisation_ids,
          executorUserId: row.executor_user_id,
        },
        view: {
          id: row.id,
          number: row.number,
          status: row.status as RequestStatus, // guarded by the CHECK constraint
          emergency: row.priority === 'emergency',
          categoryName: row.category_name,
          addressText: row.address_text,
          description: row.description,
          organisationName: row.organisation_name,
          executorName:
            row.executor_user_id === null
              ? null
              : nameOf({ display_name: row.executor_name, user_id: row.executor_user_id }),
          contactPhone: row.contact_phone,
          acceptDueAt: row.accept_due_at.toISOString(),
          fixDueAt: row.fix_due_at.toISOString(),
          photo: photos.find((p) => p.telegram_file_id !== null)?.telegram_file_id ?? null,
          photoCount: photos.length,
          history: events.map((e) => ({
            at: e.created_at.toISOString(),
            kind: e.kind,
            actorUserId: e.actor_user_id,
            actorName:
              e.actor_user_id === null ? null : nameOf({ display_name: e.display_name, user_id: e.actor_user_id }),
            toStatus: e.to_status,
            note: e.note,
          })),
          messages: messages.map((m) => ({
            at: m.created_at.toISOString(),
            kind: m.kind,
            authorUserId: m.author_user_id,
            authorName:
              m.author_user_id === null ? null : nameOf({ display_name: m.display_name, user_id: m.author_user_id }),
            body: m.body,
          })),
        },
      }
    },
  }
}
