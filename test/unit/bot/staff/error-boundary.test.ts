import { conversations } from '@grammyjs/conversations'
import { Bot } from 'grammy'
import type { Context, Transformer } from 'grammy'
import type { Update } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { loadDictionaries } from '../../../../src/app/locales.js'
import type { BotContext, StaffFeature } from '../../../../src/bot/telegram/context.js'
import { createExecutorFeature } from '../../../../src/bot/telegram/staff/executor/feature.js'
import { behindErrorBoundary } from '../../../../src/bot/telegram/staff/shared/boundary.js'
import type { Language } from '../../../../src/core/i18n/text.js'
import { text } from '../../../../src/core/i18n/text.js'
import { createTranslator } from '../../../../src/core/i18n/translate.js'

const CHAT = 5001
const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })

/** A bot whose Bot API calls are recorded instead of sent, with the person loaded as the bot does. */
function botWith(feature: StaffFeature, language: Language) {
  const calls: { method: string; payload: Record<string, unknown> }[] = []
  const logged: Record<string, unknown>[] = []
  const bot = new Bot<BotContext>('1:fake', {
    botInfo: {
      id: 1,
      is_bot: true,
      first_name: 'bot',
      username: 'test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    },
  })
  const record: Transformer = (_previous, method, payload) => {
    calls.push({ method, payload })
    const result = method === 'sendMessage' ? { message_id: calls.length, date: 0, chat: { id: CHAT } } : true
    return Promise.resolve({ ok: true, result } as never)
  }
  bot.api.config.use(record)
  bot.use(async (ctx, next) => {
    ctx.person = { userId: 7, actor: { userId: 7, memberships: [] }, language }
    await next()
  })
  bot.use(conversations<BotContext, Context>())
  feature.install(bot)
  const reachedNext: number[] = []
  bot.use((ctx) => void reachedNext.push(ctx.update.update_id))
  bot.catch((error) => void logged.push({ unhandled: error.error }))
  return { bot, calls, reachedNext, logged }
}

const from = { id: CHAT, is_bot: false, first_name: 'Анна' }
const chat = { id: CHAT, type: 'private' as const, first_name: 'Анна' }
const command = (updateId: number, name: string): Update => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: 0,
    chat,
    from,
    text: `/${name}`,
    entities: [{ type: 'bot_command', offset: 0, length: name.length + 1 }],
  },
})
const press = (updateId: number, data: string): Update => ({
  update_id: updateId,
  callback_query: { id: `q${updateId}`, from, chat_instance: 'c', data, message: { message_id: 1, date: 0, chat } },
})

const log = (into: Record<string, unknown>[]) => ({
  warn: (fields: Record<string, unknown>) => void into.push(fields),
  error: (fields: Record<string, unknown>) => void into.push(fields),
})

describe('the staff error boundary', () => {
  it('when a staff command throws, then the person is told in their language and the failure is logged by update id', async () => {
    const logged: Record<string, unknown>[] = []
    const feature = behindErrorBoundary(
      'test',
      {
        install: (composer) => {
          composer.command('boom', () => {
            throw new Error('database is gone')
          })
        },
      },
      { translate, log: log(logged) },
    )
    const { bot, calls, reachedNext, logged: unhandled } = botWith(feature, 'be')
    await bot.handleUpdate(command(41, 'boom'))
    expect(calls).toEqual([
      { method: 'sendMessage', payload: { chat_id: CHAT, text: translate('be', text('common.error')) } },
    ])
    expect(logged).toEqual([expect.objectContaining({ update_id: 41, feature: 'test' })])
    expect(JSON.stringify(logged)).not.toContain('Анна')
    expect(unhandled).toEqual([])
    expect(reachedNext).toEqual([])
  })

  it('when a button handler throws, then the button is answered and the person is told', async () => {
    const feature = behindErrorBoundary(
      'test',
      {
        install: (composer) => {
          composer.callbackQuery('x:1', () => {
            throw new Error('no')
          })
        },
      },
      { translate, log: log([]) },
    )
    const { bot, calls } = botWith(feature, 'en')
    await bot.handleUpdate(press(42, 'x:1'))
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'sendMessage'])
    expect(calls[1]?.payload.text).toBe(translate('en', text('common.error')))
  })

  it('when an update is not the feature’s, then it goes on to the handlers after it', async () => {
    const feature = behindErrorBoundary(
      'test',
      { install: (composer) => void composer.command('boom', () => {}) },
      {
        translate,
        log: log([]),
      },
    )
    const { bot, calls, reachedNext } = botWith(feature, 'ru')
    await bot.handleUpdate(command(43, 'other'))
    expect(reachedNext).toEqual([43])
    expect(calls).toEqual([])
  })

  it('when the executor’s /mine fails to load, then the executor gets the localized reply, not silence', async () => {
    const logged: Record<string, unknown>[] = []
    const feature = createExecutorFeature({
      translate,
      listAssignments: () => Promise.reject(new Error('connection terminated')),
      changeStatus: () => Promise.reject(new Error('unused')),
      mayFinish: () => Promise.resolve('ok'),
      requestNumber: () => Promise.resolve(null),
      log: log(logged),
    })
    const { bot, calls, logged: unhandled } = botWith(feature, 'ru')
    await bot.handleUpdate(command(44, 'mine'))
    expect(calls.map((c) => c.payload.text)).toEqual([translate('ru', text('common.error'))])
    expect(logged).toEqual([expect.objectContaining({ update_id: 44, feature: 'executor' })])
    expect(unhandled).toEqual([])
  })
})
