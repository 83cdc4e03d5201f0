import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import type { RejectionReason } from '../../../../core/requests/rejection.js'
import { text } from '../../../../core/i18n/text.js'
import type { BotContext } from '../../context.js'
import type { InputKind } from './input-kind.js'
import { PROMPT, outcomeOf } from './outcomes.js'
import type { DispatchPorts } from './ports.js'
import { say } from './send.js'
import { waitForText } from '../shared/wait.js'

export const INPUT_CONVERSATION = 'dispatch-input'

export type { InputKind }

export interface InputArgs {
  requestId: number
  kind: InputKind
  reasonCode?: RejectionReason
}

/** Asks for the words, then acts as the person who typed them (group chats: only the one who pressed). */
export function createInputConversation(ports: DispatchPorts) {
  const { translate } = ports
  return async function dispatchInput(
    conversation: Conversation<BotContext>,
    ctx: Context,
    args: InputArgs,
  ): Promise<void> {
    const language = await conversation.external((outside) => outside.person?.language ?? 'ru')
    const from = ctx.from?.id
    if (from === undefined) return
    await say(ctx, translate, language, text(PROMPT[args.kind]))
    const { ctx: answer, text: body } = await waitForText(conversation, from, (other) =>
      say(other, translate, language, text('dispatch.prompt.text-only')),
    )
    const result = await conversation.external(async (outside) => {
      const actor = outside.person?.actor
      if (!actor) return { ok: false as const, error: 'not-found' as const }
      const { requestId } = args
      switch (args.kind) {
        case 'ask':
          return ports.changeStatus({ actor, requestId, action: 'ask', question: body })
        case 'plan':
          return ports.changeStatus({ actor, requestId, action: 'plan', plannedPeriod: body })
        case 'reject':
          return ports.changeStatus({
            actor,
            requestId,
            action: 'reject',
            reason: body,
            ...(args.reasonCode !== undefined && { reasonCode: args.reasonCode }),
          })
        case 'reply':
          return ports.changeStatus({ actor, requestId, action: 'provide_info', comment: body })
        case 'answer':
          return ports.sendOfficialAnswer({ actor, requestId, body })
      }
    })
    const outcome = outcomeOf(args.kind, args.requestId, result)
    await say(answer, translate, language, outcome.text, outcome.buttons)
  }
}
