import type { StaffFeature } from '../../bot/telegram/context.js'
import { createExecutorFeature as createFeature } from '../../bot/telegram/staff/executor/feature.js'
import { accessTo } from '../../core/dispatch/request-details.js'
import { makeChangeRequestStatus } from '../../core/requests/change-status.js'
import { makeListAssignments } from '../../core/requests/list-assignments.js'
import { createRequestDetailsStore } from '../../db/repositories/dispatch-queries.js'
import { createRequestStore } from '../../db/repositories/request-store.js'
import { createAssignmentsStore, requestNumberOf } from '../../db/repositories/staff-assignments.js'
import { createTransact } from '../../db/transact.js'
import type { StaffWiring } from './wiring.js'

/** The executor's assignments, "start", and the "done" wizard, on the shared status-change use case. */
export function createExecutorFeature({ db, translate }: StaffWiring): StaffFeature {
  const details = createRequestDetailsStore(db)
  return createFeature({
    translate,
    listAssignments: makeListAssignments({ store: createAssignmentsStore(db) }),
    changeStatus: makeChangeRequestStatus({ transact: createTransact(db, createRequestStore), now: () => new Date() }),
    mayFinish: async (actor, requestId) =>
      accessTo(actor, (await details.details(requestId))?.scope ?? null, 'request.finish'),
    requestNumber: (requestId) => requestNumberOf(db, requestId),
  })
}
