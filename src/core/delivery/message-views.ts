import type { NoticeView } from '../notices/notice-message.js'
import type { StatusUpdateView } from '../requests/messages.js'

/** What residents' messages show, read when they are sent (so they show the current state). */
export interface MessageViews {
  statusUpdateView: (requestId: number, eventId: number) => Promise<StatusUpdateView | null>
  noticeView: (noticeId: number) => Promise<(NoticeView & { state: string }) | null>
}
