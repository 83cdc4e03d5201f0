import type { Actor } from '../../../../core/access/permissions.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import type { ChangeStatusCommand, ChangeStatusResult } from '../../../../core/requests/change-status.js'
import type { ListAssignmentsResult } from '../../../../core/requests/list-assignments.js'
import type { StaffLog } from '../shared/boundary.js'

/** What the executor's handlers need; the composition root passes in use cases and lookups. */
export interface ExecutorDeps {
  translate: Translate
  listAssignments: (actor: Actor) => Promise<ListAssignmentsResult>
  changeStatus: (command: ChangeStatusCommand) => Promise<ChangeStatusResult>
  /** Whether the person may mark the request done, checked before the wizard asks for anything. */
  mayFinish: (actor: Actor, requestId: number) => Promise<'ok' | 'not-found' | 'not-allowed'>
  /** The request's human number, for texts (null: no such request). */
  requestNumber: (requestId: number) => Promise<string | null>
  log: StaffLog
}
