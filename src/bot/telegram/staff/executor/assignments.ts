import type { Composer } from 'grammy'
import type { Button } from '../shared/keyboard.js'
import type { Language, Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Assignment } from '../../../../core/requests/list-assignments.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import { onButton } from '../../callbacks.js'
import type { BotContext } from '../../context.js'
import { unlessHarmless } from '../../harmless-errors.js'
import type { ExecutorDeps } from './ports.js'
import { enterWizard } from '../shared/enter.js'
import { keyboard } from '../shared/keyboard.js'
import { FINISH_WIZARD } from './finish-wizard.js'
import { ACCESS_REFUSAL, refusalText } from './results.js'

function card(a: Assignment): Text {
  const body = text('executor.card', {
    number: a.number,
    category: { localized: a.category },
    address: a.addressText,
    description: a.description,
    status: { text: text(`status.${a.status}`) },
    due: { deadline: a.fixDueAt },
  })
  return a.emergency ? text('executor.card-emergency', { card: { text: body } }) : body
}

/** /mine: one card per assignment with "start" and "done"; "start" here, "done" opens the wizard. */
export function installAssignments(composer: Composer<BotContext>, deps: ExecutorDeps): void {
  const say = (ctx: BotContext, language: Language, message: Text, buttons?: Button[]) =>
    ctx.reply(deps.translate(language, message), {
      parse_mode: 'HTML',
      ...(buttons && { reply_markup: keyboard(buttons, buttons.length) }),
    })

  composer.command('mine', async (ctx) => {
    const person = ctx.person
    if (!person) return
    const { language } = person
    const result = await deps.listAssignments(person.actor)
    if (!result.ok) {
      await say(ctx, language, text('common.staff-only'))
      return
    }
    if (result.assignments.length === 0) {
      await say(ctx, language, text('executor.mine.empty'))
      return
    }
    await say(ctx, language, text('executor.mine.title', { count: result.assignments.length }))
    for (const a of result.assignments) {
      const buttons: Button[] = []
      if (a.actions.includes('start'))
        buttons.push({
          label: deps.translate(language, text('executor.button.start')),
          data: encodeCallback({ kind: 'executor.start', requestId: a.requestId }),
        })
      if (a.actions.includes('finish'))
        buttons.push({
          label: deps.translate(language, text('executor.button.done')),
          data: encodeCallback({ kind: 'executor.finish', requestId: a.requestId }),
        })
      await say(ctx, language, card(a), buttons.length > 0 ? buttons : undefined)
    }
  })

  onButton(composer, 'executor.start', async (ctx, { requestId }) => {
    const person = ctx.person
    await ctx.answerCallbackQuery().catch(unlessHarmless(deps.log, 'answering the button'))
    if (!person) return
    const result = await deps.changeStatus({ actor: person.actor, requestId, action: 'start' })
    if (!result.ok) {
      await say(ctx, person.language, refusalText(result))
      return
    }
    // The card keeps only "done" now.
    await ctx
      .editMessageReplyMarkup({
        reply_markup: keyboard([
          {
            label: deps.translate(person.language, text('executor.button.done')),
            data: encodeCallback({ kind: 'executor.finish', requestId }),
          },
        ]),
      })
      .catch(unlessHarmless(deps.log, 'leaving only "done" on the card'))
    await say(ctx, person.language, text('executor.started', { number: (await deps.requestNumber(requestId)) ?? '' }))
  })

  onButton(composer, 'executor.finish', async (ctx, { requestId }) => {
    await ctx.answerCallbackQuery().catch(unlessHarmless(deps.log, 'answering the button'))
    const person = ctx.person
    if (!person) return
    // Before the wizard shows the request's number or asks for anything: may they finish it at all?
    const access = await deps.mayFinish(person.actor, requestId)
    if (access !== 'ok') {
      await say(ctx, person.language, text(ACCESS_REFUSAL[access]))
      return
    }
    await enterWizard(ctx, FINISH_WIZARD, requestId)
  })
}
