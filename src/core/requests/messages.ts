import type { LocalizedText, Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { OutgoingMessage } from '../messages/messages.js'
import { encodeCallback } from '../shared/callback-data.js'
import type { RequestStatus } from './status.js'

const status = (value: string): { text: Text } => ({ text: text(`status.${value}`) })

export interface StatusUpdateView {
  number: string
  status: RequestStatus
  organisationName: LocalizedText | null
  /** The reason, the planned period or the question that came with this change. */
  note: string | null
  officialAnswer: string | null
  afterPhoto: string | null
  /** Set to offer the resident an "Answer" button when the service asks a question. */
  requestId?: number
  /** The reason picked from the list when the request was rejected. */
  rejectionCode?: string | null
}

/** What a resident is told when their request (or one they follow) changes. */
export function statusUpdate(view: StatusUpdateView): OutgoingMessage {
  const lines: Text[] = [text('update.title', { number: view.number, status: status(view.status) })]
  const note = view.note ?? ''
  switch (view.status) {
    case 'accepted':
      lines.push(
        view.organisationName
          ? text('update.accepted', { organisation: { localized: view.organisationName } })
          : text('update.accepted-triage'),
      )
      break
    case 'needs_info':
      lines.push(text('update.needs-info', { question: note }))
      break
    case 'planned':
      lines.push(text('update.planned', { period: note }))
      break
    case 'rejected':
      if (view.rejectionCode) lines.push(text(`dispatch.reject-reason.${view.rejectionCode}`))
      lines.push(text('update.rejected', { reason: note }))
      break
    case 'rerouted':
      lines.push(
        view.organisationName
          ? text('update.rerouted', { organisation: { localized: view.organisationName } })
          : text('update.rerouted-triage'),
      )
      break
    case 'done':
      lines.push(text('update.done'))
      break
    case 'reopened':
      lines.push(text('update.reopened'))
      break
    case 'closed':
      lines.push(text('update.closed'))
      break
    default:
      break
  }
  if (view.officialAnswer !== null) lines.push(text('update.official-answer', { answer: view.officialAnswer }))
  lines.push(text('update.how-to-see', { number: view.number }))
  const reply =
    view.status === 'needs_info' && view.requestId !== undefined
      ? [
          [
            {
              value: encodeCallback({ kind: 'request.reply', requestId: view.requestId }),
              label: text('dispatch.reply.button'),
            },
          ],
        ]
      : []
  return { text: lines, buttons: reply, photo: view.status === 'done' ? view.afterPhoto : null }
}

/** "Was the problem solved?" with the answers as buttons (callback data `rate:<request id>:<0–5>`). */
export function ratingRequest(view: { requestId: number; number: string; reminder: boolean }): OutgoingMessage {
  const stars = ([5, 4, 3, 2, 1] as const).map((n) => ({
    value: encodeCallback({ kind: 'rating', requestId: view.requestId, rating: n }),
    label: text(`rating.button.${n}`),
  }))
  return {
    text: [text(view.reminder ? 'rating.reminder' : 'rating.ask', { number: view.number })],
    buttons: [
      stars.slice(0, 3),
      stars.slice(3),
      [
        {
          value: encodeCallback({ kind: 'rating', requestId: view.requestId, rating: 0 }),
          label: text('rating.button.not-fixed'),
        },
      ],
    ],
    photo: null,
  }
}
