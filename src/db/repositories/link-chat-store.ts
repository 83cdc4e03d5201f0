import type { Kysely } from 'kysely'
import type { LinkChatStore } from '../../core/dispatch/link-chat.js'
import type { Database } from '../schema.js'

export function createLinkChatStore(db: Kysely<Database>): LinkChatStore {
  return {
    organisation: async (organisationId) => {
      const row = await db
        .selectFrom('organisations')
        .select(['id', 'district_id'])
        .where('id', '=', organisationId)
        .where('active', '=', true)
        .executeTakeFirst()
      return row ? { id: row.id, districtId: row.district_id } : null
    },
    link: async (chatId, organisationId, language, userId) => {
      await db
        .insertInto('organisation_chats')
        .values({ chat_id: chatId, organisation_id: organisationId, language, linked_by_user_id: userId })
        .onConflict((oc) =>
          oc.column('chat_id').doUpdateSet({
            organisation_id: organisationId,
            language,
            linked_by_user_id: userId,
            unlinked_at: null,
          }),
        )
        .execute()
    },
  }
}
