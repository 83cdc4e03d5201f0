import type { Sla } from '../sla/deadlines.js'
import type { RequestStatus } from './status.js'
import type { RoutingDecision } from '../routing/route-request.js'

export const REQUEST_SOURCES = ['telegram', 'viber', 'phone', 'web'] as const
export type RequestSource = (typeof REQUEST_SOURCES)[number]

export const DESCRIPTION_MIN_LENGTH = 10
export const DESCRIPTION_MAX_LENGTH = 1000
export const MAX_PHOTOS = 3
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

export interface Address {
  settlementId: number | null
  street: string | null
  house: string | null
  entrance: string | null
  flat: string | null
  /** The address as the resident confirmed it, in their words. */
  text: string
}

export interface Photo {
  kind: 'before' | 'after'
  mimeType: string
  sizeBytes: number
  /** Either the bytes (stored by us) or a Telegram file id. */
  content: Uint8Array | null
  telegramFileId: string | null
  /** Bytes still in the channel's upload store; the channel's wiring turns them into `content` before submit. */
  uploadId?: number
}

/** What the category says about a new request. */
export interface CategoryPolicy {
  id: number
  parentId: number | null
  active: boolean
  emergency: boolean
  hardStop: { phone: string } | null
  notOurCompetence: { phone: string | null } | null
  photoRequired: boolean
  sla: Sla
}

export interface RequestDraft {
  authorUserId: number
  source: RequestSource
  categoryId: number
  districtId: number
  address: Address
  location: { lat: number; lon: number } | null
  description: string
  contactPhone: string | null
  photos: Photo[]
  /** The confirmed draft's id: a repeated "send" returns the request it already made. */
  idempotencyKey: string | null
}

/** What a resident is told once the request exists. */
export interface RegisteredRequest {
  id: number
  number: string
  status: RequestStatus
  primaryOrganisationId: number | null
  routing: RoutingDecision
  acceptDueAt: Date
  fixDueAt: Date
}

/**
 * Normalised settlement + street + house, so "ул. Советская, 5" and "советская 5"
 * find each other when looking for an open request at the same address.
 */
export function addressKey(address: Pick<Address, 'settlementId' | 'street' | 'house' | 'text'>): string {
  const norm = (s: string | null): string =>
    (s ?? '')
      .toLowerCase()
      .replace(/ё/g, 'е')
      // street-type words, which people write or leave out at will (\b does not see Cyrillic)
      .replace(
        /(?<!\p{L})(ул|улица|вул|вуліца|пр-т|пр|проспект|пер|переулок|зав|завулак|str|street|st)(?!\p{L})\.?/gu,
        ' ',
      )
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .replace(/\s+/g, ' ')
  const street = address.street ?? address.text
  // "12А", "12 а" and "12-а" are one house
  return `${address.settlementId ?? 0}|${norm(street)}|${norm(address.house).replace(/ /g, '')}`
}
