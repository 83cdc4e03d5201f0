import type { CallbackKind, CallbackOf } from '../../../../core/shared/callback-data.js'
import type { Conversation } from '@grammyjs/conversations'
import type { Context } from 'grammy'
import type { Actor } from '../../../../core/access/permissions.js'
import type { Language } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import type { BotContext } from '../../context.js'
import { unlessHarmless } from '../../harmless-errors.js'
import type { StaffLog } from '../shared/boundary.js'
import { waitForButton, waitForText } from '../shared/wait.js'
import type { Say } from './compose-rules.js'
import type { NoticePorts } from './ports.js'

export type NoticeConversation = Conversation<BotContext>

export const HTML = { parse_mode: 'HTML' as const }

/** The answer when the person behind the wizard is gone or no longer staff. */
export const REFUSED = { ok: false as const, error: 'not-allowed' as const }

/** What every step of the notice wizard works with: the conversation, the admin, their language. */
export interface NoticeWizard {
  conversation: NoticeConversation
  /** The update that started the wizard: every question is asked in its chat. */
  ctx: Context
  language: Language
  /** The admin's Telegram user id: only their answers count. */
  from: number
  ports: NoticePorts
  translate: Translate
  log: StaffLog
  t: Say
  /** Waits for a button of this kind; a text gets a hint; a command or another button ends the wizard. */
  choose: <K extends CallbackKind>(kind: K) => Promise<CallbackOf<K>>
  /** Waits for a text; anything else gets a hint. */
  typed: () => Promise<string>
  /** The pressed keyboard goes away, so an old step cannot be pressed again. */
  takeButtonsAway: (pressed: Context) => Promise<void>
}

/** The actor as of now (read inside `external`): a role revoked while the wizard waited no longer counts. */
export const actorOf = (outside: BotContext): Actor | null => outside.person?.actor ?? null

export function noticeWizard(
  base: Pick<NoticeWizard, 'conversation' | 'ctx' | 'language' | 'from' | 'ports' | 'translate' | 'log'>,
): NoticeWizard {
  const { conversation, from, translate, language, log } = base
  const t: Say = (key, params) => translate(language, text(key, params))
  const takeButtonsAway = async (pressed: Context) => {
    await pressed
      .editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } })
      .catch(unlessHarmless(log, 'taking the buttons away'))
  }
  const choose = async <K extends CallbackKind>(kind: K): Promise<CallbackOf<K>> => {
    const pressed = await waitForButton(conversation, from, [kind], (c) => c.reply(t('admin.notice.use-buttons')))
    await pressed.ctx.answerCallbackQuery()
    await takeButtonsAway(pressed.ctx)
    return pressed.value
  }
  const typed = async (): Promise<string> =>
    (await waitForText(conversation, from, (c) => c.reply(t('admin.notice.use-text')))).text
  return { ...base, t, choose, typed, takeButtonsAway }
}
