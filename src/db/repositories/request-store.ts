// Long on purpose: the request ports of three use cases (submit, change status, rate) bound to one
// transaction, as a thin object over module functions; splitting it would split one transaction's story.
import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import type { RequestScope } from '../../core/access/permissions.js'
import type { ChangeStatusStore, RequestForChange, StatusChangeRow } from '../../core/requests/change-status.js'
import type { Photo, RegisteredRequest } from '../../core/requests/request.js'
import type { RateRequestStore } from '../../core/requests/rate-request.js'
import type { RequestStatus } from '../../core/requests/status.js'
import type { NewRequestRow, SubmitRequestStore } from '../../core/requests/submit-request.js'
import type { Database } from '../schema.js'
import { insertOutbox } from './outbox.js'
import { categoryPolicy, districtIsActive, regionSettings, routingRulesOf } from './region.js'
import { parseRoutingDecision } from './routing-decision.js'

export type RequestStore = SubmitRequestStore &
  ChangeStatusStore &
  RateRequestStore & { isRated: (requestId: number) => Promise<boolean> }

/** The request ports of the core, bound to one transaction. */
export function createRequestStore(trx: Transaction<Database>): RequestStore {
  return {
    lockIdempotencyKey: async (key) => {
      await sql`select pg_advisory_xact_lock(hashtext('request-idempotency'), hashtext(${key}))`.execute(trx)
    },
    findByIdempotencyKey: async (key) => {
      const row = await trx
        .selectFrom('requests')
        .select(['id', 'number', 'status', 'primary_organisation_id', 'routing', 'accept_due_at', 'fix_due_at'])
        .where('idempotency_key', '=', key)
        .executeTakeFirst()
      return row ? toRegistered(row) : null
    },
    categoryPolicy: (id) => categoryPolicy(trx, id),
    districtIsActive: (id) => districtIsActive(trx, id),
    routingRules: (districtId) => routingRulesOf(trx, districtId),
    regionSettings: () => regionSettings(trx),
    nextRequestSequence: async (prefix, year) => {
      const row = await trx
        .insertInto('request_number_counters')
        .values({ prefix, year, last_value: 1 })
        .onConflict((oc) =>
          oc.columns(['prefix', 'year']).doUpdateSet((eb) => ({
            last_value: eb('request_number_counters.last_value', '+', 1),
          })),
        )
        .returning('last_value')
        .executeTakeFirstOrThrow()
      return row.last_value
    },
    insertRequest: (row) => insertRequest(trx, row),
    appendCreatedEvent: async (requestId, actorUserId, routing) => {
      await trx
        .insertInto('request_events')
        .values({
          request_id: requestId,
          actor_user_id: actorUserId,
          kind: 'created',
          to_status: 'new',
          data: JSON.stringify({ routing }),
        })
        .execute()
    },
    addPhotos: (requestId, userId, photos) => addPhotos(trx, requestId, userId, photos),
    enqueue: (messages) => insertOutbox(trx, messages),
    countRequestsSince: async (authorUserId, since) => {
      const row = await trx
        .selectFrom('requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('author_user_id', '=', authorUserId)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow()
      return row.n
    },
    readScope: (requestId) => readRequestScope(trx, requestId),
    lockRequest: async (requestId) => {
      const request = await lockRequest(trx, requestId)
      if (!request) return null
      const rated = await trx
        .selectFrom('requests')
        .select(['rating', 'rated_at'])
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow()
      return { ...request, rating: rated.rating, ratedAt: rated.rated_at }
    },
    isRated: async (requestId) => {
      const row = await trx.selectFrom('requests').select('rated_at').where('id', '=', requestId).executeTakeFirst()
      return row?.rated_at != null
    },
    recordRating: async (requestId, actorUserId, rating, at) => {
      await trx
        .updateTable('requests')
        .set({ rating: rating === 0 ? null : rating, rated_at: at })
        .where('id', '=', requestId)
        .execute()
      await trx
        .insertInto('request_events')
        .values({
          request_id: requestId,
          actor_user_id: actorUserId,
          kind: 'rated',
          data: JSON.stringify({ rating }),
          created_at: at,
        })
        .execute()
    },
    applyStatusChange: (change) => applyStatusChange(trx, change),
    addMessage: async (requestId, kind, authorUserId, body) => {
      await trx
        .insertInto('request_messages')
        .values({ request_id: requestId, kind, author_user_id: authorUserId, body })
        .execute()
    },
  }
}

function toRegistered(row: {
  id: number
  number: string
  status: string
  primary_organisation_id: number | null
  routing: unknown
  accept_due_at: Date
  fix_due_at: Date
}): RegisteredRequest {
  return {
    id: row.id,
    number: row.number,
    status: row.status as RequestStatus, // the CHECK constraint admits only RequestStatus values
    primaryOrganisationId: row.primary_organisation_id,
    routing: parseRoutingDecision(row.routing),
    acceptDueAt: row.accept_due_at,
    fixDueAt: row.fix_due_at,
  }
}

async function insertRequest(trx: Transaction<Database>, row: NewRequestRow): Promise<number> {
  const routed = row.routing.kind === 'routed' ? row.routing : null
  const inserted = await trx
    .insertInto('requests')
    .values({
      number: row.number,
      category_id: row.categoryId,
      district_id: row.districtId,
      settlement_id: row.address.settlementId,
      street: row.address.street,
      house: row.address.house,
      entrance: row.address.entrance,
      flat: row.address.flat,
      address_text: row.address.text.trim(),
      address_key: row.addressKey,
      location_lat: row.location?.lat ?? null,
      location_lon: row.location?.lon ?? null,
      description: row.description,
      status: 'new',
      priority: row.priority,
      source: row.source,
      author_user_id: row.authorUserId,
      contact_phone: row.contactPhone,
      primary_organisation_id: routed?.primaryOrganisationId ?? null,
      copy_organisation_ids: routed?.copyOrganisationIds ?? [],
      routing: JSON.stringify(row.routing),
      accept_due_at: row.acceptDueAt,
      fix_due_at: row.fixDueAt,
      idempotency_key: row.idempotencyKey,
      created_at: row.createdAt,
      updated_at: row.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

async function addPhotos(
  trx: Transaction<Database>,
  requestId: number,
  userId: number,
  photos: Photo[],
): Promise<void> {
  if (photos.length === 0) return
  await trx
    .insertInto('request_photos')
    .values(
      photos.map((p) => ({
        request_id: requestId,
        kind: p.kind,
        content: p.content === null ? null : Buffer.from(p.content),
        telegram_file_id: p.telegramFileId,
        mime_type: p.mimeType,
        size_bytes: p.sizeBytes,
        uploaded_by_user_id: userId,
      })),
    )
    .execute()
}

async function readRequestScope(trx: Transaction<Database>, requestId: number): Promise<RequestScope | null> {
  const row = await trx
    .selectFrom('requests')
    .select([
      'author_user_id',
      'district_id',
      'primary_organisation_id',
      'copy_organisation_ids',
      'executor_user_id',
      (eb) =>
        eb
          .selectFrom('request_followers')
          .select(sql<number[]>`coalesce(array_agg(user_id), '{}')`.as('ids'))
          .whereRef('request_followers.request_id', '=', 'requests.id')
          .as('follower_ids'),
    ])
    .where('id', '=', requestId)
    .executeTakeFirst()
  if (!row) return null
  return {
    authorUserId: row.author_user_id,
    followerUserIds: row.follower_ids ?? [],
    districtId: row.district_id,
    primaryOrganisationId: row.primary_organisation_id,
    copyOrganisationIds: row.copy_organisation_ids,
    executorUserId: row.executor_user_id,
  }
}

async function lockRequest(trx: Transaction<Database>, requestId: number): Promise<RequestForChange | null> {
  const row = await trx
    .selectFrom('requests')
    .select([
      'id',
      'status',
      'author_user_id',
      'district_id',
      'primary_organisation_id',
      'copy_organisation_ids',
      'executor_user_id',
      (eb) =>
        eb
          .selectFrom('request_photos')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('request_photos.request_id', '=', 'requests.id')
          .where('request_photos.kind', '=', 'after')
          .as('after_photo_count'),
      (eb) =>
        eb
          .selectFrom('request_followers')
          .select(sql<number[]>`coalesce(array_agg(user_id), '{}')`.as('ids'))
          .whereRef('request_followers.request_id', '=', 'requests.id')
          .as('follower_ids'),
    ])
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    status: row.status as RequestStatus, // guarded by the CHECK constraint
    authorUserId: row.author_user_id,
    followerUserIds: row.follower_ids ?? [],
    districtId: row.district_id,
    primaryOrganisationId: row.primary_organisation_id,
    copyOrganisationIds: row.copy_organisation_ids,
    executorUserId: row.executor_user_id,
    afterPhotoCount: row.after_photo_count ?? 0,
  }
}

async function applyStatusChange(trx: Transaction<Database>, change: StatusChangeRow): Promise<number> {
  const timestamps: Partial<Record<'accepted_at' | 'done_at' | 'closed_at', Date>> = {}
  if (change.to === 'accepted') timestamps.accepted_at = change.at
  if (change.to === 'done') timestamps.done_at = change.at
  // Each round of work (after a reopen too) is rated afresh.
  const newRound =
    change.to === 'done' ? { rating: null, rated_at: null, rating_requested_at: null, rating_reminded_at: null } : {}
  if (change.to === 'closed') timestamps.closed_at = change.at
  await trx
    .updateTable('requests')
    .set((eb) => ({
      status: change.to,
      ...timestamps,
      ...newRound,
      ...(change.rejectionReason !== undefined && { rejection_reason: change.rejectionReason }),
      ...(change.rejectionCode !== undefined && { rejection_code: change.rejectionCode }),
      ...(change.plannedPeriod !== undefined && { planned_period: change.plannedPeriod }),
      updated_at: change.at,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', change.requestId)
    .execute()
  const event = await trx
    .insertInto('request_events')
    .values({
      request_id: change.requestId,
      actor_user_id: change.actorUserId,
      kind: 'status_changed',
      from_status: change.from,
      to_status: change.to,
      note: change.note,
      data: JSON.stringify({
        action: change.action,
        ...(change.rejectionCode !== undefined && { reasonCode: change.rejectionCode }),
      }),
      created_at: change.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return event.id
}
