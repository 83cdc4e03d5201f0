import type { OutgoingMessage } from '../delivery/outgoing.js'
import type { LocalizedText } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { RequestStatus } from '../requests/status.js'
import { cardButtons } from './card-actions.js'

/** To the executor: a request is now theirs. */
export function assignmentMessage(view: {
  number: string
  categoryName: LocalizedText
  addressText: string
  description: string
  fixDueAt: string
}): OutgoingMessage {
  return {
    text: [
      text('dispatch.assigned.title', { number: view.number }),
      text('staff.card.category', { category: { localized: view.categoryName } }),
      text('staff.card.address', { address: view.addressText }),
      text('staff.card.description', { description: view.description }),
      text('dispatch.assigned.due', { fix: { datetime: view.fixDueAt } }),
    ],
    buttons: [],
    photo: null,
  }
}

/** To the resident and followers: the organisation's official answer. */
export function officialAnswerMessage(view: { number: string; body: string }): OutgoingMessage {
  return { text: [text('dispatch.official-answer.resident', view)], buttons: [], photo: null }
}

/** To the dispatchers: the resident answered a question; the card's next actions come along. */
export function infoProvidedMessage(view: {
  requestId: number
  number: string
  status: RequestStatus
  answer: string
}): OutgoingMessage {
  return {
    text: [text('dispatch.info-provided', { number: view.number, answer: view.answer })],
    buttons: cardButtons(view.requestId, view.status),
    photo: null,
  }
}
