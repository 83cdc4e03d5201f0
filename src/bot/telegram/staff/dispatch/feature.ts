import { createConversation } from '@grammyjs/conversations'
import type { Composer } from 'grammy'
import type { Actor, RequestPermission } from '../../../../core/access/permissions.js'
import { isCardAction } from '../../../../core/dispatch/card-actions.js'
import type { CardChat } from '../../../../core/dispatch/request-details.js'
import { isQueueFilter } from '../../../../core/dispatch/queue.js'
import { isRejectionReason, REJECTION_REASONS } from '../../../../core/requests/rejection.js'
import { shortlistText } from '../../../../core/dispatch/shortlist.js'
import type { Language } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { CallbackOf } from '../../../../core/shared/callback-data.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import { onButton } from '../../callbacks.js'
import type { BotContext, StaffFeature } from '../../context.js'
import { unlessHarmless } from '../../harmless-errors.js'
import { behindErrorBoundary } from '../shared/boundary.js'
import { CALL_CONVERSATION, createCallConversation } from './call.js'
import type { InputArgs } from './input.js'
import { createInputConversation, INPUT_CONVERSATION } from './input.js'
import { enterWizard } from '../shared/enter.js'
import { ACCESS_ERROR, LINK_CHAT_ERROR, REJECTION_REASON, outcomeOf } from './outcomes.js'
import type { DispatchPorts } from './ports.js'
import { say, sendCard } from './send.js'

/** The card's buttons and the pickers they open; ids come checked by the codec. */
const CARD_BUTTONS = [
  'request.action',
  'request.open',
  'request.reply',
  'request.assign-to',
  'request.reroute-to',
  'request.reroute-category',
  'request.reject-reason',
] as const
type CardButton = CallbackOf<(typeof CARD_BUTTONS)[number]>

/** A card shown in a group is read by everyone there: it goes without the resident's personal data. */
const chatOf = (ctx: BotContext): CardChat => (ctx.chat?.type === 'private' ? 'private' : 'group')

/**
 * The dispatcher's work: /req, /queue, /call, /linkchat, the card buttons (`rq:` callbacks,
 * pressed in a private chat or a linked group, always acting as the person who pressed), and the
 * resident's "Answer" to a question.
 */
export function createDispatchFeature(ports: DispatchPorts): StaffFeature {
  const { translate } = ports

  const enter = (ctx: BotContext, name: string, args?: InputArgs) =>
    args === undefined ? enterWizard(ctx, name) : enterWizard(ctx, name, args)

  async function onCallback(ctx: BotContext, actor: Actor, language: Language, pressed: CardButton): Promise<void> {
    const { requestId } = pressed
    const tell = (key: string) => say(ctx, translate, language, text(key))
    // Before asking anyone to type or choose: may they do this at all?
    const refused = async (permission: RequestPermission): Promise<boolean> => {
      const access = await ports.access(actor, requestId, permission)
      if (access === 'ok') return false
      await tell(ACCESS_ERROR[access])
      return true
    }
    switch (pressed.kind) {
      case 'request.open': {
        const card = await ports.showRequest(actor, requestId, chatOf(ctx))
        if (!card) return tell('dispatch.error.not-found')
        return sendCard(ctx, ports, language, card)
      }
      case 'request.reply':
        if (await refused('request.provide_info')) return
        return enter(ctx, INPUT_CONVERSATION, { requestId, kind: 'reply' })
      case 'request.assign-to': {
        const result = await ports.assign({ actor, requestId, executorUserId: pressed.executorUserId })
        const outcome = outcomeOf('assign', requestId, result)
        return say(ctx, translate, language, outcome.text, outcome.buttons)
      }
      case 'request.reroute-to': {
        // The organisation is chosen; now the category: kept, or another problem of the same group.
        const { organisationId } = pressed
        const found = await ports.categoriesFor(actor, requestId)
        if (!found.ok) return tell(ACCESS_ERROR[found.error])
        const categories = found.choices
        const category = (categoryId: number | null) =>
          encodeCallback({ kind: 'request.reroute-category', requestId, organisationId, categoryId })
        const rows = [
          [{ value: category(null), label: text('dispatch.reroute.keep-category') }],
          ...categories.items.map((c) => [
            { value: category(c.id), label: text('dispatch.name', { name: { localized: c.name } }) },
          ]),
        ]
        return say(ctx, translate, language, shortlistText(text('dispatch.reroute.choose-category'), categories), rows)
      }
      case 'request.reroute-category': {
        const result = await ports.reroute({
          actor,
          requestId,
          organisationId: pressed.organisationId,
          categoryId: pressed.categoryId,
        })
        const outcome = outcomeOf('reroute', requestId, result.ok ? { ok: true, to: 'rerouted' } : result)
        return say(ctx, translate, language, outcome.text, outcome.buttons)
      }
      case 'request.reject-reason': {
        const reasonCode = pressed.reason
        if (!isRejectionReason(reasonCode)) return tell('common.outdated-button')
        if (await refused('request.reject')) return
        return enter(ctx, INPUT_CONVERSATION, { requestId, kind: 'reject', reasonCode })
      }
      case 'request.action':
        break
    }
    const verb = pressed.action
    if (!isCardAction(verb)) return tell('common.outdated-button')
    switch (verb) {
      case 'accept': {
        const result = await ports.changeStatus({ actor, requestId, action: 'accept' })
        const outcome = outcomeOf('accept', requestId, result)
        return say(ctx, translate, language, outcome.text, outcome.buttons)
      }
      case 'assign': {
        const found = await ports.executorsFor(actor, requestId)
        if (!found.ok) return tell(ACCESS_ERROR[found.error])
        const executors = found.choices
        if (executors.items.length === 0) return tell('dispatch.assign.none')
        const rows = executors.items.map((e) => [
          {
            value: encodeCallback({ kind: 'request.assign-to', requestId, executorUserId: e.userId }),
            label: text('dispatch.name', { name: e.name }),
          },
        ])
        return say(ctx, translate, language, shortlistText(text('dispatch.assign.choose'), executors), rows)
      }
      case 'reroute': {
        const found = await ports.organisationsFor(actor, requestId)
        if (!found.ok) return tell(ACCESS_ERROR[found.error])
        const organisations = found.choices
        const rows = organisations.items.map((o) => [
          {
            value: encodeCallback({ kind: 'request.reroute-to', requestId, organisationId: o.id }),
            label: text(o.current ? 'dispatch.reroute.current' : 'dispatch.name', { name: { localized: o.name } }),
          },
        ])
        return say(ctx, translate, language, shortlistText(text('dispatch.reroute.choose'), organisations), rows)
      }
      case 'reject': {
        if (await refused('request.reject')) return
        const rows = REJECTION_REASONS.map((code) => [
          {
            value: encodeCallback({ kind: 'request.reject-reason', requestId, reason: code }),
            label: text(REJECTION_REASON[code]),
          },
        ])
        return say(ctx, translate, language, text('dispatch.reject.choose'), rows)
      }
      case 'ask':
      case 'answer':
      case 'plan':
        if (await refused(`request.${verb}`)) return
        return enter(ctx, INPUT_CONVERSATION, { requestId, kind: verb })
    }
  }

  async function showQueue(ctx: BotContext, actor: Actor, language: Language, filter: string, page: number) {
    if (!isQueueFilter(filter)) return say(ctx, translate, language, text('dispatch.queue.usage'))
    const shown = await ports.queue(actor, filter, page)
    if (!shown.ok) return say(ctx, translate, language, text(ACCESS_ERROR[shown.error]))
    return say(ctx, translate, language, shown.message.text, shown.message.buttons)
  }

  const feature: StaffFeature = {
    install(composer: Composer<BotContext>) {
      composer.use(createConversation(createInputConversation(ports), { id: INPUT_CONVERSATION }))
      composer.use(createConversation(createCallConversation(ports), { id: CALL_CONVERSATION }))

      composer.command('req', async (ctx) => {
        const person = ctx.person
        if (!person) return
        const requestId = await ports.findRequest(ctx.match)
        const card = requestId === null ? null : await ports.showRequest(person.actor, requestId, chatOf(ctx))
        if (!card) return say(ctx, translate, person.language, text('dispatch.req.not-found'))
        return sendCard(ctx, ports, person.language, card)
      })

      composer.command('queue', async (ctx) => {
        const person = ctx.person
        if (!person) return
        const filter = ctx.match.trim().toLowerCase() || 'new'
        return showQueue(ctx, person.actor, person.language, filter, 0)
      })

      composer.command('call', async (ctx) => {
        if (!ctx.person || ctx.chat.type !== 'private') return
        await enter(ctx, CALL_CONVERSATION)
      })

      composer.command('linkchat', async (ctx) => {
        const person = ctx.person
        if (!person) return
        const result = await ports.linkChat({
          actor: person.actor,
          chatId: String(ctx.chat.id),
          chatType: ctx.chat.type,
          language: person.language,
        })
        return say(
          ctx,
          translate,
          person.language,
          text(result.ok ? 'dispatch.linkchat.done' : LINK_CHAT_ERROR[result.error]),
        )
      })

      onButton(composer, 'queue.page', async (ctx, pressed) => {
        await ctx.answerCallbackQuery().catch(unlessHarmless(ports.log, 'answering the button'))
        const person = ctx.person
        if (!person) return
        return showQueue(ctx, person.actor, person.language, pressed.filter, pressed.page)
      })

      onButton(composer, CARD_BUTTONS, async (ctx, pressed) => {
        await ctx.answerCallbackQuery().catch(unlessHarmless(ports.log, 'answering the button'))
        const person = ctx.person
        if (!person) return
        await onCallback(ctx, person.actor, person.language, pressed)
      })
    },
  }
  return behindErrorBoundary('dispatch', feature, ports)
}
