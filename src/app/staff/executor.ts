import type { StaffFeature } from '../../bot/telegram/context.js'
import { createExecutorFeature as createFeature } from '../../bot/telegram/staff/executor/feature.js'
import { makeRequestChoices } from '../../core/dispatch/request-choices.js'
import { makeChangeRequestStatus } from '../../core/requests/change-status.js'
import { makeListAssignments } from '../../core/requests/list-assignments.js'
import type { ExecutorStores } from './stores.js'
import type { StaffWiring } from './wiring.js'

/** The executor's assignments, "start", and the "done" wizard, on the shared status-change use case. */
export function createExecutorFeature({ translate, logger }: StaffWiring, stores: ExecutorStores): StaffFeature {
  const { access } = makeRequestChoices({ store: stores.choices })
  return createFeature({
    translate,
    listAssignments: makeListAssignments({ store: stores.assignments }),
    changeStatus: makeChangeRequestStatus({ transact: stores.requests, now: () => new Date() }),
    mayFinish: (actor, requestId) => access(actor, requestId, 'request.finish'),
    requestNumber: stores.requestNumber,
    log: logger,
  })
}
