import type { Language, LocalizedText } from '../i18n/text.js'
import type { Recipient } from '../delivery/ports.js'
import type { RequestStatus } from '../requests/status.js'
import type { RequestCardView } from './messages.js'

/** A group chat linked to an organisation with /linkchat. */
export interface GroupRecipient {
  chatId: string
  language: Language
}

/** What the workers read to deliver the dispatchers' messages: cards, assignments, answers, group chats. */
export interface DispatchDeliveryStore {
  /** A request's card as its organisation's dispatchers see it (`copy`: sent to an organisation with a copy). */
  cardView: (requestId: number, copy: boolean) => Promise<RequestCardView | null>
  organisationChats: (organisationIds: number[]) => Promise<(GroupRecipient & { organisationId: number })[]>
  groupRecipient: (chatId: string) => Promise<GroupRecipient | null>
  /** The bot was removed from the group: no more cards there until it is linked again. */
  unlinkChat: (chatId: string) => Promise<void>
  assignmentView: (requestId: number) => Promise<{
    number: string
    categoryName: LocalizedText
    addressText: string
    description: string
    fixDueAt: string
  } | null>
  officialAnswerView: (requestId: number, eventId: number) => Promise<{ number: string; body: string } | null>
  infoProvidedView: (
    requestId: number,
    eventId: number,
  ) => Promise<{ requestId: number; number: string; status: RequestStatus; answer: string } | null>
  /** Who asked the request's latest question (they hear the answer even when off duty). */
  askerOf: (requestId: number) => Promise<Recipient | null>
}
