import { randomUUID } from 'node:crypto'
import type { StaffFeature } from '../../bot/telegram/context.js'
import { createDispatchFeature as dispatchFeature } from '../../bot/telegram/staff/dispatch/feature.js'
import { makeAssignRequest } from '../../core/dispatch/assign.js'
import { makeFindRequest } from '../../core/dispatch/find-request.js'
import { makeLinkChat } from '../../core/dispatch/link-chat.js'
import { makeSendOfficialAnswer } from '../../core/dispatch/official-answer.js'
import { makeRegisterCall } from '../../core/dispatch/register-call.js'
import { makeRequestChoices } from '../../core/dispatch/request-choices.js'
import { makeShowRequest } from '../../core/dispatch/request-details.js'
import { makeRerouteRequest } from '../../core/dispatch/reroute.js'
import { makeShowQueue } from '../../core/dispatch/show-queue.js'
import { makeChangeRequestStatus } from '../../core/requests/change-status.js'
import { makeSubmitRequest } from '../../core/requests/submit-request.js'
import type { DispatchStores } from './stores.js'
import type { StaffWiring } from './wiring.js'

/** The dispatcher's feature: cards, queue, actions, phone calls, group chats. */
export function createDispatchFeature({ translate, logger }: StaffWiring, stores: DispatchStores): StaffFeature {
  const now = () => new Date()
  const choices = makeRequestChoices({ store: stores.choices })
  return dispatchFeature({
    translate,
    catalogue: stores.catalogue,
    findRequest: makeFindRequest({ store: stores.findRequest }),
    showRequest: makeShowRequest({ store: stores.details }),
    access: choices.access,
    queue: makeShowQueue({ queuePage: stores.queuePage, now }),
    changeStatus: makeChangeRequestStatus({ transact: stores.requests, now }),
    assign: makeAssignRequest({ transact: stores.dispatch, now }),
    sendOfficialAnswer: makeSendOfficialAnswer({ transact: stores.dispatch, now }),
    reroute: makeRerouteRequest({ transact: stores.dispatch, now }),
    executorsFor: choices.executorsFor,
    organisationsFor: choices.organisationsFor,
    categoriesFor: choices.categoriesFor,
    linkChat: makeLinkChat({ store: stores.linkChats }),
    registerCall: makeRegisterCall({
      callers: stores.callers,
      submitRequest: makeSubmitRequest({ transact: stores.requests, now }),
    }),
    newId: randomUUID,
    log: logger,
  })
}
