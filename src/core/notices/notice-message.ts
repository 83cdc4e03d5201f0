import type { LocalizedText, Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { OutgoingMessage } from '../messages/messages.js'
import type { NoticeArea, StreetPart } from './notice.js'
import type { NoticePlace } from './notice-places.js'

/** A notice's area with the names residents know, read from the reference data. */
export type NoticeAreaWords =
  | { scope: 'region' }
  | { scope: 'districts'; districts: LocalizedText[] }
  /** No streets: the whole settlement. */
  | { scope: 'settlement'; settlement: LocalizedText; streets: StreetPart[] }

export interface NoticeView {
  kind: string
  service: string
  /** Null when the places are gone from the reference data: the line is left out rather than guessed. */
  where: NoticeAreaWords | null
  startsAt: string | null
  endsAt: string | null
  body: string
  photo: string | null
  /**
   * A follow-up to a notice residents already received: its correction, or "service restored"
   * (then `endsAt` is when the admin ended the outage).
   */
  followUp?: 'correction' | 'ended' | null
}

const joinedNames = (names: readonly LocalizedText[]): LocalizedText => ({
  ru: names.map((n) => n.ru).join(', '),
  be: names.map((n) => n.be).join(', '),
  en: names.map((n) => n.en).join(', '),
})

const street = (part: StreetPart): Text =>
  part.houses === null
    ? text('notice.area.street', { street: part.street })
    : text('notice.area.street-houses', { street: part.street, houses: part.houses })

/** Streets one after another: "Советская, д. 1-15; Ленина". */
const streetList = (streets: readonly StreetPart[]): Text =>
  streets
    .slice(1)
    .reduce<Text>(
      (list, part) => text('notice.area.and', { first: { text: list }, next: { text: street(part) } }),
      street(streets[0] as StreetPart),
    )

/** The area with the names of the places it was picked from; null when one of them is not among them. */
export function areaWordsFrom(
  area: NoticeArea,
  districts: readonly NoticePlace[],
  settlements: readonly NoticePlace[],
): NoticeAreaWords | null {
  if (area.scope === 'region') return area
  if (area.scope === 'settlement') {
    const settlement = settlements.find((s) => s.id === area.settlementId)
    return settlement ? { scope: 'settlement', settlement: settlement.name, streets: area.streets } : null
  }
  const named = area.districtIds.flatMap((id) => districts.filter((d) => d.id === id).map((d) => d.name))
  return named.length > 0 && named.length === area.districtIds.length ? { scope: 'districts', districts: named } : null
}

export function areaInWords(where: NoticeAreaWords): Text {
  if (where.scope === 'region') return text('notice.area.region')
  if (where.scope === 'districts') return text('common.name', { name: { localized: joinedNames(where.districts) } })
  if (where.streets.length === 0) return text('common.name', { name: { localized: where.settlement } })
  return text('notice.area.settlement-streets', {
    settlement: { localized: where.settlement },
    streets: { text: streetList(where.streets) },
  })
}

const serviceName = (service: string): Text => text(`admin.notice.service.${service}`)

function windowLine(view: NoticeView): Text {
  if (view.startsAt !== null)
    return text('notice.when', { period: { period: { from: view.startsAt, until: view.endsAt } } })
  return view.endsAt === null
    ? text('notice.until-unknown')
    : text('notice.until', { until: { datetime: view.endsAt } })
}

/**
 * An outage notice as residents read it, on every channel and in the admin's preview: the kind,
 * the service, the area in words, the window, then the admin's text.
 */
export function noticeMessage(view: NoticeView): OutgoingMessage {
  const where = view.where === null ? [] : [text('notice.where', { area: { text: areaInWords(view.where) } })]
  if (view.followUp === 'ended') {
    // Short: the resident has the outage text already; repeating it under "restored" misleads.
    const service = { text: serviceName(view.service) }
    return {
      text: [
        view.endsAt === null
          ? text('admin.notice.restored', { service })
          : text('admin.notice.restored-at', { service, at: { datetime: view.endsAt } }),
        ...where,
      ],
      buttons: [],
      photo: null,
    }
  }
  return {
    text: [
      ...(view.followUp === 'correction' ? [text('admin.notice.corrected')] : []),
      text(`notice.kind.${view.kind}`),
      text('notice.service', { service: { text: serviceName(view.service) } }),
      ...where,
      windowLine(view),
      text('notice.body', { body: view.body }),
    ],
    buttons: [],
    photo: view.photo,
  }
}
