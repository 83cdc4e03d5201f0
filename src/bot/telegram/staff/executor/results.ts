import type { Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { ChangeStatusResult } from '../../../../core/requests/change-status.js'

type Refusal = Extract<ChangeStatusResult, { ok: false }>['error']

// A map, not keys built from codes: a code added in core without a text fails the typecheck.
const REFUSAL: Record<Refusal, string> = {
  'not-found': 'executor.error.not-found',
  'not-allowed': 'executor.error.not-allowed',
  'not-allowed-in-status': 'executor.error.not-allowed-in-status',
  'after-photo-required': 'executor.error.after-photo-required',
  // Refusals of other people's actions; an executor should never meet them.
  'reason-required': 'executor.error.other',
  'planned-period-required': 'executor.error.other',
  'question-required': 'executor.error.other',
  // The finish wizard keeps the comment within its own, smaller limit.
  'text-too-long': 'executor.error.other',
}

/** Why the executor may not open "done" on a request. */
export const ACCESS_REFUSAL: Record<'not-found' | 'not-allowed', string> = {
  'not-found': 'executor.error.not-found',
  'not-allowed': 'executor.error.not-allowed',
}

/** A refused status change as a text for the executor. */
export function refusalText(result: Extract<ChangeStatusResult, { ok: false }>): Text {
  return text(REFUSAL[result.error])
}
