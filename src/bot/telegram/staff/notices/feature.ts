import { createConversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import type { Composer } from 'grammy'
import type { Language, Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import { onButton, pressedButton } from '../../callbacks.js'
import type { BotContext, StaffFeature } from '../../context.js'
import { unlessHarmless } from '../../harmless-errors.js'
import type { StaffLog } from '../shared/boundary.js'
import { behindErrorBoundary } from '../shared/boundary.js'
import { COMPOSE_NOTICE, composeNotice } from './compose.js'
import { failureText } from './texts.js'
import { CORRECT_NOTICE, correctNotice } from './correct.js'
import { enterWizard } from '../shared/enter.js'
import type { Button } from '../shared/keyboard.js'
import { keyboard } from '../shared/keyboard.js'
import { addressedTo } from './districts.js'
import type { ActiveNotice } from '../../../../core/notices/list-active-notices.js'
import type { NoticePorts, Place } from './ports.js'

const EXCERPT = 300

const excerpt = (body: string) => (body.length > EXCERPT ? `${body.slice(0, EXCERPT)}…` : body)

function summary(n: ActiveNotice, districts: readonly Place[]): Text[] {
  const whom = addressedTo(n.area, districts)
  return [
    text('admin.notice.list.item', {
      id: n.id,
      kind: { text: text(`admin.notice.kind.${n.kind}`) },
      service: { text: text(`admin.notice.service.${n.service}`) },
      state: { text: text(`admin.notice.state.${n.state}`) },
    }),
    ...(whom ? [whom] : []),
    ...(n.startsAt === null ? [] : [text('admin.notice.list.starts', { at: { datetime: n.startsAt } })]),
    ...(n.endsAt === null ? [] : [text('admin.notice.list.ends', { at: { datetime: n.endsAt } })]),
    text('notice.body', { body: excerpt(n.body) }),
  ]
}

function actions(n: ActiveNotice, t: (key: string) => string): Button[] {
  return [
    { label: t('admin.notice.button.correct'), data: encodeCallback({ kind: 'notice.correct', noticeId: n.id }) },
    ...(n.state === 'scheduled' || n.state === 'sending'
      ? [{ label: t('admin.notice.button.cancel'), data: encodeCallback({ kind: 'notice.cancel', noticeId: n.id }) }]
      : []),
    ...(n.state === 'sending' || n.state === 'sent'
      ? [{ label: t('admin.notice.button.end'), data: encodeCallback({ kind: 'notice.end', noticeId: n.id }) }]
      : []),
  ]
}

/** /notice (compose, preview, confirm or schedule) and /notices (correct, cancel, end). */
export function createNoticesFeature(deps: { ports: NoticePorts; translate: Translate; log: StaffLog }): StaffFeature {
  const { ports, translate, log } = deps
  const languageOf = (ctx: BotContext): Language => ctx.person?.language ?? 'ru'
  const say = (ctx: Context, language: Language, message: Text | Text[]) =>
    ctx.reply(translate(language, message), { parse_mode: 'HTML' })

  const feature: StaffFeature = {
    install(composer: Composer<BotContext>) {
      composer.use(createConversation(composeNotice(ports, translate, log), { id: COMPOSE_NOTICE }))
      composer.use(createConversation(correctNotice(ports, translate), { id: CORRECT_NOTICE }))

      const privateChat = composer.chatType('private')

      privateChat.command('notice', async (ctx) => {
        await enterWizard(ctx, COMPOSE_NOTICE, languageOf(ctx))
      })

      privateChat.command('notices', async (ctx) => {
        const person = ctx.person
        if (!person) return
        const language = person.language
        const list = await ports.activeNotices(person.actor)
        if (list.length === 0) {
          await say(ctx, language, text('admin.notice.list.none'))
          return
        }
        // Every listed notice lies in the actor's notice area, so these name all its districts.
        const districts = await ports.districtsFor(person.actor)
        const t = (key: string) => translate(language, text(key))
        for (const n of list)
          await ctx.reply(translate(language, summary(n, districts)), {
            parse_mode: 'HTML',
            reply_markup: keyboard(actions(n, t), 3),
          })
      })

      onButton(privateChat, ['notice.correct', 'notice.cancel', 'notice.end'], async (ctx, pressed) => {
        const person = ctx.person
        if (!person) return
        const language = person.language
        const { noticeId } = pressed
        await ctx.answerCallbackQuery()
        await ctx
          .editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } })
          .catch(unlessHarmless(log, 'taking the buttons away'))
        if (pressed.kind === 'notice.correct') {
          // Before asking for a text: may they correct this notice at all?
          const allowed = await ports.mayCorrectNotice(person.actor, noticeId)
          if (!allowed.ok) {
            await say(ctx, language, failureText(allowed.error))
            return
          }
          await enterWizard(ctx, CORRECT_NOTICE, language, noticeId)
          return
        }
        if (pressed.kind === 'notice.cancel') {
          const result = await ports.cancelNotice(person.actor, noticeId)
          await say(
            ctx,
            language,
            result.ok ? text('admin.notice.cancelled', { id: noticeId }) : failureText(result.error),
          )
          return
        }
        const result = await ports.endNotice(person.actor, noticeId)
        await say(
          ctx,
          language,
          result.ok ? text('admin.notice.ended', { id: noticeId, count: result.told }) : failureText(result.error),
        )
      })

      // A button of a finished wizard or an old list.
      composer.filter(
        (ctx) => pressedButton(ctx)?.kind.startsWith('notice.') === true,
        async (ctx) => {
          await ctx.answerCallbackQuery({ text: translate(languageOf(ctx), text('admin.stale-button')) })
        },
      )
    },
  }
  return behindErrorBoundary('notices', feature, { translate, log })
}
