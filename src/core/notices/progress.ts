import type { Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'

export interface NoticeProgress {
  noticeId: number
  state: string
  recipients: number
  sent: number
  failed: number
  blocked: number
  /** Planned but not yet sent (or cancelled before sending). */
  waiting: number
  planned: boolean
  /** When a scheduled notice goes out (ISO). */
  sendAt: string | null
}

/** Delivery counts by notice_deliveries state → what the admin sees. */
export function progressFrom(
  noticeId: number,
  state: string,
  planned: boolean,
  counts: Record<string, number>,
  sendAt: string | null = null,
): NoticeProgress {
  const n = (key: string) => counts[key] ?? 0
  return {
    noticeId,
    state,
    recipients: Object.values(counts).reduce((a, b) => a + b, 0),
    sent: n('sent'),
    failed: n('failed'),
    blocked: n('unreachable'),
    waiting: n('pending') + n('sending'),
    planned,
    sendAt,
  }
}

/** The one message that shows the admin how a notice's delivery goes. */
export function noticeProgressMessage(p: NoticeProgress): Text[] {
  return [
    text('admin.notice.progress.title', { id: p.noticeId, state: { text: text(`admin.notice.state.${p.state}`) } }),
    text('admin.notice.progress.counts', {
      recipients: p.recipients,
      sent: p.sent,
      failed: p.failed,
      blocked: p.blocked,
      waiting: p.waiting,
    }),
    ...(p.state === 'sending' && !p.planned ? [text('admin.notice.progress.planning')] : []),
    ...(p.state === 'scheduled' && p.sendAt !== null
      ? [text('admin.notice.scheduled-for', { at: { datetime: p.sendAt } })]
      : []),
  ]
}
