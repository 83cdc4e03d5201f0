import { characters, cleanText, visibleCharacters } from '../shared/characters.js'
import type { OutboxMessage, Transact, Clock } from '../shared/ports.js'
import type { RoutingRule } from '../routing/route-request.js'
import { routeRequest } from '../routing/route-request.js'
import type { RegionCalendar } from '../sla/deadlines.js'
import { requestDeadlines } from '../sla/deadlines.js'
import { toLocal } from '../sla/zoned-time.js'
import { formatRequestNumber } from './request-number.js'
import type { CategoryPolicy, Photo, RegisteredRequest, RequestDraft } from './request.js'
import { addressKey, DESCRIPTION_MAX_LENGTH, DESCRIPTION_MIN_LENGTH, MAX_PHOTO_BYTES, MAX_PHOTOS } from './request.js'

/** The stores `submitRequest` uses inside its transaction. */
export interface SubmitRequestStore {
  /** Serialises submissions of one draft: a double tap waits for the first, then finds its request. */
  lockIdempotencyKey: (key: string) => Promise<void>
  findByIdempotencyKey: (key: string) => Promise<RegisteredRequest | null>
  categoryPolicy: (categoryId: number) => Promise<CategoryPolicy | null>
  districtIsActive: (districtId: number) => Promise<boolean>
  routingRules: (districtId: number) => Promise<RoutingRule[]>
  regionSettings: () => Promise<{ requestNumberPrefix: string; calendar: RegionCalendar }>
  nextRequestSequence: (prefix: string, year: number) => Promise<number>
  insertRequest: (row: NewRequestRow) => Promise<number>
  appendCreatedEvent: (requestId: number, actorUserId: number, routing: RegisteredRequest['routing']) => Promise<void>
  addPhotos: (requestId: number, uploadedByUserId: number, photos: Photo[]) => Promise<void>
  enqueue: (messages: OutboxMessage[]) => Promise<void>
  countRequestsSince: (authorUserId: number, since: Date) => Promise<number>
}

/** A resident may file this many requests an hour; operators registering calls are not limited. */
export const REQUESTS_PER_HOUR = 5

export interface NewRequestRow extends Omit<RequestDraft, 'photos'> {
  number: string
  addressKey: string
  priority: 'normal' | 'emergency'
  routing: RegisteredRequest['routing']
  acceptDueAt: Date
  fixDueAt: Date
  createdAt: Date
}

export type SubmitRequestResult =
  | { ok: true; created: boolean; request: RegisteredRequest }
  | {
      ok: false
      error:
        | 'unknown-category'
        | 'category-is-a-group'
        | 'unknown-district'
        | 'description-too-short'
        | 'description-too-long'
        | 'photo-required'
        | 'too-many-photos'
        | 'photo-too-large'
        | 'address-required'
        | 'rate-limited'
    }
  | { ok: false; error: 'hard-stop' | 'not-our-competence'; phone: string | null }

const cleanPart = (value: string | null): string | null => (value === null ? null : cleanText(value))

/** Whatever channel the draft came from, its texts are stored as `cleanText` leaves them. */
const cleanDraft = (draft: RequestDraft): RequestDraft => ({
  ...draft,
  description: cleanText(draft.description),
  address: {
    ...draft.address,
    street: cleanPart(draft.address.street),
    house: cleanPart(draft.address.house),
    entrance: cleanPart(draft.address.entrance),
    flat: cleanPart(draft.address.flat),
    text: cleanText(draft.address.text),
  },
})

function checkDraft(draft: RequestDraft): SubmitRequestResult | null {
  const description = draft.description.trim()
  // Words nobody can see (zero-width, direction marks, lone accents) do not describe a problem.
  if (visibleCharacters(description) < DESCRIPTION_MIN_LENGTH) return { ok: false, error: 'description-too-short' }
  if (characters(description) > DESCRIPTION_MAX_LENGTH) return { ok: false, error: 'description-too-long' }
  if (draft.address.text.trim() === '') return { ok: false, error: 'address-required' }
  if (draft.photos.length > MAX_PHOTOS) return { ok: false, error: 'too-many-photos' }
  if (draft.photos.some((p) => p.sizeBytes > MAX_PHOTO_BYTES)) return { ok: false, error: 'photo-too-large' }
  return null
}

function checkCategory(category: CategoryPolicy, draft: RequestDraft): SubmitRequestResult | null {
  if (category.parentId === null) return { ok: false, error: 'category-is-a-group' }
  // Danger to life or someone else's business: nothing is registered, the resident gets a phone.
  if (category.hardStop) return { ok: false, error: 'hard-stop', phone: category.hardStop.phone }
  if (category.notOurCompetence)
    return { ok: false, error: 'not-our-competence', phone: category.notOurCompetence.phone }
  if (category.photoRequired && !draft.photos.some((p) => p.kind === 'before'))
    return { ok: false, error: 'photo-required' }
  return null
}

/** Registers a confirmed draft: routes it, sets its deadlines and number, and queues the notifications. */
export function makeSubmitRequest(deps: { transact: Transact<SubmitRequestStore>; now: Clock }) {
  return async function submitRequest(typed: RequestDraft): Promise<SubmitRequestResult> {
    const draft = cleanDraft(typed)
    const invalid = checkDraft(draft)
    if (invalid) return invalid
    return deps.transact(async (store): Promise<SubmitRequestResult> => {
      if (draft.idempotencyKey !== null) {
        await store.lockIdempotencyKey(draft.idempotencyKey)
        const existing = await store.findByIdempotencyKey(draft.idempotencyKey)
        if (existing) return { ok: true, created: false, request: existing }
      }
      const category = await store.categoryPolicy(draft.categoryId)
      if (!category?.active) return { ok: false, error: 'unknown-category' }
      const refused = checkCategory(category, draft)
      if (refused) return refused
      if (!(await store.districtIsActive(draft.districtId))) return { ok: false, error: 'unknown-district' }
      const now = deps.now()
      if (draft.source !== 'phone') {
        const recent = await store.countRequestsSince(draft.authorUserId, new Date(now.getTime() - 3_600_000))
        if (recent >= REQUESTS_PER_HOUR) return { ok: false, error: 'rate-limited' }
      }

      const routing = routeRequest(
        { districtId: draft.districtId, categoryId: category.id, parentCategoryId: category.parentId },
        await store.routingRules(draft.districtId),
      )
      const { requestNumberPrefix, calendar } = await store.regionSettings()
      const { acceptDueAt, fixDueAt } = requestDeadlines(now, category.sla, calendar)
      const year = toLocal(now, calendar.timeZone).year % 100
      const number = formatRequestNumber({
        prefix: requestNumberPrefix,
        year,
        sequence: await store.nextRequestSequence(requestNumberPrefix, year),
      })
      const priority = category.emergency ? 'emergency' : 'normal'
      const id = await store.insertRequest({
        ...draft,
        description: draft.description.trim(),
        number,
        addressKey: addressKey(draft.address),
        priority,
        routing,
        acceptDueAt,
        fixDueAt,
        createdAt: now,
      })
      await store.appendCreatedEvent(id, draft.authorUserId, routing)
      if (draft.photos.length > 0) await store.addPhotos(id, draft.authorUserId, draft.photos)
      await store.enqueue([
        // Emergency cards reach the dispatchers first.
        {
          queue: 'notifications',
          jobName: 'request-created',
          payload: { requestId: id },
          priority: priority === 'emergency' ? 1 : 2,
        },
      ])
      const primaryOrganisationId = routing.kind === 'routed' ? routing.primaryOrganisationId : null
      return {
        ok: true,
        created: true,
        request: { id, number, status: 'new', primaryOrganisationId, routing, acceptDueAt, fixDueAt },
      }
    })
  }
}
