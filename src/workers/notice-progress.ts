import type { Translate } from '../core/i18n/translate.js'
import type { MessageEditor, NoticeProgressStore } from '../core/notices/ports.js'
import { noticeProgressMessage, progressFrom } from '../core/notices/progress.js'
import type { Log } from './outbox-relay.js'

/**
 * Keeps each admin's progress message up to date while a notice is delivered: every few seconds
 * at most (the database lease makes one worker process edit a given notice at a time), and only
 * when the figures changed.
 */
export function createNoticeProgressReporter(deps: {
  store: NoticeProgressStore
  editor: MessageEditor
  translate: Translate
  everyMs: number
  log: Log
}) {
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined

  async function pass(): Promise<number> {
    let edited = 0
    for (const target of await deps.store.takeDue(deps.everyMs, 50)) {
      const progress = progressFrom(
        target.noticeId,
        target.state,
        target.planned,
        await deps.store.counts(target.noticeId),
        target.sendAt,
      )
      const html = deps.translate(target.language, noticeProgressMessage(progress))
      if (html === target.shown) continue
      const outcome = await deps.editor.editText(target.chatId, target.messageId, html)
      if (outcome === 'failed') continue
      await deps.store.markShown(target.noticeId, outcome === 'gone' ? null : html)
      edited += 1
    }
    return edited
  }

  const tick = () => {
    running = pass()
      .then(() => undefined)
      .catch((error: unknown) => {
        deps.log.warn({ err: error }, 'could not update notice progress messages')
      })
      .finally(() => {
        running = undefined
        if (timer !== undefined) timer = setTimeout(tick, deps.everyMs)
      })
  }

  return {
    pass,
    start: () => {
      timer = setTimeout(tick, deps.everyMs)
    },
    stop: async () => {
      clearTimeout(timer)
      timer = undefined
      await running
    },
  }
}
