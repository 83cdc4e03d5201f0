import type { Actor } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { LocalizedText } from '../i18n/text.js'

/** A district or a settlement as an admin picks it for a notice. */
export interface NoticePlace {
  id: number
  name: LocalizedText
}

/** The places a notice may be addressed to (implemented in src/db). */
export interface NoticePlacesStore {
  /** Active districts, in the order they are offered. */
  activeDistricts: () => Promise<NoticePlace[]>
  /** Active settlements of a district, in the order they are offered. */
  settlementsOf: (districtId: number) => Promise<NoticePlace[]>
}

/** Where an admin may send a notice: the whole region or not, and which districts. */
export type NoticeAreaChoices =
  { ok: true; region: boolean; districts: NoticePlace[] } | { ok: false; error: 'not-allowed' }

export function makeNoticePlaces(deps: { store: NoticePlacesStore }) {
  const { store } = deps

  /** Districts the actor may send notices to. */
  const districtsFor = async (actor: Actor): Promise<NoticePlace[]> =>
    (await store.activeDistricts()).filter((d) => can(actor, 'notice.send', { districtId: d.id }))

  /** The choice of area the notice wizard offers; refused for someone who may send notices nowhere. */
  const areaChoices = async (actor: Actor): Promise<NoticeAreaChoices> => {
    const region = can(actor, 'notice.send', { districtId: null })
    const districts = await districtsFor(actor)
    return districts.length === 0 && !region ? { ok: false, error: 'not-allowed' } : { ok: true, region, districts }
  }

  return { districtsFor, areaChoices, settlementsOf: store.settlementsOf }
}
