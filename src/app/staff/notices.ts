import type { StaffFeature } from '../../bot/telegram/context.js'
import type { NoticePorts } from '../../bot/telegram/staff/notices/ports.js'
import { createNoticesFeature } from '../../bot/telegram/staff/notices/feature.js'
import { can } from '../../core/access/permissions.js'
import {
  makeCancelNotice,
  makeConfirmNotice,
  makeCorrectNotice,
  makeCreateNotice,
  makeEndNotice,
  makeMayCorrectNotice,
} from '../../core/notices/notice-use-cases.js'
import { makeListActiveNotices } from '../../core/notices/list-active-notices.js'
import { activeNotices, createNoticeStore } from '../../db/repositories/notice-store.js'
import { createTransact } from '../../db/transact.js'
import type { StaffWiring } from './wiring.js'

/** /notice and /notices over the core notice use cases and PostgreSQL. */
export function createNoticeFeature(wiring: StaffWiring): StaffFeature {
  const { db } = wiring
  const deps = { transact: createTransact(db, createNoticeStore), now: () => new Date() }
  const ports: NoticePorts = {
    timeZone: wiring.config.timeZone,
    mayNoticeRegion: (actor) => can(actor, 'notice.send', { districtId: null }),
    districtsFor: async (actor) => {
      const rows = await db
        .selectFrom('districts')
        .select(['id', 'name'])
        .where('active', '=', true)
        .orderBy('id')
        .execute()
      return rows.filter((d) => can(actor, 'notice.send', { districtId: d.id }))
    },
    settlementsOf: (districtId) =>
      db
        .selectFrom('settlements')
        .select(['id', 'name'])
        .where('district_id', '=', districtId)
        .where('active', '=', true)
        .orderBy('id')
        .execute(),
    createNotice: makeCreateNotice(deps),
    confirmNotice: makeConfirmNotice(deps),
    mayCorrectNotice: makeMayCorrectNotice(deps),
    correctNotice: makeCorrectNotice(deps),
    cancelNotice: makeCancelNotice(deps),
    endNotice: makeEndNotice(deps),
    activeNotices: makeListActiveNotices({ activeNotices: activeNotices(db), now: deps.now }),
  }
  return createNoticesFeature({ ports, translate: wiring.translate })
}
