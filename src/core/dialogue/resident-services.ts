import { can } from '../access/permissions.js'
import type { LocalizedText } from '../i18n/text.js'
import type { RequestDraft, RequestSource } from '../requests/request.js'
import { addressKey } from '../requests/request.js'
import type { SubmitRequestResult } from '../requests/submit-request.js'
import type { Catalogue } from './catalogue.js'
import { findCategory, findDistrict } from './catalogue.js'
import type { NoticeSummary, ProfilePatch, RequestCard, RequestSummary } from './commands.js'
import type { ResidentServices } from './handle-dialogue-event.js'
import { addressText } from './report-prompts.js'
import type { Draft } from './state.js'
import type { Profile } from './step-kit.js'

/** A request as the resident's card needs it, with who may see it. */
export interface RequestCardRow extends Omit<RequestCard, 'own'> {
  authorUserId: number
  followerUserIds: number[]
  districtId: number
  primaryOrganisationId: number | null
  copyOrganisationIds: number[]
  executorUserId: number | null
  /** Where the request is, to the house: what a follower may see of the address. */
  house: { settlementId: number | null; street: string | null; house: string | null }
}

/** "Лида, ул. Советская, 5": the address without the flat (a phone call's free-text address: the place only). */
function houseAddress(catalogue: Catalogue, row: RequestCardRow): string {
  const district = catalogue.districts.find((d) => d.id === row.districtId)
  const settlement = district?.settlements.find((s) => s.id === row.house.settlementId)
  const place = settlement?.name.ru ?? district?.name.ru ?? ''
  if (row.house.street === null) return place
  return [place, row.house.street, row.house.house].filter((p) => p !== null && p !== '').join(', ')
}

/** The database side of the resident's services. */
export interface ResidentStore {
  profile: (userId: number) => Promise<Profile>
  saveProfile: (userId: number, patch: ProfilePatch, home: { settlementId: number | null } | null) => Promise<void>
  forget: (userId: number) => Promise<void>
  openRequestsAt: (addressKey: string, categoryId: number) => Promise<RequestSummary[]>
  activeNotices: (
    area: { districtId: number; settlementId: number | null; street: string | null },
    services: string[] | null,
  ) => Promise<NoticeSummary[]>
  homeArea: (
    userId: number,
  ) => Promise<{ districtId: number; settlementId: number | null; street: string | null } | null>
  listRequests: (userId: number, page: { limit: number; offset: number }) => Promise<RequestSummary[]>
  requestCard: (by: { id: number } | { number: string }) => Promise<RequestCardRow | null>
  follow: (userId: number, requestId: number) => Promise<void>
  organisationName: (organisationId: number) => Promise<LocalizedText | null>
}

/** Which outage services explain a problem of a top-level category (an outage notice may cover it). */
const SERVICES_OF: Record<string, string[]> = {
  heating: ['heating', 'hot_water'],
  water: ['water', 'hot_water', 'sewerage'],
  electricity: ['electricity'],
  gas: ['gas'],
  lift: ['lift', 'electricity'],
  roads: ['roads'],
  lighting: ['electricity'],
}

export function draftToRequest(
  draft: Draft,
  catalogue: Catalogue,
  authorUserId: number,
  source: RequestSource,
): RequestDraft | null {
  const category = draft.categoryCode === null ? undefined : findCategory(catalogue, draft.categoryCode)
  const district = draft.districtCode === null ? undefined : findDistrict(catalogue, draft.districtCode)
  if (!category || !district) return null
  const settlement = district.settlements.find((s) => s.code === draft.settlementCode)
  return {
    authorUserId,
    source,
    categoryId: category.leaf.id,
    districtId: district.id,
    address: {
      settlementId: settlement?.id ?? null,
      street: draft.street,
      house: draft.house,
      entrance: null,
      flat: draft.flat,
      text: addressText(catalogue, draft),
    },
    location: draft.location,
    description: draft.description ?? '',
    contactPhone: draft.phone,
    photos: draft.photos.map((p) => ({
      kind: 'before',
      mimeType: p.mimeType,
      sizeBytes: p.sizeBytes,
      content: null,
      telegramFileId: p.ref.telegramFileId ?? null,
      ...(p.ref.uploadId !== undefined && { uploadId: p.ref.uploadId }),
    })),
    idempotencyKey: draft.id,
  }
}

export function makeResidentServices(deps: {
  store: ResidentStore
  catalogue: () => Promise<Catalogue>
  submitRequest: (draft: RequestDraft) => Promise<SubmitRequestResult>
}): ResidentServices {
  const { store } = deps
  return {
    profile: (userId) => store.profile(userId),
    saveProfile: async (userId, patch) => {
      const catalogue = await deps.catalogue()
      const district = patch.home ? findDistrict(catalogue, patch.home.districtCode) : undefined
      const settlement = district?.settlements.find((s) => s.code === patch.home?.settlementCode)
      await store.saveProfile(userId, patch, patch.home ? { settlementId: settlement?.id ?? null } : null)
    },
    forget: (userId) => store.forget(userId),
    checkBeforeSend: async (_userId, draft) => {
      const catalogue = await deps.catalogue()
      const request = draftToRequest(draft, catalogue, 0, 'telegram')
      const category = draft.categoryCode === null ? undefined : findCategory(catalogue, draft.categoryCode)
      if (!request || !category) return { duplicates: [], notices: [] }
      return {
        duplicates: await store.openRequestsAt(addressKey(request.address), request.categoryId),
        notices: await store.activeNotices(
          {
            districtId: request.districtId,
            settlementId: request.address.settlementId,
            street: request.address.street,
          },
          SERVICES_OF[category.top.code] ?? [],
        ),
      }
    },
    submit: async (userId, draft, source) => {
      const request = draftToRequest(draft, await deps.catalogue(), userId, source)
      if (!request) return { ok: false, error: 'unknown-category' }
      const result = await deps.submitRequest(request)
      if (!result.ok)
        return 'phone' in result
          ? { ok: false, error: result.error, phone: result.phone }
          : { ok: false, error: result.error }
      const organisationId = result.request.primaryOrganisationId
      return {
        ok: true,
        created: result.created,
        number: result.request.number,
        organisationName: organisationId === null ? null : await store.organisationName(organisationId),
        fixDueAt: result.request.fixDueAt.toISOString(),
      }
    },
    listRequests: async (userId, page, pageSize) => {
      // One more than a page tells whether there is a next one.
      const rows = await store.listRequests(userId, { limit: pageSize + 1, offset: page * pageSize })
      return { items: rows.slice(0, pageSize), hasMore: rows.length > pageSize }
    },
    requestCard: async (userId, by) => {
      const row = await store.requestCard(by)
      if (!row || !can({ userId, memberships: [] }, 'request.view', row)) return null
      const {
        authorUserId,
        followerUserIds: _f,
        districtId: _d,
        primaryOrganisationId: _p,
        copyOrganisationIds: _c,
        executorUserId: _e,
        house: _h,
        ...card
      } = row
      if (authorUserId === userId) return { ...card, own: true }
      // A follower: the author's words, photos and questions stay the author's.
      return {
        ...card,
        addressText: houseAddress(await deps.catalogue(), row),
        description: '',
        photos: [],
        answers: card.answers.filter((a) => a.kind === 'official_answer'),
        own: false,
      }
    },
    follow: async (userId, requestId) => {
      const row = await store.requestCard({ id: requestId })
      if (!row) return null
      if (row.authorUserId !== userId) await store.follow(userId, requestId)
      return row.number
    },
    notices: async (userId) => {
      const home = await store.homeArea(userId)
      return home ? store.activeNotices(home, null) : []
    },
  }
}
