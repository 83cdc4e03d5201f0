import type { Actor } from '../access/permissions.js'
import { can } from '../access/permissions.js'
import type { Clock, Transact } from '../shared/ports.js'
import type { TransitionResult } from '../requests/status.js'
import { transition } from '../requests/status.js'
import type { DispatchStore } from './ports.js'

export type RerouteResult =
  | { ok: true }
  | { ok: false; error: 'not-found' | 'not-allowed' | 'unknown-organisation' | 'unknown-category' | 'nothing-changes' }
  | Extract<TransitionResult, { ok: false }>

/**
 * Hands a request to another organisation and/or category. It stays open ("rerouted"): the new
 * organisation's dispatchers get its card, the resident is told who handles it now.
 */
export function makeRerouteRequest(deps: { transact: Transact<DispatchStore>; now: Clock }) {
  return async function rerouteRequest(command: {
    actor: Actor
    requestId: number
    organisationId: number | null
    categoryId: number | null
    note?: string
  }): Promise<RerouteResult> {
    return deps.transact(async (store): Promise<RerouteResult> => {
      const request = await store.lockRequest(command.requestId)
      if (!request || !can(command.actor, 'request.view', request)) return { ok: false, error: 'not-found' }
      if (!can(command.actor, 'request.reroute', request)) return { ok: false, error: 'not-allowed' }
      const organisationId = command.organisationId ?? request.primaryOrganisationId
      if (organisationId === null) return { ok: false, error: 'unknown-organisation' }
      if (
        organisationId === request.primaryOrganisationId &&
        (command.categoryId === null || command.categoryId === request.categoryId)
      )
        return { ok: false, error: 'nothing-changes' }
      const organisation = await store.activeOrganisation(organisationId)
      // Only an organisation that serves the request's district, or the whole region.
      if (!organisation || (organisation.districtId !== null && organisation.districtId !== request.districtId))
        return { ok: false, error: 'unknown-organisation' }
      if (command.categoryId !== null && !(await store.categoryIsLeaf(command.categoryId)))
        return { ok: false, error: 'unknown-category' }
      const result = transition(request.status, 'reroute')
      if (!result.ok) return result
      const eventId = await store.applyReroute({
        requestId: request.id,
        from: result.from,
        to: result.to,
        organisationId,
        categoryId: command.categoryId,
        actorUserId: command.actor.userId,
        at: deps.now(),
        note: command.note?.trim() || null,
      })
      await store.enqueue([
        {
          queue: 'notifications',
          jobName: 'status-changed',
          payload: { requestId: request.id, eventId, from: result.from, to: result.to },
          priority: 1,
        },
        // The new owner's dispatchers get the card as if the request were new to them.
        // The reroute's event id makes its cards new jobs: a card of the first routing would otherwise
        // count as already sent when the request comes back to that organisation.
        {
          queue: 'notifications',
          jobName: 'request-created',
          payload: { requestId: request.id, eventId },
          priority: 1,
        },
      ])
      return { ok: true }
    })
  }
}
