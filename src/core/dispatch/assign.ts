import type { Actor } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { Clock, Transact } from '../shared/ports.js'
import { isAssignable } from '../requests/status.js'
import type { DispatchStore } from './ports.js'

export type AssignResult =
  { ok: true } | { ok: false; error: 'not-found' | 'not-allowed' | 'not-allowed-in-status' | 'not-an-executor' }

/** Gives a request to an executor of its organisation; the executor is told. */
export function makeAssignRequest(deps: { transact: Transact<DispatchStore>; now: Clock }) {
  return async function assignRequest(command: {
    actor: Actor
    requestId: number
    executorUserId: number
  }): Promise<AssignResult> {
    return deps.transact(async (store): Promise<AssignResult> => {
      const request = await store.lockRequest(command.requestId)
      if (!request || !can(command.actor, 'request.view', request)) return { ok: false, error: 'not-found' }
      if (!can(command.actor, 'request.assign', request)) return { ok: false, error: 'not-allowed' }
      if (!isAssignable(request.status)) return { ok: false, error: 'not-allowed-in-status' }
      // A second press of the same button: already done, nothing to record or tell again.
      if (request.executorUserId === command.executorUserId) return { ok: true }
      const organisationId = request.primaryOrganisationId
      if (organisationId === null || !(await store.isActiveExecutor(command.executorUserId, organisationId)))
        return { ok: false, error: 'not-an-executor' }
      const eventId = await store.assignExecutor(request.id, command.executorUserId, command.actor.userId, deps.now())
      await store.enqueue([
        {
          queue: 'notifications',
          jobName: 'request-assigned',
          payload: { requestId: request.id, eventId, executorUserId: command.executorUserId },
          priority: 1,
        },
      ])
      return { ok: true }
    })
  }
}
