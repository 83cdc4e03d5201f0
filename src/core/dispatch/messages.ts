import type { LocalizedText, Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { Deadline } from '../requests/escalation.js'
import type { RequestStatus } from '../requests/status.js'
import type { OutgoingMessage } from '../messages/messages.js'
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
      text('dispatch.assigned.due', { fix: { deadline: view.fixDueAt } }),
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

export interface RequestCardView {
  number: string
  emergency: boolean
  categoryName: LocalizedText
  addressText: string
  location: { lat: number; lon: number } | null
  description: string
  acceptDueAt: string
  fixDueAt: string
  copy: boolean
  /** With the id and the status the card carries buttons for the next actions (not on copies). */
  requestId?: number
  status?: RequestStatus
  /** The first photo of the request, shown with the card, and how many there are. */
  photo?: string | null
  photoCount?: number
}

/** A new request as the organisation's dispatchers see it. */
export function newRequestCard(view: RequestCardView): OutgoingMessage {
  const lines: Text[] = [
    text(view.emergency ? 'staff.card.title-emergency' : 'staff.card.title', { number: view.number }),
    text('staff.card.category', { category: { localized: view.categoryName } }),
    text('staff.card.address', { address: view.addressText }),
  ]
  if (view.location)
    lines.push(text('staff.card.location', { lat: view.location.lat.toFixed(5), lon: view.location.lon.toFixed(5) }))
  lines.push(text('staff.card.description', { description: view.description }))
  lines.push(text('staff.card.deadlines', { accept: { deadline: view.acceptDueAt }, fix: { deadline: view.fixDueAt } }))
  if ((view.photoCount ?? 0) > 0) lines.push(text('dispatch.card.photos', { count: view.photoCount ?? 0 }))
  if (view.copy) lines.push(text('staff.card.copy'))
  const buttons =
    !view.copy && view.requestId !== undefined && view.status !== undefined
      ? cardButtons(view.requestId, view.status)
      : []
  return { text: lines, buttons, photo: view.photo ?? null }
}

/** A deadline passed: to dispatchers first, then to the district admin. */
export function escalation(view: {
  number: string
  deadline: Deadline
  dueAt: string
  level: number
}): OutgoingMessage {
  return {
    text: [
      text(`escalation.${view.deadline}`, { number: view.number, due: { deadline: view.dueAt } }),
      ...(view.level > 1 ? [text('escalation.level-2')] : []),
    ],
    buttons: [],
    photo: null,
  }
}
