import type { Kysely } from 'kysely'
import type { DispatchDeliveryStore } from '../../core/dispatch/delivery.js'
import type { RequestCardView } from '../../core/dispatch/messages.js'
import type { RequestStatus } from '../../core/requests/status.js'
import type { Database } from '../schema.js'

async function cardView(db: Kysely<Database>, requestId: number, copy: boolean): Promise<RequestCardView | null> {
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
      row.location_lat !== null && row.location_lon !== null ? { lat: row.location_lat, lon: row.location_lon } : null,
    description: row.description,
    acceptDueAt: row.accept_due_at.toISOString(),
    fixDueAt: row.fix_due_at.toISOString(),
    copy,
  }
}

/** What the workers read to deliver request cards, assignments, official answers, answers to questions and group chats. */
export function createDispatchDeliveryStore(db: Kysely<Database>): DispatchDeliveryStore {
  return {
    cardView: (requestId, copy) => cardView(db, requestId, copy),
    async organisationChats(organisationIds) {
      if (organisationIds.length === 0) return []
      const rows = await db
        .selectFrom('organisation_chats')
        .select(['chat_id', 'language', 'organisation_id'])
        .where('organisation_id', 'in', organisationIds)
        .where('unlinked_at', 'is', null)
        .execute()
      return rows.map((r) => ({ chatId: r.chat_id, language: r.language, organisationId: r.organisation_id }))
    },

    async groupRecipient(chatId) {
      const row = await db
        .selectFrom('organisation_chats')
        .select(['chat_id', 'language'])
        .where('chat_id', '=', chatId)
        .where('unlinked_at', 'is', null)
        .executeTakeFirst()
      return row ? { chatId: row.chat_id, language: row.language } : null
    },

    async unlinkChat(chatId) {
      await db
        .updateTable('organisation_chats')
        .set({ unlinked_at: new Date() })
        .where('chat_id', '=', chatId)
        .where('unlinked_at', 'is', null)
        .execute()
    },

    async assignmentView(requestId) {
      const row = await db
        .selectFrom('requests as r')
        .innerJoin('categories as c', 'c.id', 'r.category_id')
        .select(['r.number', 'c.name', 'r.address_text', 'r.description', 'r.fix_due_at'])
        .where('r.id', '=', requestId)
        .executeTakeFirst()
      return row
        ? {
            number: row.number,
            categoryName: row.name,
            addressText: row.address_text,
            description: row.description,
            fixDueAt: row.fix_due_at.toISOString(),
          }
        : null
    },

    async officialAnswerView(requestId, eventId) {
      const row = await db
        .selectFrom('request_events as e')
        .innerJoin('requests as r', 'r.id', 'e.request_id')
        .innerJoin('request_messages as m', (join) =>
          join.onRef('m.request_id', '=', 'r.id').on('m.kind', '=', 'official_answer'),
        )
        .select(['r.number', 'm.body'])
        .where('e.id', '=', eventId)
        .where('e.request_id', '=', requestId)
        .whereRef('m.created_at', '<=', 'e.created_at')
        .orderBy('m.id', 'desc')
        .executeTakeFirst()
      return row ? { number: row.number, body: row.body } : null
    },

    async infoProvidedView(requestId, eventId) {
      const row = await db
        .selectFrom('request_events as e')
        .innerJoin('requests as r', 'r.id', 'e.request_id')
        .select(['r.id', 'r.number', 'r.status', 'e.note'])
        .where('e.id', '=', eventId)
        .where('e.request_id', '=', requestId)
        .executeTakeFirst()
      if (!row || row.note === null) return null
      // guarded by the CHECK constraint on requests.status
      return { requestId: row.id, number: row.number, status: row.status as RequestStatus, answer: row.note }
    },

    async askerOf(requestId) {
      const row = await db
        .selectFrom('request_messages as m')
        .innerJoin('users as u', 'u.id', 'm.author_user_id')
        .innerJoin('channel_identities as ci', 'ci.user_id', 'u.id')
        .select(['u.id as user_id', 'ci.external_id as chat_id', 'u.language'])
        .where('m.request_id', '=', requestId)
        .where('m.kind', '=', 'question')
        .where('ci.channel', '=', 'telegram')
        .where('ci.unreachable_since', 'is', null)
        .orderBy('m.id', 'desc')
        .executeTakeFirst()
      return row ? { userId: row.user_id, chatId: row.chat_id, language: row.language, channel: 'telegram' } : null
    },
  }
}
