import { autoRetry } from '@grammyjs/auto-retry'
import type { ConversationData, ConversationStorage } from '@grammyjs/conversations'
import { conversations } from '@grammyjs/conversations'
import { sequentialize } from '@grammyjs/runner'
import { Bot } from 'grammy'
import type { Context } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import { isStaffCommand, mayUseCommand } from '../../core/access/commands.js'
import type { HandleDialogueEvent } from '../../core/dialogue/handle-dialogue-event.js'
import { languageFrom, text } from '../../core/i18n/text.js'
import type { Translate } from '../../core/i18n/translate.js'
import type { FloodGuard } from '../shared/flood-guard.js'
import type { BotContext, Person, StaffFeature } from './context.js'
import type { Render } from './render.js'
import { toInboundEvent } from './to-inbound-event.js'

export interface TelegramBotDeps {
  token: string
  apiRoot: string
  /** Known bot identity (skips getMe at start, e.g. in benchmarks). */
  botInfo?: UserFromGetMe
  handleDialogueEvent: HandleDialogueEvent
  /** The person behind a Telegram user, created on first contact, with their staff memberships. */
  loadPerson: (telegramUserId: number, languageCode: string | undefined) => Promise<Person>
  /** Staff capabilities, installed in this order before the resident dialogue. */
  features: StaffFeature[]
  /** Where staff wizards (conversations) keep their state, so they survive a restart. */
  conversationStorage: ConversationStorage<BotContext, ConversationData>
  /** false: this update was handled before (redelivered). */
  markProcessed: (updateId: number) => Promise<boolean>
  /** The resident's answer to "was it fixed?" (0 = not fixed, 1–5 stars). */
  rate: (
    userId: number,
    requestId: number,
    rating: 0 | 1 | 2 | 3 | 4 | 5,
  ) => Promise<'closed' | 'reopened' | 'already-rated' | 'not-allowed'>
  /** The person blocked the bot (my_chat_member "kicked"): no more messages until they write again. */
  markBlocked: (telegramUserId: number) => Promise<void>
  floodGuard: FloodGuard
  translate: Translate
  render: Render
  log: {
    error: (fields: Record<string, unknown>, message: string) => void
    debug: (fields: Record<string, unknown>, message: string) => void
  }
}

async function clearPressedButtons(ctx: Context): Promise<void> {
  // Old buttons would only lead to "this button no longer works"; take them away once used.
  if (!ctx.callbackQuery?.message) return
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined)
}

const COMMAND = /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s|$)/

/** The command an update carries (`/queue@bot args` → queue), or none. */
export const commandOf = (ctx: Context): string | undefined => COMMAND.exec(ctx.message?.text ?? '')?.[1]?.toLowerCase()

/** The Telegram bot: staff features first, then the resident dialogue (neutral events in, messages out). */
export function createTelegramBot(deps: TelegramBotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, {
    client: { apiRoot: deps.apiRoot },
    ...(deps.botInfo && { botInfo: deps.botInfo }),
  })
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 })
  // 429 and network hiccups on the bot's own replies: wait as Telegram says and try again.
  bot.api.config.use(retry)

  // One chat's updates one after another (the runner and webhooks both deliver concurrently).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()))

  bot.on('my_chat_member', async (ctx, next) => {
    if (ctx.chat.type !== 'private') return next()
    if (ctx.myChatMember.new_chat_member.status === 'kicked') await deps.markBlocked(ctx.myChatMember.from.id)
  })

  // Every update from a person: once only, within the flood limit, with the person loaded.
  bot.use(async (ctx, next) => {
    const from = ctx.from
    if (!ctx.chat || !from || from.is_bot) return
    if (!(await deps.markProcessed(ctx.update.update_id))) return
    const verdict = await deps.floodGuard(`telegram:${from.id}`)
    if (verdict === 'drop') return
    if (verdict === 'warn') {
      await ctx.reply(deps.translate(languageFrom(from.language_code), text('common.flood')))
      return
    }
    ctx.person = await deps.loadPerson(from.id, from.language_code)
    await next()
  })

  bot.use(
    conversations<BotContext, Context>({
      storage: deps.conversationStorage,
      // Transformers on bot.api do not reach the API inside conversations; install them again.
      plugins: [
        async (ctx, next) => {
          ctx.api.config.use(retry)
          await next()
        },
      ],
    }),
  )

  // /cancel leaves a staff wizard; without one it goes on to the resident dialogue's own /cancel.
  bot.command('cancel', async (ctx, next) => {
    if (Object.keys(ctx.conversation.active()).length === 0) return next()
    await ctx.conversation.exitAll()
    await ctx.reply(deps.translate(ctx.person?.language ?? 'ru', text('staff.cancelled')))
  })

  // A staff command from someone without the permission behind it: a polite refusal, nothing else.
  bot.use(async (ctx, next) => {
    const command = commandOf(ctx)
    if (command === undefined || !isStaffCommand(command) || !ctx.person) return next()
    if (mayUseCommand(ctx.person.actor, command)) return next()
    await ctx.reply(deps.translate(ctx.person.language, text('common.staff-only')))
  })

  for (const feature of deps.features) feature.install(bot)

  bot.use(async (ctx) => {
    const chat = ctx.chat
    const from = ctx.from
    const person = ctx.person
    // Group chats belong to staff features; the resident dialogue is private.
    if (!chat || chat.type !== 'private' || !from || !person) return
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined)
    const fallbackLanguage = person.language
    const rating = /^rate:(\d+):([0-5])$/.exec(ctx.callbackQuery?.data ?? '')
    const event = rating ? null : toInboundEvent(ctx)
    if (!rating && !event) return
    try {
      const userId = person.userId
      if (rating) {
        // Ratings answer a message the workers sent, outside the dialogue's current question.
        const outcome = await deps.rate(userId, Number(rating[1]), Number(rating[2]) as 0 | 1 | 2 | 3 | 4 | 5)
        const key = {
          closed: 'rating.thanks',
          reopened: 'rating.reopened',
          'already-rated': 'rating.already',
          'not-allowed': 'rating.not-found',
        }[outcome]
        await clearPressedButtons(ctx)
        await ctx.reply(deps.translate(fallbackLanguage, text(key)), { parse_mode: 'HTML' })
        return
      }
      if (!event) return
      const reply = await deps.handleDialogueEvent({
        channel: 'telegram',
        externalId: String(chat.id),
        userId,
        channelLanguage: from.language_code,
        event,
      })
      await deps.render(ctx.api, chat.id, reply.language, reply.messages)
      await clearPressedButtons(ctx)
    } catch (error) {
      deps.log.error({ err: error, update_id: ctx.update.update_id }, 'update failed')
      await ctx.reply(deps.translate(fallbackLanguage, text('common.error'))).catch(() => undefined)
    }
  })

  bot.catch((error) => {
    deps.log.error({ err: error.error, update_id: error.ctx.update.update_id }, 'unhandled bot error')
  })
  return bot
}
