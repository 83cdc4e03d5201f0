import { randomUUID } from 'node:crypto'
import type { StaffFeature } from '../../bot/telegram/context.js'
import { createDispatchFeature as dispatchFeature } from '../../bot/telegram/staff/dispatch/feature.js'
import type { Actor, RequestPermission } from '../../core/access/permissions.js'
import { makeAssignRequest } from '../../core/dispatch/assign.js'
import { makeLinkChat } from '../../core/dispatch/link-chat.js'
import { makeSendOfficialAnswer } from '../../core/dispatch/official-answer.js'
import { QUEUE_PAGE_SIZE, queueAreaOf, queuePage } from '../../core/dispatch/queue.js'
import { makeRegisterCall } from '../../core/dispatch/register-call.js'
import { accessTo, makeShowRequest } from '../../core/dispatch/request-details.js'
import { makeRerouteRequest } from '../../core/dispatch/reroute.js'
import { makeChangeRequestStatus } from '../../core/requests/change-status.js'
import { parseRequestNumber } from '../../core/requests/request-number.js'
import { makeSubmitRequest } from '../../core/requests/submit-request.js'
import { loadCatalogue } from '../../db/repositories/catalogue.js'
import {
  categoriesForRequest,
  createRequestDetailsStore,
  executorsForRequest,
  organisationsForRequest,
  queuePageOf,
  requestIdByNumber,
} from '../../db/repositories/dispatch-queries.js'
import { createDispatchStore } from '../../db/repositories/dispatch-store.js'
import { createLinkChatStore } from '../../db/repositories/organisation-chats.js'
import { createCallerStore } from '../../db/repositories/phone-callers.js'
import { createRequestStore } from '../../db/repositories/request-store.js'
import { createTransact } from '../../db/transact.js'
import type { StaffWiring } from './wiring.js'

/** The dispatcher's feature over PostgreSQL: cards, queue, actions, phone calls, group chats. */
export function createDispatchFeature({ db, translate }: StaffWiring): StaffFeature {
  const now = () => new Date()
  const requests = createTransact(db, createRequestStore)
  const dispatch = createTransact(db, createDispatchStore)
  const details = createRequestDetailsStore(db)
  const showRequest = makeShowRequest({ store: details })
  const access = async (actor: Actor, requestId: number, permission: RequestPermission) =>
    accessTo(actor, (await details.details(requestId))?.scope ?? null, permission)
  // Lists of executors and organisations are shown only to whoever may act on the request.
  const scopeAllows = async (actor: Actor, requestId: number, permission: RequestPermission) =>
    (await access(actor, requestId, permission)) === 'ok'
  return dispatchFeature({
    translate,
    catalogue: () => loadCatalogue(db),
    findRequest: async (typed) => {
      const { requestNumberPrefix } = await loadCatalogue(db)
      const number = parseRequestNumber(typed, requestNumberPrefix)
      return number === null ? null : requestIdByNumber(db, number)
    },
    showRequest,
    access,
    queue: async (actor, filter, page) => {
      const area = queueAreaOf(actor)
      if (!area) return null
      const found = await queuePageOf(db, {
        area,
        filter,
        userId: actor.userId,
        page,
        pageSize: QUEUE_PAGE_SIZE,
        now: now(),
      })
      return queuePage({ filter, page, ...found })
    },
    changeStatus: makeChangeRequestStatus({ transact: requests, now }),
    assign: makeAssignRequest({ transact: dispatch, now }),
    sendOfficialAnswer: makeSendOfficialAnswer({ transact: dispatch, now }),
    reroute: makeRerouteRequest({ transact: dispatch, now }),
    executorsFor: async (actor, requestId) =>
      (await scopeAllows(actor, requestId, 'request.assign')) ? executorsForRequest(db, requestId) : null,
    organisationsFor: async (actor, requestId) =>
      (await scopeAllows(actor, requestId, 'request.reroute')) ? organisationsForRequest(db, requestId) : null,
    categoriesFor: async (actor, requestId) =>
      (await scopeAllows(actor, requestId, 'request.reroute')) ? categoriesForRequest(db, requestId) : null,
    linkChat: makeLinkChat({ store: createLinkChatStore(db) }),
    registerCall: makeRegisterCall({
      callers: createCallerStore(db),
      submitRequest: makeSubmitRequest({ transact: requests, now }),
    }),
    newId: randomUUID,
  })
}
