import type { Actor } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import { characters } from '../shared/characters.js'
import type { Clock, Transact } from '../shared/ports.js'
import type { DispatchStore } from './ports.js'

export const OFFICIAL_ANSWER_MAX_LENGTH = 4000

export type OfficialAnswerResult =
  { ok: true } | { ok: false; error: 'not-found' | 'not-allowed' | 'answer-required' | 'answer-too-long' }

/** The organisation's official answer: kept with the request and sent to the resident and followers. */
export function makeSendOfficialAnswer(deps: { transact: Transact<DispatchStore>; now: Clock }) {
  return async function sendOfficialAnswer(command: {
    actor: Actor
    requestId: number
    body: string
  }): Promise<OfficialAnswerResult> {
    const body = command.body.trim()
    return deps.transact(async (store): Promise<OfficialAnswerResult> => {
      const request = await store.lockRequest(command.requestId)
      if (!request || !can(command.actor, 'request.view', request)) return { ok: false, error: 'not-found' }
      if (!can(command.actor, 'request.answer', request)) return { ok: false, error: 'not-allowed' }
      if (body === '') return { ok: false, error: 'answer-required' }
      if (characters(body) > OFFICIAL_ANSWER_MAX_LENGTH) return { ok: false, error: 'answer-too-long' }
      const eventId = await store.addOfficialAnswer(request.id, command.actor.userId, body, deps.now())
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
