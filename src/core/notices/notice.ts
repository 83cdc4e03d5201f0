import { cleanText } from '../shared/characters.js'

/** Outage notices as admins compose them: what they are about, where, when. */
export const NOTICE_KINDS = ['planned_outage', 'emergency_outage', 'information'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export const NOTICE_SERVICES = [
  'water',
  'hot_water',
  'heating',
  'electricity',
  'gas',
  'sewerage',
  'lift',
  'roads',
  'other',
] as const
export type NoticeService = (typeof NOTICE_SERVICES)[number]

export const MAX_NOTICE_BODY = 3500
/** A photo caption holds 1024 characters; the body leaves room for the title and the end time. */
export const MAX_NOTICE_BODY_WITH_PHOTO = 900
export const MAX_NOTICE_STREETS = 30

export interface StreetPart {
  street: string
  /** House numbers as the admin wrote them, e.g. "1-15" or "2, 4, 6"; null: the whole street. */
  houses: string | null
}

export type NoticeArea =
  | { scope: 'region' }
  | { scope: 'districts'; districtIds: number[] }
  | { scope: 'settlement'; settlementId: number; streets: StreetPart[] }

export interface NoticeDraft {
  kind: NoticeKind
  service: NoticeService
  area: NoticeArea
  /** ISO instants. */
  startsAt: string | null
  endsAt: string | null
  body: string
  photo: string | null
}

export type NoticeDraftError =
  | 'body-empty'
  | 'body-too-long'
  | 'area-empty'
  | 'too-many-streets'
  | 'window-order'
  | 'window-ended'
  | 'send-at-past'
  | 'send-at-after-end'

export const isNoticeKind = (value: string): value is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(value)
export const isNoticeService = (value: string): value is NoticeService =>
  (NOTICE_SERVICES as readonly string[]).includes(value)

export function validateNoticeBody(body: string, withPhoto: boolean): NoticeDraftError | null {
  const trimmed = cleanText(body).trim()
  if (trimmed === '') return 'body-empty'
  if (trimmed.length > (withPhoto ? MAX_NOTICE_BODY_WITH_PHOTO : MAX_NOTICE_BODY)) return 'body-too-long'
  return null
}

/** The first thing wrong with a draft, or null. */
export function validateNoticeDraft(draft: NoticeDraft, now: Date): NoticeDraftError | null {
  const body = validateNoticeBody(draft.body, draft.photo !== null)
  if (body) return body
  if (draft.area.scope === 'districts' && draft.area.districtIds.length === 0) return 'area-empty'
  if (draft.area.scope === 'settlement' && draft.area.streets.length > MAX_NOTICE_STREETS) return 'too-many-streets'
  const starts = draft.startsAt === null ? null : Date.parse(draft.startsAt)
  const ends = draft.endsAt === null ? null : Date.parse(draft.endsAt)
  if (starts !== null && ends !== null && ends <= starts) return 'window-order'
  if (ends !== null && ends <= now.getTime()) return 'window-ended'
  return null
}

/** A send time must lie ahead, and before the outage is over. */
export function validateSendAt(sendAt: Date, endsAt: string | null, now: Date): NoticeDraftError | null {
  if (sendAt.getTime() <= now.getTime()) return 'send-at-past'
  if (endsAt !== null && sendAt.getTime() >= Date.parse(endsAt)) return 'send-at-after-end'
  return null
}
