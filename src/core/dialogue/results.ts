import type { Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import type { CommandResult, NoticeSummary, RequestCard, RequestSummary } from './commands.js'
import type { OutboundMessage } from './messages.js'
import { choices, say } from './messages.js'
import { goTo } from './report-flow.js'
import type { DialogueState, Step } from './state.js'
import type { StepContext, StepOutput } from './step-kit.js'
import { ask, BACK, button, menu, reply } from './step-kit.js'

const status = (value: string): { text: Text } => ({ text: text(`status.${value}`) })

const noticeMessage = (n: NoticeSummary): OutboundMessage =>
  say([
    text(`notice.kind.${n.kind}`),
    text('notice.body', { body: n.body }),
    n.endsAt === null ? text('notice.until-unknown') : text('notice.until', { until: { datetime: n.endsAt } }),
  ])

/**
 * A neighbour following a request sees its status, category, house and dates, never the author's
 * words, photos or the questions put to the author (see the README: following a neighbour's request).
 */
function cardMessage(card: RequestCard): OutboundMessage {
  const lines: Text[] = [
    text('card.title', { number: card.number, status: status(card.status) }),
    text('card.category', { category: { localized: card.categoryName } }),
    text('card.address', { address: card.addressText }),
    card.organisationName
      ? text('card.organisation', { organisation: { localized: card.organisationName } })
      : text('card.triage'),
    text('card.created', { at: { datetime: card.createdAt } }),
    text('card.deadline', { at: { deadline: card.fixDueAt } }),
  ]
  if (card.own) lines.push(text('card.description', { description: card.description }))
  if (card.history.length > 0) lines.push(text('card.history'))
  for (const h of card.history)
    lines.push(
      h.status === null
        ? text('card.event', { at: { datetime: h.at } })
        : text('card.event-status', { at: { datetime: h.at }, status: status(h.status) }),
    )
  for (const a of card.answers)
    if (card.own || a.kind === 'official_answer')
      lines.push(text(`card.answer.${a.kind}`, { at: { datetime: a.at }, body: a.body }))
  return { ...say(lines), ...(card.own && card.photos.length > 0 && { photos: card.photos }) }
}

// Where a refused submission sends the resident to put it right.
const FIX_STEP: Partial<Record<string, Step>> = {
  'photo-required': 'report.photos',
  'too-many-photos': 'report.photos',
  'photo-too-large': 'report.photos',
  'description-too-short': 'report.description',
  'description-too-long': 'report.description',
  'unknown-category': 'report.top-category',
  'category-is-a-group': 'report.top-category',
  'unknown-district': 'report.district',
  'address-required': 'report.district',
}

function submitted(
  state: DialogueState,
  ctx: StepContext,
  outcome: Extract<CommandResult, { type: 'submitted' }>['outcome'],
): StepOutput {
  if (outcome.ok) {
    const sent = outcome.organisationName
      ? text('report.sent', {
          number: outcome.number,
          organisation: { localized: outcome.organisationName },
          deadline: { deadline: outcome.fixDueAt },
        })
      : text('report.sent-triage', { number: outcome.number, deadline: { deadline: outcome.fixDueAt } })
    return menu({ ...state, draft: null }, [say([sent, text('report.sent-how-to-check', { number: outcome.number })])])
  }
  if (outcome.error === 'rate-limited') return menu(state, [say(text('report.error.rate-limited'))])
  const draft = state.draft
  const fix = FIX_STEP[outcome.error]
  const explain = say(text(`report.error.${outcome.error}`, { phone: outcome.phone ?? '' }))
  if (!draft || fix === undefined) return menu({ ...state, draft: null }, [explain])
  // Fixed, the draft goes straight back to the summary, as when editing a field.
  return goTo(state, fix, ctx, { ...draft, editing: true }, [explain])
}

function checked(
  state: DialogueState,
  ctx: StepContext,
  duplicates: RequestSummary[],
  notices: NoticeSummary[],
): StepOutput {
  const draft = state.draft
  if (!draft) return menu(state)
  if ((duplicates.length === 0 && notices.length === 0) || draft.duplicatesSeen)
    return reply(state, [], [{ type: 'submit', draft }])
  const offered = duplicates
    .slice(0, 3)
    .map((d) => ({ id: d.id, number: d.number, status: d.status, createdAt: d.createdAt }))
  return goTo(
    state,
    'report.duplicate',
    ctx,
    { ...draft, offered, noticeShown: notices.length > 0 },
    notices.map(noticeMessage),
  )
}

export function handleResult(state: DialogueState, result: CommandResult, ctx: StepContext): StepOutput {
  switch (result.type) {
    case 'checked':
      return checked(state, ctx, result.duplicates, result.notices)
    case 'submitted':
      return submitted(state, ctx, result.outcome)
    case 'request-list': {
      if (result.items.length === 0 && state.page === 0) return menu(state, [say(text('my.empty'))])
      const items = result.items.map((r) => ({
        value: `req:${r.id}`,
        label: text('my.item', { number: r.number, status: status(r.status) }),
      }))
      const paging = [
        ...(state.page > 0 ? [button('page:prev', 'my.previous')] : []),
        ...(result.hasMore ? [button('page:next', 'my.next')] : []),
      ]
      return ask(
        state,
        'my.list',
        say(text('my.title', { page: state.page + 1 }), choices([...items, ...paging, BACK])),
      )
    }
    case 'request-card':
      if (!result.card) return menu(state, [say(text('status.not-found'))])
      return ask(
        { ...state, step: 'my.list' },
        'my.list',
        say(text('card.more'), choices([button('page:same', 'card.to-list'), BACK])),
        [cardMessage(result.card)],
      )
    case 'followed':
      return menu({ ...state, draft: null }, [
        say(result.number === null ? text('status.not-found') : text('report.followed', { number: result.number })),
      ])
    case 'notices':
      if (result.items.length === 0) return menu(state, [say(text('notices.none'))])
      return menu(state, result.items.map(noticeMessage))
    case 'forgotten':
      return menu({ ...state, draft: null }, [say(text('settings.forgotten'))])
  }
}
