import type { Actor, RequestPermission } from '../../../../core/access/permissions.js'
import type { OutgoingMessage } from '../../../../core/messages/messages.js'
import type { Catalogue } from '../../../../core/dialogue/catalogue.js'
import type { AssignResult } from '../../../../core/dispatch/assign.js'
import type { LinkChatResult } from '../../../../core/dispatch/link-chat.js'
import type { OfficialAnswerResult } from '../../../../core/dispatch/official-answer.js'
import type { CardChat } from '../../../../core/dispatch/request-details.js'
import type { QueueFilter } from '../../../../core/dispatch/queue.js'
import type {
  CategoryChoice,
  ChoicesResult,
  ExecutorChoice,
  OrganisationChoice,
  RequestAccess,
} from '../../../../core/dispatch/request-choices.js'
import type { ShowQueueResult } from '../../../../core/dispatch/show-queue.js'
import type { CallInput, RegisterCallResult } from '../../../../core/dispatch/register-call.js'
import type { RerouteResult } from '../../../../core/dispatch/reroute.js'
import type { Language } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import type { ChangeStatusCommand, ChangeStatusResult } from '../../../../core/requests/change-status.js'
import type { StaffLog } from '../shared/boundary.js'

/** What the dispatcher's bot feature calls; the app wires these to core use cases over PostgreSQL. */
export interface DispatchPorts {
  translate: Translate
  catalogue: () => Promise<Catalogue>
  /** The request behind a typed number (in whatever form people type it), if it exists. */
  findRequest: (typed: string) => Promise<number | null>
  /** The card with history for staff who may see the request; null otherwise. */
  showRequest: (actor: Actor, requestId: number, chat: CardChat) => Promise<OutgoingMessage | null>
  queue: (actor: Actor, filter: QueueFilter, page: number) => Promise<ShowQueueResult>
  changeStatus: (command: ChangeStatusCommand) => Promise<ChangeStatusResult>
  assign: (command: { actor: Actor; requestId: number; executorUserId: number }) => Promise<AssignResult>
  sendOfficialAnswer: (command: { actor: Actor; requestId: number; body: string }) => Promise<OfficialAnswerResult>
  reroute: (command: {
    actor: Actor
    requestId: number
    organisationId: number | null
    categoryId: number | null
  }) => Promise<RerouteResult>
  /** Whether the person may start this action on the request (checked again when it is done). */
  access: (actor: Actor, requestId: number, permission: RequestPermission) => Promise<RequestAccess>
  /** Choices for a person allowed to assign / reroute this request; refused otherwise. */
  executorsFor: (actor: Actor, requestId: number) => Promise<ChoicesResult<ExecutorChoice>>
  organisationsFor: (actor: Actor, requestId: number) => Promise<ChoicesResult<OrganisationChoice>>
  categoriesFor: (actor: Actor, requestId: number) => Promise<ChoicesResult<CategoryChoice>>
  linkChat: (command: { actor: Actor; chatId: string; chatType: string; language: Language }) => Promise<LinkChatResult>
  registerCall: (input: CallInput) => Promise<RegisterCallResult>
  newId: () => string
  log: StaffLog
}
