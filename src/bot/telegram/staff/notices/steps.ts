import type { NoticeKind, NoticeService } from '../../../../core/notices/notice.js'
import { isNoticeKind, isNoticeService, validateNoticeBody } from '../../../../core/notices/notice.js'
import { parseTimeWindow } from '../../../../core/notices/time-window.js'
import { pressedOf } from '../../callbacks.js'
import { text } from '../../../../core/i18n/text.js'
import { keyboard } from '../shared/keyboard.js'
import { waitForOwn } from '../shared/wait.js'
import type { NoticeWindow } from './compose-rules.js'
import { NO_PHOTO, captionProblem, kindButtons, serviceButtons, tomorrowButtons, windowFrom } from './compose-rules.js'
import { failureText } from './texts.js'
import type { NoticeWizard } from './wizard.js'
import { HTML } from './wizard.js'

// The notice wizard's simple steps: each asks once and waits until the answer is usable.

/** Step "kind": planned or emergency outage, or information. Null for a forged button. */
export async function askKind(w: NoticeWizard): Promise<NoticeKind | null> {
  await w.ctx.reply(w.t('admin.notice.ask-kind'), { ...HTML, reply_markup: keyboard(kindButtons(w.t)) })
  const value = (await w.choose('notice.kind')).noticeKind
  return isNoticeKind(value) ? value : null
}

/** Step "service": what is off. Null for a forged button. */
export async function askService(w: NoticeWizard): Promise<NoticeService | null> {
  await w.ctx.reply(w.t('admin.notice.ask-service'), { ...HTML, reply_markup: keyboard(serviceButtons(w.t), 3) })
  const value = (await w.choose('notice.service')).service
  return isNoticeService(value) ? value : null
}

/** Today's window is over: "did you mean tomorrow, 6 December 10:00–16:00?"; true for yes. */
async function tomorrowMeant(w: NoticeWizard, tomorrow: NoticeWindow): Promise<boolean> {
  const question = [
    failureText('window-past-today'),
    text('admin.notice.ask-tomorrow', { period: { period: { from: tomorrow.startsAt, until: tomorrow.endsAt } } }),
  ]
  await w.ctx.reply(w.translate(w.language, question), {
    ...HTML,
    reply_markup: keyboard(tomorrowButtons(w.t)),
  })
  return (await w.choose('notice.tomorrow')).meant
}

/**
 * Step "window": from when until when, typed in the region's time zone; not one already over.
 * Times alone that are over today are not moved to tomorrow silently: the admin is asked.
 */
export async function askWindow(w: NoticeWizard): Promise<NoticeWindow> {
  await w.ctx.reply(w.t('admin.notice.ask-window'), HTML)
  for (;;) {
    const input = await w.typed()
    const now = await w.conversation.now()
    const parsed = parseTimeWindow(input, new Date(now), w.ports.timeZone)
    if (!parsed.ok && parsed.error === 'window-past-today') {
      if (await tomorrowMeant(w, parsed.tomorrow)) {
        const checked = windowFrom({ ok: true, ...parsed.tomorrow }, await w.conversation.now())
        if (checked.ok) return checked.window
      }
      await w.ctx.reply(w.t('admin.notice.ask-window'), HTML)
      continue
    }
    const checked = windowFrom(parsed, now)
    if (checked.ok) return checked.window
    await w.ctx.reply(w.translate(w.language, failureText(checked.error)), HTML)
  }
}

/** Step "body": the words residents read. */
export async function askBody(w: NoticeWizard): Promise<string> {
  await w.ctx.reply(w.t('admin.notice.ask-body'), HTML)
  for (;;) {
    const body = (await w.typed()).trim()
    const invalid = validateNoticeBody(body, false)
    if (!invalid) return body
    await w.ctx.reply(w.translate(w.language, failureText(invalid)), HTML)
  }
}

/** Step "photo": optional; the body becomes its caption, so it must fit one. */
export async function askPhoto(w: NoticeWizard, body: string): Promise<string | null> {
  await w.ctx.reply(w.t('admin.notice.ask-photo'), {
    ...HTML,
    reply_markup: keyboard([{ label: w.t('admin.notice.no-photo'), data: NO_PHOTO }]),
  })
  for (;;) {
    const answer = await waitForOwn(
      w.conversation,
      w.from,
      (c) => c.message?.photo?.at(-1)?.file_id ?? (pressedOf(c, 'notice.no-photo') ? null : undefined),
      (c) => c.reply(w.t('admin.notice.ask-photo'), HTML),
    )
    if (answer.value === null) {
      await answer.ctx.answerCallbackQuery()
      return null
    }
    const problem = captionProblem(body)
    if (problem === null) return answer.value
    await w.ctx.reply(w.translate(w.language, failureText(problem)), HTML)
  }
}
