import type { Actor } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { FreeTextRefusal } from '../shared/free-text.js'
import { freeText, TEXT_LIMITS } from '../shared/free-text.js'
import type { Clock, Transact } from '../shared/ports.js'
import type { DispatchStore } from './ports.js'

export type OfficialAnswerResult =
  { ok: true } | { ok: false; error: 'not-found' | 'not-allowed' | 'answer-required' } | FreeTextRefusal

/** The organisation's official answer: kept with the request and sent to the resident and followers. */
export function makeSendOfficialAnswer(deps: { transact: Transact<DispatchStore>; now: Clock }) {
  return async function sendOfficialAnswer(command: {
    actor: Actor
    requestId: number
    body: string
  }): Promise<OfficialAnswerResult> {
    const checked = freeText(command.body, TEXT_LIMITS.message)
    return deps.transact(async (store): Promise<OfficialAnswerResult> => {
      const request = await store.lockRequest(command.requestId)
      if (!request || !can(command.actor, 'request.view', request)) return { ok: false, error: 'not-found' }
      if (!can(command.actor, 'request.answer', request)) return { ok: false, error: 'not-allowed' }
      if (!checked.ok) return checked.error === 'text-empty' ? { ok: false, error: 'answer-required' } : checked
      const eventId = await store.addOfficialAnswer(request.id, command.actor.userId, checked.value, deps.now())
      await store.enqueue([
        {
          queue: 'notifications',
          jobName: 'official-answer',
          payload: { requestId: request.id, eventId },
          priority: 1,
        },
      ])
      return { ok: true }
    })
  }
}
