import { MAX_PHOTOS, DESCRIPTION_MAX_LENGTH, DESCRIPTION_MIN_LENGTH } from '../requests/request.js'
import type { Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { Catalogue } from './catalogue.js'
import { findCategory, findDistrict } from './catalogue.js'
import type { OutboundMessage } from './messages.js'
import { choices, say } from './messages.js'
import type { Draft, Step } from './state.js'
import { BACK, button, CANCEL, SKIP, YES } from './step-kit.js'

const name = (localized: { ru: string; be: string; en: string }) => ({ localized })

/** The address in the words people use: "Лида, ул. Советская, 5, кв. 17". Russian names: staff read it. */
export function addressText(catalogue: Catalogue, draft: Draft, withFlat = true): string {
  const district = draft.districtCode === null ? undefined : findDistrict(catalogue, draft.districtCode)
  const settlement = district?.settlements.find((s) => s.code === draft.settlementCode)
  return [settlement?.name.ru ?? district?.name.ru, draft.street, draft.house, withFlat ? draft.flat : null]
    .filter((part): part is string => part !== null && part !== undefined && part !== '')
    .join(', ')
}

/** The prompt of each report step, used to ask and to ask again after a wrong answer. */
export function reportPrompt(step: Step, draft: Draft, catalogue: Catalogue): OutboundMessage {
  switch (step) {
    case 'report.top-category':
      return say(
        text('report.ask-category'),
        choices(
          [
            ...catalogue.topCategories.map((c) => ({
              value: `top:${c.code}`,
              label: text('common.name', { name: name(c.name) }),
            })),
            CANCEL,
          ],
          2,
        ),
      )
    case 'report.category': {
      const top = catalogue.topCategories.find((c) => c.code === draft.topCategoryCode)
      const leaves = top?.children ?? []
      return say(
        text('report.ask-subcategory', { category: top ? name(top.name) : '' }),
        choices([
          ...leaves.map((l) => ({ value: `cat:${l.code}`, label: text('common.name', { name: name(l.name) }) })),
          BACK,
          CANCEL,
        ]),
      )
    }
    case 'report.district':
      return say(text('report.ask-district'), {
        kind: 'location',
        choices: [
          ...catalogue.districts.map((d) => ({
            value: `dist:${d.code}`,
            label: text('common.name', { name: name(d.name) }),
          })),
          CANCEL,
        ],
      })
    case 'report.confirm-district': {
      const district =
        draft.suggestedDistrictCode === null ? undefined : findDistrict(catalogue, draft.suggestedDistrictCode)
      return say(
        text('report.confirm-district', { district: district ? name(district.name) : '' }),
        choices([YES, button('no', 'report.button.other-district')]),
      )
    }
    case 'report.settlement': {
      const district = draft.districtCode === null ? undefined : findDistrict(catalogue, draft.districtCode)
      return say(
        text('report.ask-settlement'),
        choices(
          [
            ...(district?.settlements ?? []).map((s) => ({
              value: `stl:${s.code}`,
              label: text('common.name', { name: name(s.name) }),
            })),
            BACK,
            CANCEL,
          ],
          2,
        ),
      )
    }
    case 'report.street':
      return say(text('report.ask-street'), choices([BACK, CANCEL]))
    case 'report.house':
      return say(text('report.ask-house'), choices([BACK, CANCEL]))
    case 'report.flat':
      return say(text('report.ask-flat'), choices([SKIP, BACK, CANCEL]))
    case 'report.confirm-address':
      return say(
        text('report.confirm-address', { address: addressText(catalogue, draft) }),
        choices([YES, button('no', 'report.button.change-address')]),
      )
    case 'report.description':
      return say(
        text('report.ask-description', { min: DESCRIPTION_MIN_LENGTH, max: DESCRIPTION_MAX_LENGTH }),
        choices([BACK, CANCEL]),
      )
    case 'report.photos':
      return photosPrompt(draft, catalogue)
    case 'report.phone-offer':
      return say(text('report.ask-phone-offer'), choices([button('share', 'report.button.leave-phone'), SKIP]))
    case 'report.consent':
      return say(
        text('report.consent'),
        choices([button('agree', 'report.button.agree'), button('decline', 'report.button.decline')]),
      )
    case 'report.phone':
      return say(text('report.ask-phone'), { kind: 'contact', choices: [SKIP] })
    case 'report.summary':
      return say(
        summaryLines(draft, catalogue),
        choices([button('send', 'report.button.send'), button('edit', 'report.button.edit'), CANCEL]),
      )
    case 'report.edit':
      return say(
        text('report.ask-edit'),
        choices(
          [
            button('edit:category', 'report.field.category'),
            button('edit:address', 'report.field.address'),
            button('edit:description', 'report.field.description'),
            button('edit:photos', 'report.field.photos'),
            button('edit:phone', 'report.field.phone'),
            BACK,
          ],
          2,
        ),
      )
    case 'report.duplicate':
      return duplicatePrompt(draft, catalogue)
    case 'report.resume':
      return say(
        text('report.ask-resume'),
        choices([button('resume', 'report.button.resume'), button('new', 'report.button.new-draft')]),
      )
    default:
      return say(text('menu.title'))
  }
}

/** A neighbour's request as a neighbour may see it: its number, the house, the category, status and date. */
function duplicatePrompt(draft: Draft, catalogue: Catalogue): OutboundMessage {
  const lines: Text[] = [text(draft.offered.length > 0 ? 'report.duplicate-found' : 'report.notice-covers')]
  const found = draft.categoryCode === null ? undefined : findCategory(catalogue, draft.categoryCode)
  for (const d of draft.offered)
    lines.push(
      text('report.duplicate-item', {
        number: d.number,
        status: { text: text(`status.${d.status}`) },
        address: addressText(catalogue, draft, false),
        category: found ? name(found.leaf.name) : '',
        created: { datetime: d.createdAt },
      }),
    )
  const follow = draft.offered.map((d) => button(`follow:${d.id}`, 'report.button.follow', { number: d.number }))
  return say(lines, choices([...follow, button('file-anyway', 'report.button.file-anyway'), CANCEL]))
}

function photosPrompt(draft: Draft, catalogue: Catalogue): OutboundMessage {
  const required =
    draft.categoryCode !== null && findCategory(catalogue, draft.categoryCode)?.leaf.photoRequired === true
  const count = draft.photos.length
  const buttons =
    count > 0
      ? [button('done', 'report.button.photos-done'), button('clear-photos', 'report.button.photos-clear')]
      : required
        ? []
        : [SKIP]
  const key = count > 0 ? 'report.photo-received' : required ? 'report.ask-photos-required' : 'report.ask-photos'
  return say(text(key, { count, max: MAX_PHOTOS }), choices([...buttons, BACK, CANCEL]))
}

export function summaryLines(draft: Draft, catalogue: Catalogue): Text[] {
  const found = draft.categoryCode === null ? undefined : findCategory(catalogue, draft.categoryCode)
  const lines: Text[] = [
    text('report.summary.title'),
    text('report.summary.category', {
      top: found ? name(found.top.name) : '',
      category: found ? name(found.leaf.name) : '',
    }),
    text('report.summary.address', { address: addressText(catalogue, draft) }),
    text('report.summary.description', { description: draft.description ?? '' }),
    text('report.summary.photos', { count: draft.photos.length }),
  ]
  if (draft.location) lines.push(text('report.summary.location'))
  lines.push(
    draft.phone === null ? text('report.summary.no-phone') : text('report.summary.phone', { phone: draft.phone }),
  )
  return lines
}
