import type { Actor } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { SubmitRequestResult } from '../requests/submit-request.js'
import type { RequestDraft } from '../requests/request.js'
import { cleanText } from '../shared/characters.js'
import type { FreeTextRefusal } from '../shared/free-text.js'
import { freeTexts, TEXT_LIMITS } from '../shared/free-text.js'
import { normalizeBelarusPhone } from './phone.js'

export interface CallerStore {
  /** The person behind a phone number (channel 'phone'), created on the first call; the name is kept. */
  ensurePhoneCaller: (phone: string, name: string) => Promise<number>
}

export interface CallInput {
  actor: Actor
  phone: string
  callerName: string
  categoryId: number
  districtId: number
  addressText: string
  description: string
  /** The operator's wizard id: registering the same call twice makes one request. */
  idempotencyKey: string
}

export type RegisterCallResult =
  SubmitRequestResult | { ok: false; error: 'not-allowed' | 'invalid-phone' } | FreeTextRefusal

/** A phone call to the contact centre, registered as a request on behalf of the caller. */
export function makeRegisterCall(deps: {
  callers: CallerStore
  submitRequest: (draft: RequestDraft) => Promise<SubmitRequestResult>
}) {
  return async function registerCall(input: CallInput): Promise<RegisterCallResult> {
    if (!can(input.actor, 'request.create_for_caller', { districtId: input.districtId }))
      return { ok: false, error: 'not-allowed' }
    const phone = normalizeBelarusPhone(input.phone)
    if (phone === null) return { ok: false, error: 'invalid-phone' }
    // The description's own limits are the request's (submitRequest); the name and address are checked here.
    const texts = freeTexts(
      { callerName: input.callerName, addressText: input.addressText },
      { callerName: TEXT_LIMITS.callerName, addressText: TEXT_LIMITS.address },
    )
    if (!texts.ok) return texts
    const authorUserId = await deps.callers.ensurePhoneCaller(phone, texts.values.callerName ?? '')
    return deps.submitRequest({
      authorUserId,
      source: 'phone',
      categoryId: input.categoryId,
      districtId: input.districtId,
      address: {
        settlementId: null,
        street: null,
        house: null,
        entrance: null,
        flat: null,
        text: texts.values.addressText ?? '',
      },
      location: null,
      description: cleanText(input.description),
      contactPhone: phone,
      photos: [],
      idempotencyKey: input.idempotencyKey,
    })
  }
}
