import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import { normalizeBelarusPhone } from '../../../../core/dispatch/phone.js'
import type { Language, Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import { DESCRIPTION_MAX_LENGTH, DESCRIPTION_MIN_LENGTH } from '../../../../core/requests/request.js'
import { characters } from '../../../../core/shared/characters.js'
import type { BotContext } from '../../context.js'
import type { DispatchPorts } from './ports.js'
import { say } from './send.js'
import { waitForButton, waitForText } from './wait.js'

export const CALL_CONVERSATION = 'dispatch-call'

/**
 * /call: the operator types what the caller says (phone, name, category, district, address,
 * description); the request is registered on the caller's behalf.
 */
export function createCallConversation(ports: DispatchPorts) {
  const { translate } = ports
  return async function dispatchCall(conversation: Conversation<BotContext>, ctx: Context): Promise<void> {
    const language: Language = await conversation.external((outside) => outside.person?.language ?? 'ru')
    const sender = ctx.from?.id
    if (sender === undefined) return
    const from: number = sender
    const catalogue = await conversation.external(() => ports.catalogue())
    const tell = (c: Context, message: Text, buttons: { value: string; label: Text }[][] = []) =>
      say(c, translate, language, message, buttons)

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

    async function choose(prompt: string, choices: { value: string; label: Text }[]): Promise<string> {
      const rows = choices.map((c) => [c])
      await tell(ctx, text(prompt), rows)
      const pressed = await waitForButton(conversation, from, /^rq:c:(\d+)$/, (other) =>
        tell(other, text('dispatch.call.use-buttons')),
      )
      await pressed.ctx.answerCallbackQuery()
      return pressed.match[1] ?? ''
    }

    const phone = await typed('dispatch.call.ask-phone', (v) =>
      normalizeBelarusPhone(v) === null ? text('dispatch.call.bad-phone') : null,
    )
    const name = await typed('dispatch.call.ask-name', (v) => (v.length > 200 ? text('dispatch.call.too-long') : null))
    const topId = Number(
      await choose(
        'dispatch.call.ask-category',
        catalogue.topCategories.map((c) => ({
          value: `rq:c:${c.id}`,
          label: text('dispatch.name', { name: { localized: c.name } }),
        })),
      ),
    )
    const top = catalogue.topCategories.find((c) => c.id === topId)
    const categoryId = Number(
      await choose(
        'dispatch.call.ask-subcategory',
        (top?.children ?? []).map((c) => ({
          value: `rq:c:${c.id}`,
          label: text('dispatch.name', { name: { localized: c.name } }),
        })),
      ),
    )
    const districtId = Number(
      await choose(
        'dispatch.call.ask-district',
        catalogue.districts.map((d) => ({
          value: `rq:c:${d.id}`,
          label: text('dispatch.name', { name: { localized: d.name } }),
        })),
      ),
    )
    const addressText = await typed('dispatch.call.ask-address', (v) =>
      v.length > 500 ? text('dispatch.call.too-long') : null,
    )
    const description = await typed('dispatch.call.ask-description', (v) => {
      const n = characters(v)
      if (n < DESCRIPTION_MIN_LENGTH) return text('dispatch.call.description-short', { min: DESCRIPTION_MIN_LENGTH })
      if (n > DESCRIPTION_MAX_LENGTH) return text('dispatch.call.too-long')
      return null
    })
    const idempotencyKey = await conversation.external(() => ports.newId())
    const result = await conversation.external(async (outside) => {
      const actor = outside.person?.actor
      if (!actor) return { ok: false as const, error: 'not-allowed' as const }
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
        : { ok: false as const, error: registered.error }
    })
    if (!result.ok) {
      await tell(ctx, text(`dispatch.call.error.${result.error}`))
      return
    }
    const organisation = catalogue.organisations.find((o) => o.id === result.organisationId)
    await tell(
      ctx,
      text('dispatch.call.registered', {
        number: result.number,
        organisation: organisation ? { localized: organisation.name } : { text: text('dispatch.call.triage') },
        due: { datetime: result.fixDueAt },
      }),
    )
  }
}
