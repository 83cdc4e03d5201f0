import type { Choice } from '../messages/messages.js'
import { text } from '../i18n/text.js'
import type { RequestStatus } from '../requests/status.js'
import { actionsFrom, isAssignable, isOpen } from '../requests/status.js'
import { encodeCallback } from '../shared/callback-data.js'

/** What a dispatcher can do from a request card. */
export const CARD_ACTIONS = ['accept', 'assign', 'ask', 'answer', 'reroute', 'reject', 'plan'] as const
export type CardAction = (typeof CARD_ACTIONS)[number]

export const isCardAction = (value: string): value is CardAction => (CARD_ACTIONS as readonly string[]).includes(value)

/** The next actions a request in this status allows (the card's buttons). */
export function cardActionsFor(status: RequestStatus): CardAction[] {
  const byStatus = actionsFrom(status)
  return CARD_ACTIONS.filter((action) => {
    if (action === 'assign') return isAssignable(status)
    if (action === 'answer') return isOpen(status)
    return byStatus.includes(action)
  })
}

/** Callback data `rq:<action>:<request id>`. */
export const cardActionData = (action: CardAction, requestId: number): string =>
  encodeCallback({ kind: 'request.action', action, requestId })

/** Buttons two to a row. */
export function cardButtons(requestId: number, status: RequestStatus): Choice[][] {
  const buttons = cardActionsFor(status).map((action) => ({
    value: cardActionData(action, requestId),
    label: text(`dispatch.action.${action}`),
  }))
  const rows: Choice[][] = []
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2))
  return rows
}
