import type { Language } from '../i18n/text.js'
import type { LocalizedText } from '../i18n/text.js'
import type { Draft } from './state.js'

/** What the dialogue asks the application to do; results (save-profile has none) come back as `result` events. */
export type DialogueCommand =
  | { type: 'check-before-send'; draft: Draft }
  | { type: 'submit'; draft: Draft }
  | { type: 'list-requests'; page: number; pageSize: number }
  | { type: 'show-request'; by: { id: number } | { number: string } }
  | { type: 'follow'; requestId: number }
  | { type: 'list-notices' }
  | { type: 'save-profile'; patch: ProfilePatch }
  | { type: 'forget-me' }

export interface ProfilePatch {
  language?: Language
  consentGiven?: boolean
  phone?: string
  /** The channel vouches the phone is the person's own (see the contact event). */
  phoneVerified?: boolean
  home?: { districtCode: string; settlementCode: string | null; street: string | null }
  notificationsEnabled?: boolean
}

export interface RequestSummary {
  id: number
  number: string
  status: string
  categoryName: LocalizedText
  addressText: string
  createdAt: string
}

export interface RequestCard extends RequestSummary {
  organisationName: LocalizedText | null
  fixDueAt: string
  description: string
  history: { at: string; status: string | null; note: string | null }[]
  answers: { at: string; kind: 'question' | 'official_answer' | 'comment'; body: string }[]
  photos: { telegramFileId: string }[]
  /** The reader filed it (as opposed to following it). */
  own: boolean
}

export interface NoticeSummary {
  id: number
  kind: string
  service: string
  body: string
  startsAt: string | null
  endsAt: string | null
}

export type CommandResult =
  | { type: 'checked'; duplicates: RequestSummary[]; notices: NoticeSummary[] }
  | {
      type: 'submitted'
      outcome:
        | { ok: true; number: string; organisationName: LocalizedText | null; fixDueAt: string; created: boolean }
        | { ok: false; error: string; phone?: string | null }
    }
  | { type: 'request-list'; items: RequestSummary[]; hasMore: boolean }
  | { type: 'request-card'; card: RequestCard | null }
  | { type: 'followed'; number: string | null }
  | { type: 'notices'; items: NoticeSummary[] }
  | { type: 'forgotten' }
