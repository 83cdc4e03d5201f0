import type { Language } from '../i18n/text.js'
import type { InboundPhoto } from './messages.js'

/** Where the conversation is: what the last prompt asked for. */
export type Step =
  | 'idle'
  | 'report.top-category'
  | 'report.category'
  | 'report.district'
  | 'report.confirm-district'
  | 'report.settlement'
  | 'report.street'
  | 'report.house'
  | 'report.flat'
  | 'report.confirm-address'
  | 'report.description'
  | 'report.photos'
  | 'report.phone-offer'
  | 'report.consent'
  | 'report.phone'
  | 'report.summary'
  | 'report.edit'
  | 'report.duplicate'
  | 'report.resume'
  | 'my.list'
  | 'status.number'
  | 'phones.district'
  | 'settings.menu'
  | 'settings.language'
  | 'settings.home-district'
  | 'settings.home-settlement'
  | 'settings.home-street'
  | 'settings.forget'

/** A report being put together. Nothing of it is a request until it is sent. */
export interface Draft {
  /** The idempotency key of the request this draft becomes: one draft, one request. */
  id: string
  topCategoryCode: string | null
  categoryCode: string | null
  districtCode: string | null
  /** The district suggested from a shared location, waiting for the resident's yes. */
  suggestedDistrictCode: string | null
  settlementCode: string | null
  street: string | null
  house: string | null
  flat: string | null
  location: { lat: number; lon: number } | null
  description: string | null
  photos: InboundPhoto[]
  phone: string | null
  /** The resident chose to file although an open request at the address exists. */
  duplicatesSeen: boolean
  /**
   * Open requests at the house offered to follow (kept to ask the question again): only what a
   * neighbour may see. Their address is this draft's street and house; their flat is not kept.
   */
  offered: { id: number; number: string; status: string; createdAt: string }[]
  /** An outage notice covers the address (shown before the offer). */
  noticeShown: boolean
  /** Set while editing one field from the summary: after it, back to the summary. */
  editing: boolean
  /** The draft as it was when an edit began: "back" restores it. */
  backup: Draft | null
}

export interface DialogueState {
  /** Bumped on every save; a store refuses a save over a newer version (optimistic concurrency). */
  version: number
  language: Language
  step: Step
  /** Values the last buttons carried; a press of anything else is a stale or forged button. */
  expected: string[]
  draft: Draft | null
  /** Paging of "my requests". */
  page: number
  /** Home address being set in settings. */
  home: { districtCode: string | null; settlementCode: string | null }
}

export const initialState = (language: Language): DialogueState => ({
  version: 0,
  language,
  step: 'idle',
  expected: [],
  draft: null,
  page: 0,
  home: { districtCode: null, settlementCode: null },
})

export const emptyDraft = (id: string): Draft => ({
  id,
  topCategoryCode: null,
  categoryCode: null,
  districtCode: null,
  suggestedDistrictCode: null,
  settlementCode: null,
  street: null,
  house: null,
  flat: null,
  location: null,
  description: null,
  photos: [],
  phone: null,
  duplicatesSeen: false,
  offered: [],
  noticeShown: false,
  editing: false,
  backup: null,
})
