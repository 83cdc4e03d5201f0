import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import type { CallbackKind, CallbackOf } from '../../../../core/shared/callback-data.js'
import { pressedOf } from '../../callbacks.js'
import type { BotContext } from '../../context.js'

type StaffConversation = Conversation<BotContext>

/**
 * The next update from this person that `accept` takes. Anything from others (a group chat) goes
 * on to the other handlers; a command or a button `accept` does not take means they moved on: the
 * wizard ends and the update is handled as usual (so a later text is never taken for this answer);
 * anything else from them gets `onOther` and the wait goes on.
 */
export async function waitForOwn<T>(
  conversation: StaffConversation,
  from: number,
  accept: (ctx: Context) => T | undefined,
  onOther: (ctx: Context) => Promise<unknown>,
): Promise<{ ctx: Context; value: T }> {
  for (;;) {
    const ctx = await conversation.wait()
    if (ctx.from?.id !== from) await conversation.skip({ next: true })
    const value = ctx.message?.text?.startsWith('/') === true ? undefined : accept(ctx)
    if (value !== undefined) return { ctx, value }
    if (ctx.callbackQuery || ctx.message?.text?.startsWith('/') === true) await conversation.halt({ next: true })
    await onOther(ctx)
  }
}

/** The next text (not a command) from this person. */
export async function waitForText(
  conversation: StaffConversation,
  from: number,
  onOther: (ctx: Context) => Promise<unknown>,
): Promise<{ ctx: Context; text: string }> {
  const { ctx, value } = await waitForOwn(conversation, from, (c) => c.message?.text, onOther)
  return { ctx, text: value }
}

/** The next button of one of these kinds this person presses. */
export async function waitForButton<K extends CallbackKind>(
  conversation: StaffConversation,
  from: number,
  kinds: K[],
  onOther: (ctx: Context) => Promise<unknown>,
): Promise<{ ctx: Context; value: CallbackOf<K> }> {
  return waitForOwn(conversation, from, (c) => pressedOf(c, ...kinds), onOther)
}
