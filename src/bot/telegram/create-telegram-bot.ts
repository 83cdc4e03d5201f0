import { autoRetry } from '@grammyjs/auto-retry'
import type { ConversationData, ConversationStorage } from '@grammyjs/conversations'
import { conversations } from '@grammyjs/conversations'
import { sequentialize } from '@grammyjs/runner'
import { Bot } from 'grammy'
import type { Context } from 'grammy'
import type { UserFromGetMe } from 'grammy/types'
import { isStaffCommand, mayUseCommand } from '../../core/access/commands.js'
import type { InboundEvent } from '../../core/dialogue/messages.js'
import { text } from '../../core/i18n/text.js'
import type { Translate } from '../../core/i18n/translate.js'
import { IMAGE_SIGNATURE_BYTES, imageTypeOf } from '../../core/shared/image-type.js'
import { MAX_PHOTO_BYTES } from '../../core/requests/request.js'
import { ratingOf } from '../shared/rating-button.js'
import { readHead } from '../shared/read-head.js'
import type { ResidentPipeline } from '../shared/resident-pipeline.js'
import { answerOutdatedButtons } from './callbacks.js'
import type { BotContext, Person, StaffFeature } from './context.js'
import { unlessHarmless } from './harmless-errors.js'
import type { Render } from './render.js'
import { toInboundEvent } from './to-inbound-event.js'

export interface TelegramBotDeps {
  token: string
  apiRoot: string
  /** Known bot identity (skips getMe at start, e.g. in benchmarks). */
  botInfo?: UserFromGetMe
  /** The turn of every person's update: dedupe, flood guard, person, then features and the resident side. */
  pipeline: ResidentPipeline<Person>
  /** Staff capabilities, installed in this order before the resident dialogue. */
  features: StaffFeature[]
  /** Where staff wizards (conversations) keep their state, so they survive a restart. */
  conversationStorage: ConversationStorage<BotContext, ConversationData>
  /** The person blocked the bot (my_chat_member "kicked"): no more messages until they write again. */
  markBlocked: (telegramUserId: number) => Promise<void>
  translate: Translate
  render: Render
  log: {
    error: (fields: Record<string, unknown>, message: string) => void
    warn: (fields: Record<string, unknown>, message: string) => void
    debug: (fields: Record<string, unknown>, message: string) => void
  }
}

/**
 * A document that claims to be a picture counts as a photo only if its bytes are one; a lie is
 * refused as a file of the wrong type is. The type the bytes show replaces the declared one.
 */
async function checkedDocument(ctx: Context, event: InboundEvent, deps: TelegramBotDeps): Promise<InboundEvent> {
  const document = ctx.message?.document
  if (!document || event.type !== 'photo' || event.photo.sizeBytes > MAX_PHOTO_BYTES) return event
  const file = await ctx.api.getFile(document.file_id)
  const head =
    file.file_path === undefined
      ? null
      : await readHead(`${deps.apiRoot}/file/bot${deps.token}/${file.file_path}`, IMAGE_SIGNATURE_BYTES)
  if (head === null) throw new Error('document could not be downloaded to check its type')
  const mimeType = imageTypeOf(head) ?? 'application/octet-stream'
  return { type: 'photo', photo: { ...event.photo, mimeType } }
}

const COMMAND = /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s|$)/

/** The command an update carries (`/queue@bot args` → queue), or none. */
export const commandOf = (ctx: Context): string | undefined => COMMAND.exec(ctx.message?.text ?? '')?.[1]?.toLowerCase()

/** The Telegram bot: staff features first, then the resident dialogue (neutral events in, messages out). */
export function createTelegramBot(deps: TelegramBotDeps): Bot<BotContext> {
  async function clearPressedButtons(ctx: Context): Promise<void> {
    // Old buttons would only lead to "this button no longer works"; take them away once used.
    if (!ctx.callbackQuery?.message) return
    await ctx
      .editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } })
      .catch(unlessHarmless(deps.log, 'clearing pressed buttons'))
  }

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

  // Every update from a person goes through the resident pipeline (once only, within the flood
  // limit, with the person loaded); the features and the resident side run inside its `read`.
  bot.use(async (ctx, next) => {
    const chat = ctx.chat
    const from = ctx.from
    if (!chat || !from || from.is_bot) return
    await deps.pipeline({
      externalId: String(from.id),
      updateKey: String(ctx.update.update_id),
      channelLanguage: from.language_code,
      read: async (person) => {
        ctx.person = person
        await next()
        return ctx.residentInput ?? null
      },
      reply: async (answer, kind) => {
        await deps.render(ctx.api, chat.id, answer.language, answer.messages)
        // After "slow down" or "something went wrong" the same button must work for another try.
        if (kind === 'answer') await clearPressedButtons(ctx)
      },
    })
  })

  bot.use(answerOutdatedButtons(deps.translate, deps.log))

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

  // The resident side: what a private chat says, handed back to the pipeline as a neutral input.
  bot.use(async (ctx) => {
    // Group chats belong to staff features; the resident dialogue is private.
    if (ctx.chat?.type !== 'private' || !ctx.person) return
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(unlessHarmless(deps.log, 'answering the button'))
    const rating = ratingOf(ctx.callbackQuery?.data)
    if (rating) {
      ctx.residentInput = { type: 'rating', ...rating }
      return
    }
    const event = toInboundEvent(ctx)
    if (event) ctx.residentInput = { type: 'event', event: await checkedDocument(ctx, event, deps) }
  })

  bot.catch((error) => {
    deps.log.error({ err: error.error, update_id: error.ctx.update.update_id }, 'unhandled bot error')
  })
  return bot
}
