import type { OutboxMessage } from '../shared/ports.js'
import type { RequestForChange } from '../requests/change-status.js'
import type { RequestStatus } from '../requests/status.js'

export interface RerouteRow {
  requestId: number
  from: RequestStatus
  to: RequestStatus
  /** The new primary organisation (unchanged when only the category changes). */
  organisationId: number
  /** null: the category stays. */
  categoryId: number | null
  actorUserId: number
  at: Date
  note: string | null
}

/** A locked request with what rerouting compares against. */
export interface RequestToDispatch extends RequestForChange {
  categoryId: number
}

/** What the dispatcher's use cases read and write, bound to one transaction. */
export interface DispatchStore {
  lockRequest: (requestId: number) => Promise<RequestToDispatch | null>
  /** Whether the user holds an active executor membership of the organisation. */
  isActiveExecutor: (userId: number, organisationId: number) => Promise<boolean>
  /** Sets the executor and records an 'assigned' event; returns the event id. */
  assignExecutor: (requestId: number, executorUserId: number, actorUserId: number, at: Date) => Promise<number>
  /** Stores the official answer and records a 'message' event; returns the event id. */
  addOfficialAnswer: (requestId: number, authorUserId: number, body: string, at: Date) => Promise<number>
  /** An active organisation and the district it serves (null: the whole region); null when there is none. */
  activeOrganisation: (organisationId: number) => Promise<{ districtId: number | null } | null>
  /** A category a request may be filed under: active and not a group. */
  categoryIsLeaf: (categoryId: number) => Promise<boolean>
  /** Moves the request, records a 'rerouted' event with from/to; returns the event id. */
  applyReroute: (row: RerouteRow) => Promise<number>
  enqueue: (messages: OutboxMessage[]) => Promise<void>
}
