import type { InlineKeyboardMarkup } from 'grammy/types'
import type { Language, LocalizedText, Text, TextParam } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { NoticeArea } from '../../../../core/notices/notice.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import { keyboard } from '../shared/keyboard.js'
import type { Place } from './ports.js'

/**
 * The chosen districts after a press: an offered district is added or taken away; a district not
 * offered (an old or forged button) changes nothing. Kept in the order the districts are offered.
 */
export function toggled(chosen: readonly number[], districtId: number, offered: readonly Place[]): number[] {
  if (!offered.some((d) => d.id === districtId)) return [...chosen]
  const next = chosen.includes(districtId) ? chosen.filter((id) => id !== districtId) : [...chosen, districtId]
  return offered.filter((d) => next.includes(d.id)).map((d) => d.id)
}

/** Every offered district as a toggle, the chosen ones ticked, and "done" below. */
export function districtPicker(
  offered: readonly Place[],
  chosen: readonly number[],
  t: (key: string, params?: Record<string, TextParam>) => string,
): InlineKeyboardMarkup {
  const toggles = offered.map((d) => ({
    label: t(chosen.includes(d.id) ? 'admin.notice.district-chosen' : 'common.name', { name: { localized: d.name } }),
    data: encodeCallback({ kind: 'notice.district-toggle', districtId: d.id }),
  }))
  const done = {
    label: t('admin.notice.button.districts-done'),
    data: encodeCallback({ kind: 'notice.districts-done' }),
  }
  return { inline_keyboard: [...keyboard(toggles, 2).inline_keyboard, ...keyboard([done]).inline_keyboard] }
}

/** Names joined with commas, in every language. */
export function joinedNames(places: readonly Place[]): LocalizedText {
  const joined = (language: Language) => places.map((p) => p.name[language]).join(', ')
  return { ru: joined('ru'), be: joined('be'), en: joined('en') }
}

/**
 * Whom a notice is for, as a line for the admin: the whole region or the districts by name;
 * null for a settlement (its wizard steps already named it) or when no name is known.
 */
export function addressedTo(area: NoticeArea, districts: readonly Place[]): Text | null {
  if (area.scope === 'region')
    return text('admin.notice.addressed-to', { area: { text: text('admin.notice.area.region') } })
  if (area.scope !== 'districts') return null
  const named = districts.filter((d) => area.districtIds.includes(d.id))
  return named.length === 0 ? null : text('admin.notice.addressed-to', { area: { localized: joinedNames(named) } })
}
