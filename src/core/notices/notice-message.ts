import { text } from '../i18n/text.js'
import type { OutgoingMessage } from '../messages/messages.js'

export interface NoticeView {
  kind: string
  body: string
  endsAt: string | null
  photo: string | null
  /**
   * A follow-up to a notice residents already received: its correction, or "service restored"
   * (then `endsAt` is when the admin ended the outage).
   */
  followUp?: { kind: 'correction' | 'ended'; service: string } | null
}

export function noticeMessage(view: NoticeView): OutgoingMessage {
  if (view.followUp?.kind === 'ended') {
    // One short line: the resident has the outage text already; repeating it under "restored" misleads.
    const service = { text: text(`admin.notice.service.${view.followUp.service}`) }
    return {
      text: [
        view.endsAt === null
          ? text('admin.notice.restored', { service })
          : text('admin.notice.restored-at', { service, at: { datetime: view.endsAt } }),
      ],
      buttons: [],
      photo: null,
    }
  }
  return {
    text: [
      ...(view.followUp?.kind === 'correction' ? [text('admin.notice.corrected')] : []),
      text(`notice.kind.${view.kind}`),
      text('notice.body', { body: view.body }),
      view.endsAt === null ? text('notice.until-unknown') : text('notice.until', { until: { datetime: view.endsAt } }),
    ],
    buttons: [],
    photo: view.photo,
  }
}
