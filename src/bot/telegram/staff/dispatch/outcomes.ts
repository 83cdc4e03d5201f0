import type { Choice } from '../../../../core/dialogue/messages.js'
import { cardButtons } from '../../../../core/dispatch/card-actions.js'
import type { Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { RequestStatus } from '../../../../core/requests/status.js'

/** What the person is told after an action, and the card's next actions when the status changed. */
export function outcomeOf(
  done: string,
  requestId: number,
  result: { ok: true; to?: RequestStatus } | { ok: false; error: string },
): { text: Text; buttons: Choice[][] } {
  if (!result.ok) return { text: text(`dispatch.error.${result.error}`), buttons: [] }
  return {
    text: text(`dispatch.done.${done}`),
    buttons: result.to === undefined || done === 'reply' ? [] : cardButtons(requestId, result.to),
  }
}
