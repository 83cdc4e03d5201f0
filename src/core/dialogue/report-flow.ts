// Long on purpose: the report's steps in the order a resident meets them (category, address,
// description, photos, phone, summary), each a small pure function sharing the same step kit.
import { DESCRIPTION_MAX_LENGTH, DESCRIPTION_MIN_LENGTH, MAX_PHOTO_BYTES, MAX_PHOTOS } from '../requests/request.js'
import { text } from '../i18n/text.js'
import { characters, visibleCharacters } from '../shared/characters.js'
import { findCategory, findDistrict, nearestDistrict } from './catalogue.js'
import type { InboundEvent, OutboundMessage } from './messages.js'
import { say } from './messages.js'
import { reportPrompt } from './report-prompts.js'
import type { DialogueState, Draft, Step } from './state.js'
import { emptyDraft } from './state.js'
import type { StepContext, StepOutput } from './step-kit.js'
import { ask, expectedKind, menu, reply } from './step-kit.js'

/** A street name: 2–100 characters with at least one letter (settings use it for the home street too). */
export const STREET = /^(?=.*\p{L})[\p{L}\p{N} .,'’"«»()-]{2,100}$/u
const HOUSE = /^[1-9]\d{0,3}\s*[а-яёa-z]?(\s*[/-]\s*\d{1,3}\s*[а-яёa-z]?)?(\s*(к|корп|корпус|k)\.?\s*\d{1,2})?$/iu
const FLAT_MAX = 40
/** Further than this from every district centre is outside the region. */
const REGION_RADIUS_KM = 80

/** Asks the prompt of `step` for the current draft (at the summary, editing is over). */
export function goTo(
  state: DialogueState,
  step: Step,
  ctx: StepContext,
  draft: Draft,
  before: OutboundMessage[] = [],
): StepOutput {
  const current = step === 'report.summary' ? { ...draft, editing: false, backup: null } : draft
  return ask({ ...state, draft: current }, step, reportPrompt(step, current, ctx.catalogue), before)
}

/** Asks again after a wrong answer: first what was wrong, then the same prompt. */
function again(
  state: DialogueState,
  ctx: StepContext,
  key: string,
  params?: Record<string, string | number>,
): StepOutput {
  const draft = state.draft ?? emptyDraft(ctx.newDraftId)
  return ask(state, state.step, reportPrompt(state.step, draft, ctx.catalogue), [say(text(key, params))])
}

/** After a field is done: the next step, or back to the summary when editing one field. */
function next(state: DialogueState, ctx: StepContext, draft: Draft, step: Step): StepOutput {
  return draft.editing
    ? goTo(state, 'report.summary', ctx, { ...draft, editing: false })
    : goTo(state, step, ctx, draft)
}

/** A kept draft (e.g. refused for the hourly limit) is offered before a new one replaces it. */
export function openReport(state: DialogueState, ctx: StepContext): StepOutput {
  if (state.draft?.categoryCode != null) return goTo(state, 'report.resume', ctx, state.draft)
  return startReport(state, ctx)
}

export function startReport(
  state: DialogueState,
  ctx: StepContext,
  preset: { districtCode?: string; categoryCode?: string } = {},
): StepOutput {
  const draft: Draft = { ...emptyDraft(ctx.newDraftId), districtCode: preset.districtCode ?? null }
  const found = preset.categoryCode === undefined ? undefined : findCategory(ctx.catalogue, preset.categoryCode)
  if (found) return chooseCategory(state, ctx, { ...draft, topCategoryCode: found.top.code }, found.leaf.code)
  return goTo(state, 'report.top-category', ctx, draft)
}

function chooseCategory(state: DialogueState, ctx: StepContext, draft: Draft, code: string): StepOutput {
  const found = findCategory(ctx.catalogue, code)
  if (!found) return again(state, ctx, 'common.stale-button')
  const { leaf } = found
  // Danger to life, or someone else's business: no request, the right number at once.
  if (leaf.hardStop)
    return menu({ ...state, draft: null }, [
      say(text('report.hard-stop', { message: { localized: leaf.hardStop.message }, phone: leaf.hardStop.phone })),
    ])
  if (leaf.notOurCompetence) {
    const { guidance, phone } = leaf.notOurCompetence
    return menu({ ...state, draft: null }, [
      say(
        phone === null
          ? text('report.not-our-competence', { guidance: { localized: guidance } })
          : text('report.not-our-competence-phone', { guidance: { localized: guidance }, phone }),
      ),
    ])
  }
  const chosen = { ...draft, topCategoryCode: found.top.code, categoryCode: leaf.code }
  if (chosen.editing) return goTo(state, 'report.summary', ctx, { ...chosen, editing: false })
  if (chosen.districtCode !== null) return afterDistrict(state, ctx, chosen)
  return goTo(state, 'report.district', ctx, chosen)
}

function afterDistrict(state: DialogueState, ctx: StepContext, draft: Draft): StepOutput {
  const district = draft.districtCode === null ? undefined : findDistrict(ctx.catalogue, draft.districtCode)
  const only = district?.settlements.length === 1 ? district.settlements[0] : undefined
  if (only) return goTo(state, 'report.street', ctx, { ...draft, settlementCode: only.code })
  return goTo(state, 'report.settlement', ctx, draft)
}

function back(state: DialogueState, ctx: StepContext, draft: Draft): StepOutput {
  const previous: Partial<Record<Step, Step>> = {
    'report.category': 'report.top-category',
    'report.settlement': 'report.district',
    'report.street': 'report.settlement',
    'report.house': 'report.street',
    'report.flat': 'report.house',
    'report.description': 'report.confirm-address',
    'report.photos': 'report.description',
    'report.edit': 'report.summary',
  }
  // Backing out of editing one field returns to the summary with the draft as it was before the edit.
  if (draft.editing) return goTo(state, 'report.summary', ctx, draft.backup ?? draft)
  let target: Step = previous[state.step] ?? 'report.summary'
  const district = draft.districtCode === null ? undefined : findDistrict(ctx.catalogue, draft.districtCode)
  if (target === 'report.settlement' && district?.settlements.length === 1) target = 'report.district'
  return goTo(state, target, ctx, draft)
}

const onChoice = (state: DialogueState, ctx: StepContext, draft: Draft, value: string): StepOutput | null => {
  if (value === 'back') return back(state, ctx, draft)
  if (value === 'cancel') return menu({ ...state, draft: null }, [say(text('common.cancelled'))])
  const [kind, code = ''] = value.split(/:(.*)/s)
  switch (state.step) {
    case 'report.top-category':
      return goTo(state, 'report.category', ctx, { ...draft, topCategoryCode: code })
    case 'report.category':
      return chooseCategory(state, ctx, draft, code)
    case 'report.district':
      return afterDistrict(state, ctx, { ...draft, districtCode: code })
    case 'report.confirm-district':
      return kind === 'yes'
        ? afterDistrict(state, ctx, { ...draft, districtCode: draft.suggestedDistrictCode })
        : goTo(state, 'report.district', ctx, { ...draft, location: null, suggestedDistrictCode: null })
    case 'report.settlement':
      return goTo(state, 'report.street', ctx, { ...draft, settlementCode: code })
    case 'report.flat':
      return goTo(state, 'report.confirm-address', ctx, { ...draft, flat: null })
    case 'report.confirm-address':
      return kind === 'yes' ? next(state, ctx, draft, 'report.description') : goTo(state, 'report.district', ctx, draft)
    case 'report.photos':
      if (kind === 'clear-photos') return goTo(state, 'report.photos', ctx, { ...draft, photos: [] })
      return next(state, ctx, draft, 'report.phone-offer')
    case 'report.phone-offer':
      if (kind === 'skip') return goTo(state, 'report.summary', ctx, { ...draft, phone: null })
      return goTo(state, ctx.profile.consentGiven ? 'report.phone' : 'report.consent', ctx, draft)
    case 'report.consent':
      if (kind === 'decline') return goTo(state, 'report.summary', ctx, { ...draft, phone: null })
      return {
        ...goTo(state, 'report.phone', ctx, draft),
        commands: [{ type: 'save-profile', patch: { consentGiven: true } }],
      }
    case 'report.phone':
      return goTo(state, 'report.summary', ctx, { ...draft, phone: null })
    case 'report.summary':
      if (kind === 'edit') return goTo(state, 'report.edit', ctx, draft)
      return reply(state, [], [{ type: 'check-before-send', draft }])
    case 'report.edit':
      return edit(state, ctx, { ...draft, editing: true, backup: { ...draft, backup: null } }, code)
    case 'report.resume':
      if (kind === 'new') return startReport({ ...state, draft: null }, ctx)
      return goTo(state, draft.description === null ? 'report.top-category' : 'report.summary', ctx, draft)
    case 'report.duplicate':
      if (kind === 'follow') {
        // Only a request this draft was offered: every other id is a forged button.
        const offered = draft.offered.find((o) => String(o.id) === code)
        if (!offered) return null
        return reply({ ...state, draft: null }, [], [{ type: 'follow', requestId: offered.id }])
      }
      return reply(
        { ...state, draft: { ...draft, duplicatesSeen: true } },
        [],
        [{ type: 'submit', draft: { ...draft, duplicatesSeen: true } }],
      )
    default:
      return null
  }
}

function edit(state: DialogueState, ctx: StepContext, draft: Draft, field: string): StepOutput {
  switch (field) {
    case 'category':
      return goTo(state, 'report.top-category', ctx, draft)
    case 'address':
      return goTo(state, 'report.district', ctx, draft)
    case 'description':
      return goTo(state, 'report.description', ctx, draft)
    case 'photos':
      return goTo(state, 'report.photos', ctx, draft)
    default:
      return goTo(state, 'report.phone-offer', ctx, draft)
  }
}

function onText(state: DialogueState, ctx: StepContext, draft: Draft, raw: string): StepOutput {
  const value = raw.trim()
  switch (state.step) {
    case 'report.street':
      return STREET.test(value)
        ? goTo(state, 'report.house', ctx, { ...draft, street: value })
        : again(state, ctx, 'report.bad-street')
    case 'report.house':
      return HOUSE.test(value)
        ? goTo(state, 'report.flat', ctx, { ...draft, house: value.replace(/\s+/g, ' ') })
        : again(state, ctx, 'report.bad-house')
    case 'report.flat':
      if (value.length > FLAT_MAX) return again(state, ctx, 'report.bad-flat', { max: FLAT_MAX })
      return goTo(state, 'report.confirm-address', ctx, { ...draft, flat: value === '' ? null : value })
    case 'report.description': {
      const length = characters(value)
      // Only what a reader can see counts towards the minimum: zero-width and direction marks are not words.
      const visible = visibleCharacters(value)
      if (visible < DESCRIPTION_MIN_LENGTH)
        return again(state, ctx, 'report.description-too-short', { min: DESCRIPTION_MIN_LENGTH, length: visible })
      if (length > DESCRIPTION_MAX_LENGTH)
        return again(state, ctx, 'report.description-too-long', { max: DESCRIPTION_MAX_LENGTH, length })
      return next(state, ctx, { ...draft, description: value }, 'report.photos')
    }
    case 'report.photos':
      return again(state, ctx, 'report.expected-photo')
    case 'report.phone':
      return again(state, ctx, 'report.expected-contact')
    default:
      return again(state, ctx, 'common.use-buttons')
  }
}

/** One event in the report flow. */
export function handleReport(state: DialogueState, event: InboundEvent, ctx: StepContext): StepOutput {
  const draft = state.draft ?? emptyDraft(ctx.newDraftId)
  switch (event.type) {
    case 'choice':
      return onChoice(state, ctx, draft, event.value) ?? again(state, ctx, 'common.stale-button')
    case 'text':
      return onText(state, ctx, draft, event.text)
    case 'location': {
      if (state.step !== 'report.district') break
      const found = nearestDistrict(ctx.catalogue, event)
      if (!found) break
      if (found.km > REGION_RADIUS_KM) return again(state, ctx, 'report.location-outside')
      return goTo(state, 'report.confirm-district', ctx, {
        ...draft,
        location: { lat: event.lat, lon: event.lon },
        suggestedDistrictCode: found.district.code,
      })
    }
    case 'photo': {
      if (state.step !== 'report.photos') break
      if (!event.photo.mimeType.startsWith('image/')) return again(state, ctx, 'report.photo-not-image')
      if (event.photo.sizeBytes > MAX_PHOTO_BYTES)
        return again(state, ctx, 'report.photo-too-large', { maxMb: MAX_PHOTO_BYTES / 1024 / 1024 })
      if (draft.photos.length >= MAX_PHOTOS) return again(state, ctx, 'report.error.too-many-photos')
      const photos = [...draft.photos, event.photo]
      if (photos.length >= MAX_PHOTOS) return next(state, ctx, { ...draft, photos }, 'report.phone-offer')
      return goTo(state, 'report.photos', ctx, { ...draft, photos })
    }
    case 'contact': {
      if (state.step !== 'report.phone') break
      // Only the sender's own number, never a forwarded card of somebody else.
      if (!event.own) return again(state, ctx, 'report.contact-not-own')
      const digits = event.phone.replace(/[^\d+]/g, '')
      const phone = digits.startsWith('+') ? digits : `+${digits}`
      return {
        ...goTo(state, 'report.summary', ctx, { ...draft, phone }),
        commands: [{ type: 'save-profile', patch: { phone, phoneVerified: event.verified } }],
      }
    }
    default:
      break
  }
  return again(state, ctx, expectedKind(event) ?? 'common.use-buttons')
}
