import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import { can } from '../../../../core/access/permissions.js'
import { normalizeBelarusPhone } from '../../../../core/dispatch/phone.js'
import type { Language, LocalizedText, Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import { descriptionProblem } from '../../../../core/requests/description.js'
import type { CallStep } from '../../../../core/shared/callback-data.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import { pressedOf } from '../../callbacks.js'
import type { BotContext } from '../../context.js'
import { CALL_ERROR } from './outcomes.js'
import type { DispatchPorts } from './ports.js'
import { say } from './send.js'
import { waitForOwn, waitForText } from '../shared/wait.js'

export const CALL_CONVERSATION = 'dispatch-call'

/**
 * /call: the operator types what the caller says (phone, name, category, district, address,
 * description); the request is registered on the caller's behalf.
 */
/** One call step's buttons: each step has its own prefix, so a stale button of another step is never taken here. */
type Step = CallStep

interface Choice {
  id: number
  name: LocalizedText
}

export function createCallConversation(ports: DispatchPorts) {
  const { translate } = ports
  return async function dispatchCall(conversation: Conversation<BotContext>, ctx: Context): Promise<void> {
    const language: Language = await conversation.external((outside) => outside.person?.language ?? 'ru')
    const sender = ctx.from?.id
    if (sender === undefined) return
    const from: number = sender
    const tell = (c: Context, message: Text, buttons: { value: string; label: Text }[][] = []) =>
      say(c, translate, language, message, buttons)
    // Only each step's choices go through `external`: its result is kept in the replay log.
    const named = (items: readonly Choice[]): Choice[] => items.map((i) => ({ id: i.id, name: i.name }))

    async function typed(prompt: string, valid: (value: string) => Text | null): Promise<string> {
      await tell(ctx, text(prompt))
      for (;;) {
        const reply = await waitForText(conversation, from, (other) => tell(other, text('dispatch.prompt.text-only')))
        const value = reply.text.trim()
        const problem = valid(value)
        if (problem === null) return value
        await tell(reply.ctx, problem)
      }
    }

    /** One of the offered ids; another step's or a forged button gets a hint, the wait goes on. */
    async function choose(prompt: string, step: Step, choices: Choice[]): Promise<number> {
      const offered = new Set(choices.map((c) => c.id))
      const rows = choices.map((c) => [
        {
          value: encodeCallback({ kind: 'call.pick', step, id: c.id }),
          label: text('dispatch.name', { name: { localized: c.name } }),
        },
      ])
      await tell(ctx, text(prompt), rows)
      const hint = (other: Context) => tell(other, text('dispatch.call.use-buttons'))
      for (;;) {
        const pressed = await waitForOwn(
          conversation,
          from,
          (c) => {
            const pick = pressedOf(c, 'call.pick')
            if (!pick) return undefined
            return pick.step === step && offered.has(pick.id) ? pick.id : 0
          },
          hint,
        )
        await pressed.ctx.answerCallbackQuery()
        if (pressed.value !== 0) return pressed.value
        await hint(pressed.ctx)
      }
    }

    const phone = await typed('dispatch.call.ask-phone', (v) =>
      normalizeBelarusPhone(v) === null ? text('dispatch.call.bad-phone') : null,
    )
    const name = await typed('dispatch.call.ask-name', (v) => (v.length > 200 ? text('dispatch.call.too-long') : null))
    const tops = await conversation.external(async () => named((await ports.catalogue()).topCategories))
    const topId = await choose('dispatch.call.ask-category', 't', tops)
    const problems = await conversation.external(async () =>
      named((await ports.catalogue()).topCategories.find((c) => c.id === topId)?.children ?? []),
    )
    const categoryId = await choose('dispatch.call.ask-subcategory', 'c', problems)
    // Only districts this person may register calls for.
    const districts = await conversation.external(async (outside) => {
      const actor = outside.person?.actor
      if (!actor) return []
      const all = (await ports.catalogue()).districts
      return named(all.filter((d) => can(actor, 'request.create_for_caller', { districtId: d.id })))
    })
    if (districts.length === 0) {
      await tell(ctx, text('dispatch.call.error.not-allowed'))
      return
    }
    const districtId = await choose('dispatch.call.ask-district', 'd', districts)
    const addressText = await typed('dispatch.call.ask-address', (v) =>
      v.length > 500 ? text('dispatch.call.too-long') : null,
    )
    const description = await typed('dispatch.call.ask-description', descriptionProblem)
    const idempotencyKey = await conversation.external(() => ports.newId())
    const result = await conversation.external(async (outside) => {
      const actor = outside.person?.actor
      if (!actor) return { ok: false as const, error: 'not-allowed' as const, phone: null }
      const registered = await ports.registerCall({
        actor,
        phone,
        callerName: name,
        categoryId,
        districtId,
        addressText,
        description,
        idempotencyKey,
      })
      // Plain JSON only: the result is kept in the conversation's replay log.
      return registered.ok
        ? {
            ok: true as const,
            number: registered.request.number,
            organisationId: registered.request.primaryOrganisationId,
            fixDueAt: registered.request.fixDueAt.toISOString(),
          }
        : {
            ok: false as const,
            error: registered.error,
            phone: 'phone' in registered ? registered.phone : null,
            max: 'max' in registered ? registered.max : 0,
          }
    })
    if (!result.ok) {
      await tell(ctx, text(CALL_ERROR[result.error], { phone: result.phone ?? '', max: result.max ?? 0 }))
      return
    }
    const organisation = await conversation.external(async () => {
      const found = (await ports.catalogue()).organisations.find((o) => o.id === result.organisationId)
      return found ? { name: found.name } : null
    })
    await tell(
      ctx,
      text('dispatch.call.registered', {
        number: result.number,
        organisation: organisation ? { localized: organisation.name } : { text: text('dispatch.call.triage') },
        due: { deadline: result.fixDueAt },
      }),
    )
  }
}
