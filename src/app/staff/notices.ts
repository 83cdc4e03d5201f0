import type { StaffFeature } from '../../bot/telegram/context.js'
import type { NoticePorts } from '../../bot/telegram/staff/notices/ports.js'
import { createNoticesFeature } from '../../bot/telegram/staff/notices/feature.js'
import {
  makeCancelNotice,
  makeConfirmNotice,
  makeCorrectNotice,
  makeCreateNotice,
  makeEndNotice,
  makeMayCorrectNotice,
} from '../../core/notices/notice-use-cases.js'
import { makeListActiveNotices } from '../../core/notices/list-active-notices.js'
import { makeNoticePlaces } from '../../core/notices/notice-places.js'
import type { NoticeStores } from './stores.js'
import type { StaffWiring } from './wiring.js'

/** /notice and /notices over the core notice use cases. */
export function createNoticeFeature({ config, translate, logger }: StaffWiring, stores: NoticeStores): StaffFeature {
  const deps = { transact: stores.notices, now: () => new Date() }
  const places = makeNoticePlaces({ store: stores.places })
  const ports: NoticePorts = {
    timeZone: config.timeZone,
    areaChoices: places.areaChoices,
    districtsFor: places.districtsFor,
    settlementsOf: places.settlementsOf,
    createNotice: makeCreateNotice(deps),
    confirmNotice: makeConfirmNotice(deps),
    mayCorrectNotice: makeMayCorrectNotice(deps),
    correctNotice: makeCorrectNotice(deps),
    cancelNotice: makeCancelNotice(deps),
    endNotice: makeEndNotice(deps),
    activeNotices: makeListActiveNotices({ activeNotices: stores.activeNotices, now: deps.now }),
  }
  return createNoticesFeature({ ports, translate, log: logger })
}
