import type { Actor } from '../../../../core/access/permissions.js'
import type { NoticeDraft } from '../../../../core/notices/notice.js'
import type { NoticeResult } from '../../../../core/notices/notice-use-cases.js'
import type { ProgressMessage } from '../../../../core/notices/ports.js'
import type { ActiveNotice } from '../../../../core/notices/list-active-notices.js'
import type { NoticeAreaChoices, NoticePlace } from '../../../../core/notices/notice-places.js'

export type Place = NoticePlace

/** What the notice screens need; the app wires these to the core use cases and PostgreSQL. */
export interface NoticePorts {
  timeZone: string
  /** Where the actor may send a notice: the region or not, and which districts. */
  areaChoices: (actor: Actor) => Promise<NoticeAreaChoices>
  /** Districts the actor may send notices to. */
  districtsFor: (actor: Actor) => Promise<Place[]>
  settlementsOf: (districtId: number) => Promise<Place[]>
  createNotice: (actor: Actor, draft: NoticeDraft) => Promise<NoticeResult<{ noticeId: number }>>
  confirmNotice: (
    actor: Actor,
    noticeId: number,
    options: { sendAt: Date | null; progress: ProgressMessage | null },
  ) => Promise<NoticeResult<{ state: 'sending' | 'scheduled' }>>
  /** Whether the actor may correct the notice (checked again when the text comes). */
  mayCorrectNotice: (actor: Actor, noticeId: number) => Promise<NoticeResult>
  correctNotice: (actor: Actor, noticeId: number, body: string) => Promise<NoticeResult<{ followUpTo: number }>>
  cancelNotice: (actor: Actor, noticeId: number) => Promise<NoticeResult>
  endNotice: (actor: Actor, noticeId: number) => Promise<NoticeResult<{ told: number }>>
  /** Active notices in the actor's area, newest first. */
  activeNotices: (actor: Actor) => Promise<ActiveNotice[]>
}
