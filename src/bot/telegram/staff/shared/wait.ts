import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import type { BotContext } from '../../context.js'

type DispatchConversation = Conversation<BotContext>

/**
 * The next text from this person. Anything from others (a group chat) goes on to the other
 * handlers; a command or another button of theirs means they moved on: the wizard ends and the
 * update is handled as usual (so a later text is never taken for this answer); anything else
 * from them gets `onOther` and the wait goes on.
 */
export async function waitForText(
  conversation: DispatchConversation,
  from: number,
  onOther: (ctx: Context) => Promise<unknown>,
): Promise<{ ctx: Context; text: string }> {
  for (;;) {
    const ctx = await conversation.wait()
    if (ctx.from?.id !== from) await conversation.skip({ next: true })
    const text = ctx.message?.text
    if (ctx.callbackQuery || text?.startsWith('/') === true) await conversation.halt({ next: true })
    if (text !== undefined) return { ctx, text }
    await onOther(ctx)
  }
}

/**
 * The next button this person presses whose data matches; their texts get `onOther`; another
 * button or a command of theirs ends the wizard.
 */
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
    if (ctx.callbackQuery || ctx.message?.text?.startsWith('/') === true) await conversation.halt({ next: true })
    await onOther(ctx)
  }
}
