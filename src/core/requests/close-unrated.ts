import type { Clock, Transact } from '../shared/ports.js'
import type { ChangeStatusStore } from './change-status.js'
import { transition } from './status.js'

/** The rating window ran out: a done request nobody rated closes, on the system's authority. */
export function makeCloseUnrated(deps: {
  transact: Transact<
    Pick<ChangeStatusStore, 'lockRequest' | 'applyStatusChange' | 'enqueue'> & {
      isRated: (id: number) => Promise<boolean>
    }
  >
  now: Clock
}) {
  return async function closeUnrated(requestId: number): Promise<boolean> {
    return deps.transact(async (store) => {
      const request = await store.lockRequest(requestId)
      if (!request || request.status !== 'done' || (await store.isRated(requestId))) return false
      const result = transition(request.status, 'close')
      if (!result.ok) return false
      const eventId = await store.applyStatusChange({
        requestId,
        from: result.from,
        to: result.to,
        action: 'close',
        actorUserId: null,
        at: deps.now(),
        note: 'closed without a rating',
      })
      await store.enqueue([
        {
          queue: 'notifications',
          jobName: 'status-changed',
          payload: { requestId, eventId, from: result.from, to: result.to },
          priority: 1,
        },
      ])
      return true
    })
  }
}
