import type { Actor } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { Language } from '../i18n/text.js'

export interface LinkChatStore {
  /** The organisation and its district (null: region-wide). */
  organisation: (organisationId: number) => Promise<{ id: number; districtId: number | null } | null>
  /** Links the group to the organisation (a group belongs to one organisation at a time). */
  link: (chatId: string, organisationId: number, language: Language, userId: number) => Promise<void>
}

export type LinkChatResult = { ok: true; organisationId: number } | { ok: false; error: 'not-allowed' | 'not-a-group' }

/**
 * /linkchat in a group: the group becomes the organisation's, so its cards come there too.
 * The organisation is the one the person dispatches for (their first, if several).
 */
export function makeLinkChat(deps: { store: LinkChatStore }) {
  return async function linkChat(command: {
    actor: Actor
    chatId: string
    chatType: string
    language: Language
  }): Promise<LinkChatResult> {
    if (command.chatType !== 'group' && command.chatType !== 'supergroup') return { ok: false, error: 'not-a-group' }
    for (const m of command.actor.memberships) {
      if (m.organisationId === null) continue
      const organisation = await deps.store.organisation(m.organisationId)
      if (!organisation) continue
      const area = { districtId: organisation.districtId, organisationId: organisation.id }
      if (!can(command.actor, 'chat.link', area)) continue
      await deps.store.link(command.chatId, organisation.id, command.language, command.actor.userId)
      return { ok: true, organisationId: organisation.id }
    }
    return { ok: false, error: 'not-allowed' }
  }
}
