import type { Actor, RequestPermission, RequestScope } from '../access/permissions.js'
import { can, canViewAsStaff } from '../access/permissions.js'
import type { OutgoingMessage } from '../messages/messages.js'
import type { LocalizedText, Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { RequestStatus } from '../requests/status.js'
import { cardButtons } from './card-actions.js'

export interface HistoryEntry {
  at: string
  kind: string
  /** The person who acted (null: the system). */
  actorUserId: number | null
  actorName: string | null
  toStatus: string | null
  note: string | null
}

export interface RequestMessageEntry {
  at: string
  kind: string
  authorUserId: number | null
  authorName: string | null
  body: string
}

export interface RequestDetailsView {
  id: number
  number: string
  status: RequestStatus
  emergency: boolean
  categoryName: LocalizedText
  addressText: string
  description: string
  organisationName: LocalizedText | null
  executorName: string | null
  contactPhone: string | null
  acceptDueAt: string
  fixDueAt: string
  photo: string | null
  photoCount: number
  history: HistoryEntry[]
  messages: RequestMessageEntry[]
}

export interface RequestDetailsStore {
  details: (requestId: number) => Promise<{ scope: RequestScope; view: RequestDetailsView } | null>
}

const person = (name: string | null): Text =>
  name === null ? text('dispatch.history.system') : text('dispatch.history.person', { name })

/** Where the card is shown: everyone in a group chat reads it. */
export type CardChat = 'private' | 'group'

/** The user ids of the residents on a request (author and followers): not named in a group chat. */
const residentsOf = (scope: RequestScope): readonly number[] => [scope.authorUserId, ...scope.followerUserIds]

/** The card with the full history; buttons only for what this person may do. */
export function requestDetailsMessage(
  view: RequestDetailsView,
  mayHandle: boolean,
  /** For a group chat: the residents to leave unnamed; the contact phone is left out too. */
  hideResidents: readonly number[] | null = null,
): OutgoingMessage {
  const who = (userId: number | null, name: string | null): Text =>
    hideResidents !== null && userId !== null && hideResidents.includes(userId)
      ? text('dispatch.history.resident')
      : person(name)
  const lines: Text[] = [
    text(view.emergency ? 'dispatch.details.title-emergency' : 'dispatch.details.title', {
      number: view.number,
      status: { text: text(`status.${view.status}`) },
    }),
    text('staff.card.category', { category: { localized: view.categoryName } }),
    text('staff.card.address', { address: view.addressText }),
    text('staff.card.description', { description: view.description }),
    view.organisationName === null
      ? text('dispatch.details.triage')
      : text('dispatch.details.organisation', { organisation: { localized: view.organisationName } }),
  ]
  if (view.executorName !== null) lines.push(text('dispatch.details.executor', { name: view.executorName }))
  if (view.contactPhone !== null && hideResidents === null)
    lines.push(text('dispatch.details.phone', { phone: view.contactPhone }))
  lines.push(text('staff.card.deadlines', { accept: { deadline: view.acceptDueAt }, fix: { deadline: view.fixDueAt } }))
  if (view.photoCount > 0) lines.push(text('dispatch.card.photos', { count: view.photoCount }))
  lines.push(text('dispatch.history.title'))
  for (const entry of view.history) {
    const key = ['created', 'status_changed', 'assigned', 'rerouted', 'message', 'rated', 'escalated'].includes(
      entry.kind,
    )
      ? entry.kind
      : 'other'
    lines.push(
      text(`dispatch.history.${key}`, {
        at: { datetime: entry.at },
        who: { text: who(entry.actorUserId, entry.actorName) },
        status: { text: text(`status.${entry.toStatus ?? 'new'}`) },
      }),
    )
    if (entry.note !== null && entry.note !== '') lines.push(text('dispatch.history.note', { note: entry.note }))
  }
  for (const message of view.messages)
    lines.push(
      text(`dispatch.message.${message.kind}`, {
        at: { datetime: message.at },
        who: { text: who(message.authorUserId, message.authorName) },
        body: message.body,
      }),
    )
  return { text: lines, buttons: mayHandle ? cardButtons(view.id, view.status) : [], photo: view.photo }
}

/** A request's card for someone who may see it; null otherwise (they learn nothing, not even that it exists). */
export function makeShowRequest(deps: { store: RequestDetailsStore }) {
  return async function showRequest(actor: Actor, requestId: number, chat: CardChat): Promise<OutgoingMessage | null> {
    const found = await deps.store.details(requestId)
    // An author or follower sees their request in the resident dialogue, never the staff card.
    if (!found || !canViewAsStaff(actor, found.scope)) return null
    return requestDetailsMessage(
      found.view,
      can(actor, 'request.accept', found.scope),
      chat === 'group' ? residentsOf(found.scope) : null,
    )
  }
}

/**
 * Whether a person may start an action on a request (before asking them to type or choose):
 * someone who may not see it hears "not found", as for a request that does not exist.
 */
export function accessTo(
  actor: Actor,
  scope: RequestScope | null,
  permission: RequestPermission,
): 'ok' | 'not-found' | 'not-allowed' {
  if (!scope || !can(actor, 'request.view', scope)) return 'not-found'
  return can(actor, permission, scope) ? 'ok' : 'not-allowed'
}
