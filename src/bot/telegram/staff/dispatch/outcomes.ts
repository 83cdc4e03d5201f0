import type { Choice } from '../../../../core/dialogue/messages.js'
import type { AssignResult } from '../../../../core/dispatch/assign.js'
import { cardButtons } from '../../../../core/dispatch/card-actions.js'
import type { LinkChatResult } from '../../../../core/dispatch/link-chat.js'
import type { OfficialAnswerResult } from '../../../../core/dispatch/official-answer.js'
import type { RegisterCallResult } from '../../../../core/dispatch/register-call.js'
import type { RejectionReason } from '../../../../core/requests/rejection.js'
import type { RequestAccess } from '../../../../core/dispatch/request-choices.js'
import type { RerouteResult } from '../../../../core/dispatch/reroute.js'
import type { Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { ChangeStatusResult } from '../../../../core/requests/change-status.js'
import type { RequestStatus } from '../../../../core/requests/status.js'
import type { InputKind } from './input-kind.js'

type ErrorOf<R> = Extract<R, { ok: false; error: string }>['error']

/** A refused action, whichever use case refused it. */
export type ActionError = ErrorOf<ChangeStatusResult | AssignResult | OfficialAnswerResult | RerouteResult>

/** The actions whose outcome is told with `outcomeOf`. */
export type DoneAction = 'accept' | 'assign' | 'reroute' | InputKind

// Maps, not keys built from codes: a code added in core without a text fails the typecheck.

export const ACCESS_ERROR: Record<Exclude<RequestAccess, 'ok'>, string> = {
  'not-found': 'dispatch.error.not-found',
  'not-allowed': 'dispatch.error.not-allowed',
}

export const ACTION_ERROR: Record<ActionError, string> = {
  ...ACCESS_ERROR,
  'not-allowed-in-status': 'dispatch.error.not-allowed-in-status',
  'reason-required': 'dispatch.error.reason-required',
  'planned-period-required': 'dispatch.error.planned-period-required',
  'question-required': 'dispatch.error.question-required',
  'after-photo-required': 'dispatch.error.after-photo-required',
  'not-an-executor': 'dispatch.error.not-an-executor',
  'answer-required': 'dispatch.error.answer-required',
  'text-too-long': 'dispatch.error.text-too-long',
  'unknown-organisation': 'dispatch.error.unknown-organisation',
  'unknown-category': 'dispatch.error.unknown-category',
  'nothing-changes': 'dispatch.error.nothing-changes',
}

export const DONE: Record<DoneAction, string> = {
  accept: 'dispatch.done.accept',
  assign: 'dispatch.done.assign',
  reroute: 'dispatch.done.reroute',
  ask: 'dispatch.done.ask',
  answer: 'dispatch.done.answer',
  plan: 'dispatch.done.plan',
  reject: 'dispatch.done.reject',
  reply: 'dispatch.done.reply',
}

export const PROMPT: Record<InputKind, string> = {
  ask: 'dispatch.prompt.ask',
  answer: 'dispatch.prompt.answer',
  plan: 'dispatch.prompt.plan',
  reject: 'dispatch.prompt.reject',
  reply: 'dispatch.prompt.reply',
}

export const LINK_CHAT_ERROR: Record<ErrorOf<LinkChatResult>, string> = {
  'not-allowed': 'dispatch.linkchat.not-allowed',
  'not-a-group': 'dispatch.linkchat.not-a-group',
}

export const CALL_ERROR: Record<ErrorOf<RegisterCallResult>, string> = {
  'not-allowed': 'dispatch.call.error.not-allowed',
  'invalid-phone': 'dispatch.call.error.invalid-phone',
  'unknown-category': 'dispatch.call.error.unknown-category',
  'category-is-a-group': 'dispatch.call.error.category-is-a-group',
  'unknown-district': 'dispatch.call.error.unknown-district',
  'description-too-short': 'dispatch.call.error.description-too-short',
  'description-too-long': 'dispatch.call.error.description-too-long',
  'photo-required': 'dispatch.call.error.photo-required',
  'too-many-photos': 'dispatch.call.error.too-many-photos',
  'photo-too-large': 'dispatch.call.error.photo-too-large',
  'address-required': 'dispatch.call.error.address-required',
  'rate-limited': 'dispatch.call.error.rate-limited',
  'hard-stop': 'dispatch.call.error.hard-stop',
  'not-our-competence': 'dispatch.call.error.not-our-competence',
  'text-too-long': 'dispatch.call.error.text-too-long',
}

export const REJECTION_REASON: Record<RejectionReason, string> = {
  duplicate: 'dispatch.reject-reason.duplicate',
  'not-our-competence': 'dispatch.reject-reason.not-our-competence',
  'no-access': 'dispatch.reject-reason.no-access',
  'not-housing': 'dispatch.reject-reason.not-housing',
  other: 'dispatch.reject-reason.other',
}

/** What the person is told after an action, and the card's next actions when the status changed. */
export function outcomeOf(
  done: DoneAction,
  requestId: number,
  result: { ok: true; to?: RequestStatus } | { ok: false; error: ActionError; max?: number; length?: number },
): { text: Text; buttons: Choice[][] } {
  // A text over its limit is told with the limit and its length, so it can be shortened and sent again.
  if (!result.ok)
    return { text: text(ACTION_ERROR[result.error], { max: result.max ?? 0, length: result.length ?? 0 }), buttons: [] }
  return {
    text: text(DONE[done]),
    buttons: result.to === undefined || done === 'reply' ? [] : cardButtons(requestId, result.to),
  }
}
