import type { BotContext } from '../../context.js'

/**
 * Starts a staff wizard. One wizard at a time per person: a new one ends an unfinished one, so a
 * later answer is never taken by the old one.
 */
export async function enterWizard(ctx: BotContext, name: string, ...args: unknown[]): Promise<void> {
  if (Object.keys(ctx.conversation.active()).length > 0) await ctx.conversation.exitAll()
  await ctx.conversation.enter(name, ...args)
}
