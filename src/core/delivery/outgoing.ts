import type { LocalizedText, Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { Choice } from '../dialogue/messages.js'
import { cardButtons } from '../dispatch/card-actions.js'
import type { RequestStatus } from '../requests/status.js'
import { encodeCallback } from '../shared/callback-data.js'

/** A message the workers send on their own (not as an answer in the dialogue). */
export interface OutgoingMessage {
  text: Text[]
  /** Rows of buttons. */
  buttons: Choice[][]
  /** A Telegram file id shown with the text (e.g. the "after" photo). */
  photo: string | null
}

const status = (value: string): { text: Text } => ({ text: text(`status.${value}`) })

export interface StatusUpdateView {
  number: string
  status: string
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
  lines.push(text('staff.card.deadlines', { accept: { datetime: view.acceptDueAt }, fix: { datetime: view.fixDueAt } }))
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
  deadline: 'accept' | 'fix'
  dueAt: string
  level: number
}): OutgoingMessage {
  return {
    text: [
      text(`escalation.${view.deadline}`, { number: view.number, due: { datetime: view.dueAt } }),
      ...(view.level > 1 ? [text('escalation.level-2')] : []),
    ],
    buttons: [],
    photo: null,
  }
}

export interface NoticeView {
  kind: string
  body: string
  endsAt: string | null
  photo: string | null
  /**
   * A follow-up to a notice residents already received: its correction, or "service restored"
   * (then `endsAt` is when the admin ended the outage).
   */
  followUp?: { kind: 'correction' | 'ended'; service: string } | null
}

export function noticeMessage(view: NoticeView): OutgoingMessage {
  if (view.followUp?.kind === 'ended') {
    // One short line: the resident has the outage text already; repeating it under "restored" misleads.
    const service = { text: text(`admin.notice.service.${view.followUp.service}`) }
    return {
      text: [
        view.endsAt === null
          ? text('admin.notice.restored', { service })
          : text('admin.notice.restored-at', { service, at: { datetime: view.endsAt } }),
      ],
      buttons: [],
      photo: null,
    }
  }
  return {
    text: [
      ...(view.followUp?.kind === 'correction' ? [text('admin.notice.corrected')] : []),
      text(`notice.kind.${view.kind}`),
      text('notice.body', { body: view.body }),
      view.endsAt === null ? text('notice.until-unknown') : text('notice.until', { until: { datetime: view.endsAt } }),
    ],
    buttons: [],
    photo: view.photo,
  }
}
