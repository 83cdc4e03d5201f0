import type { Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { ChangeStatusResult } from '../../../../core/requests/change-status.js'

const KNOWN = new Set(['not-found', 'not-allowed', 'not-allowed-in-status', 'after-photo-required'])

/** A refused status change as a text for the executor. */
export function refusalText(result: Extract<ChangeStatusResult, { ok: false }>): Text {
  return text(KNOWN.has(result.error) ? `executor.error.${result.error}` : 'executor.error.other')
}
