import type { Kysely } from 'kysely'
import { loadCatalogue } from '../../db/repositories/catalogue.js'
import { queuePageOf } from '../../db/repositories/dispatch-queries.js'
import { createDispatchStore } from '../../db/repositories/dispatch-store.js'
import { createInviteStore } from '../../db/repositories/invite-store.js'
import { activeNotices, createNoticeStore } from '../../db/repositories/notice-store.js'
import { createLinkChatStore } from '../../db/repositories/link-chat-store.js'
import { createRequestDetailsStore } from '../../db/repositories/request-details-store.js'
import { createCallerStore } from '../../db/repositories/caller-store.js'
import { createFindRequestStore, createRequestChoicesStore } from '../../db/repositories/request-choices.js'
import { createRequestStore } from '../../db/repositories/request-store.js'
import { createStatsStore, deadLetterPage, requestsForExport } from '../../db/repositories/admin-reports.js'
import { createAssignmentsStore, requestNumberOf } from '../../db/repositories/staff-assignments.js'
import {
  activeDistricts,
  allDistricts,
  createNoticePlacesStore,
  districtByCode,
  organisationByCode,
  organisationsOf,
  placeNames,
} from '../../db/repositories/staff-directory.js'
import { createRedeemInviteStore } from '../../db/repositories/staff-invites.js'
import {
  activeStaffTelegramChats,
  createBootstrapAdminsStore,
  createListStaffStore,
  createRevokeMembershipStore,
  telegramChatOf,
} from '../../db/repositories/staff-memberships.js'
import { loadActor, userLanguage } from '../../db/repositories/users.js'
import type { Database } from '../../db/schema.js'
import { createTransact } from '../../db/transact.js'

// Each staff feature's repositories, made from the one database handle: the features' wiring
// sees stores behind core ports, never the database itself.

export function dispatchStores(db: Kysely<Database>) {
  return {
    requests: createTransact(db, createRequestStore),
    dispatch: createTransact(db, createDispatchStore),
    details: createRequestDetailsStore(db),
    choices: createRequestChoicesStore(db),
    findRequest: createFindRequestStore(db),
    queuePage: (query: Parameters<typeof queuePageOf>[1]) => queuePageOf(db, query),
    catalogue: () => loadCatalogue(db),
    linkChats: createLinkChatStore(db),
    callers: createCallerStore(db),
  }
}

export function executorStores(db: Kysely<Database>) {
  return {
    requests: createTransact(db, createRequestStore),
    choices: createRequestChoicesStore(db),
    assignments: createAssignmentsStore(db),
    requestNumber: (requestId: number) => requestNumberOf(db, requestId),
  }
}

export function noticeStores(db: Kysely<Database>) {
  return {
    notices: createTransact(db, createNoticeStore),
    places: createNoticePlacesStore(db),
    activeNotices: activeNotices(db),
  }
}

export function reportStores(db: Kysely<Database>) {
  return {
    stats: createStatsStore(db),
    districts: () => allDistricts(db),
    requestsForExport: requestsForExport(db),
    deadLetters: deadLetterPage(db),
  }
}

export function onboardingStores(db: Kysely<Database>) {
  return {
    invites: createTransact(db, createInviteStore),
    redeemInvites: createTransact(db, createRedeemInviteStore),
    bootstrapAdmins: createTransact(db, createBootstrapAdminsStore),
    revokeMemberships: createTransact(db, createRevokeMembershipStore),
    listStaff: createListStaffStore(db),
    directory: {
      placeNames: (place: Parameters<typeof placeNames>[1]) => placeNames(db, place),
      districts: () => activeDistricts(db),
      organisationsOf: (districtId: number | null) => organisationsOf(db, districtId),
      organisationByCode: (code: string) => organisationByCode(db, code),
      districtByCode: (code: string) => districtByCode(db, code),
    },
    people: {
      loadActor: (userId: number) => loadActor(db, userId),
      languageOf: (userId: number) => userLanguage(db, userId),
      telegramChatOf: (userId: number) => telegramChatOf(db, userId),
      activeStaffChats: () => activeStaffTelegramChats(db),
    },
  }
}

export type DispatchStores = ReturnType<typeof dispatchStores>
export type ExecutorStores = ReturnType<typeof executorStores>
export type NoticeStores = ReturnType<typeof noticeStores>
export type ReportStores = ReturnType<typeof reportStores>
export type OnboardingStores = ReturnType<typeof onboardingStores>
