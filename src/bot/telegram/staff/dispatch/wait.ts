import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import type { BotContext } from '../../context.js'

type DispatchConversation = Conversation<BotContext>

/**
 * The next text from this person. Anything from others (a group chat) and their own button
 * presses go on to the other handlers; a command ends the wizard and is handled as usual;
 * anything else from them gets `onOther` and the wait goes on.
 */
export async function waitForText(
  conversation: DispatchConversation,
  from: number,
  onOther: (ctx: Context) => Promise<unknown>,
): Promise<{ ctx: Context; text: string }> {
  for (;;) {
    const ctx = await conversation.wait()
    if (ctx.from?.id !== from || ctx.callbackQuery) await conversation.skip({ next: true })
    const text = ctx.message?.text
    if (text?.startsWith('/') === true) await conversation.halt({ next: true })
    if (text !== undefined) return { ctx, text }
    await onOther(ctx)
  }
}

/** The next button this person presses whose data matches; their texts get `onOther`, the rest goes on. */
export async function waitForButton(
  conversation: DispatchConversation,
  from: number,
  pattern: RegExp,
  onOther: (ctx: Context) => Promise<unknown>,
): Promise<{ ctx: Context; match: RegExpExecArray }> {
  for (;;) {
    const ctx = await conversation.wait()
    if (ctx.from?.id !== from) await conversation.skip({ next: true })
    const match = pattern.exec(ctx.callbackQuery?.data ?? '')
    if (match) return { ctx, match }
    if (ctx.callbackQuery) await conversation.skip({ next: true })
    if (ctx.message?.text?.startsWith('/') === true) await conversation.halt({ next: true })
    await onOther(ctx)
  }
}
