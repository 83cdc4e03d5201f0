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
  maySendTo,
} from '../../core/notices/notice-use-cases.js'
import { activeNotices, createNoticeStore } from '../../db/repositories/notice-store.js'
import { createTransact } from '../../db/transact.js'
import type { StaffWiring } from './wiring.js'

const LISTED = 20

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
    correctNotice: makeCorrectNotice(deps),
    cancelNotice: makeCancelNotice(deps),
    endNotice: makeEndNotice(deps),
    activeNotices: async (actor) => {
      const store = createNoticeStore(db)
      const mine = []
      for (const notice of await activeNotices(db, 100)) {
        if ((await maySendTo(store, actor, notice.area)) === 'yes') mine.push(notice)
        if (mine.length === LISTED) break
      }
      return mine
    },
  }
  return createNoticesFeature({ ports, translate: wiring.translate })
}
