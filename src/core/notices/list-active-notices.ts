import type { Actor } from '../access/permissions.js'
import type { PermittedArea } from '../admin/scope.js'
import { permittedArea } from '../admin/scope.js'
import type { Clock } from '../shared/ports.js'
import type { NoticeArea } from './notice.js'

export interface ActiveNotice {
  id: number
  kind: string
  service: string
  state: string
  body: string
  startsAt: string | null
  endsAt: string | null
  area: NoticeArea
}

/**
 * Top-level notices in force at `now` (scheduled, sending or sent, not past their end) whose whole
 * area lies in `area` (as `maySendTo` decides), newest first.
 */
export type ActiveNoticesQuery = (query: { area: PermittedArea; now: Date; limit: number }) => Promise<ActiveNotice[]>

export const LISTED_NOTICES = 20

/** /notices: the notices in force that the actor may correct, cancel or end (those in their notice.send area). */
export function makeListActiveNotices(deps: { activeNotices: ActiveNoticesQuery; now: Clock }) {
  return async (actor: Actor): Promise<ActiveNotice[]> => {
    const area = permittedArea(actor, 'notice.send')
    if (!area.region && area.districtIds.length === 0) return []
    return deps.activeNotices({ area, now: deps.now(), limit: LISTED_NOTICES })
  }
}
