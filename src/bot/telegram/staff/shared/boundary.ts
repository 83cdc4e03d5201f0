import type { BotError } from 'grammy'
import { Composer } from 'grammy'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import type { BotContext, StaffFeature } from '../../context.js'
import type { WarnLog } from '../../harmless-errors.js'
import { unlessHarmless } from '../../harmless-errors.js'

export interface StaffLog extends WarnLog {
  error: (fields: Record<string, unknown>, message: string) => void
}

/**
 * What a staff feature does when one of its handlers throws: the failure is logged by update id
 * (the person and their words stay out of the log), the pressed button stops spinning, and the
 * person is told in their language that something went wrong. Without it the error reaches only
 * the bot's last-resort catch, and the person waits for an answer that never comes.
 */
export function staffErrorHandler(feature: string, deps: { translate: Translate; log: StaffLog }) {
  return async (error: BotError<BotContext>): Promise<void> => {
    const { ctx } = error
    deps.log.error({ err: error.error, update_id: ctx.update.update_id, feature }, 'staff update failed')
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(unlessHarmless(deps.log, 'answering the button'))
    if (!ctx.chat) return
    await ctx
      .reply(deps.translate(ctx.person?.language ?? 'ru', text('common.error')))
      .catch(unlessHarmless(deps.log, 'telling about a failure'))
  }
}

/**
 * The feature installed into a Composer of its own, mounted behind its own error boundary: a
 * throw in it is answered there, and updates it passes on (`next()`) go on to the others as before.
 */
export function behindErrorBoundary(
  feature: string,
  staff: StaffFeature,
  deps: { translate: Translate; log: StaffLog },
): StaffFeature {
  return {
    install: (parent) => {
      const own = new Composer<BotContext>()
      staff.install(own)
      parent.errorBoundary(staffErrorHandler(feature, deps), own)
    },
    ...(staff.start && { start: staff.start }),
  }
}
