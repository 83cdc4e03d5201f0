import type { OutboxMessage } from '../shared/ports.js'
import type { NoticeArea, NoticeDraft, NoticeKind } from './notice.js'

export type NoticeState = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled' | 'ended'

/** A notice as its use cases see it, read with a row lock. */
export interface NoticeForChange {
  id: number
  kind: NoticeKind
  service: string
  area: NoticeArea
  state: NoticeState
  body: string
  endsAt: string | null
  photo: string | null
  parentNoticeId: number | null
}

export interface ProgressMessage {
  chatId: string
  messageId: number
  language: 'ru' | 'be' | 'en'
}

export type NoticeEventKind = 'created' | 'confirmed' | 'scheduled' | 'corrected' | 'cancelled' | 'ended'

/** What the notice use cases read and write, inside one transaction (implemented in src/db). */
export interface NoticeStore {
  /**
   * The districts an area lies in: 'region' for the whole region, null when a district or
   * settlement named in it does not exist.
   */
  areaDistricts: (area: NoticeArea) => Promise<number[] | 'region' | null>
  insertDraft: (draft: NoticeDraft, createdByUserId: number, at: Date) => Promise<number>
  lockNotice: (noticeId: number) => Promise<NoticeForChange | null>
  update: (
    noticeId: number,
    patch: {
      state?: NoticeState
      sendAt?: Date | null
      body?: string
      progress?: ProgressMessage | null
    },
    at: Date,
  ) => Promise<void>
  /** How many residents already received the notice. */
  countSent: (noticeId: number) => Promise<number>
  /** A follow-up notice (correction, "restored") for those who received `parentId`, already sending. */
  insertFollowUp: (
    parentId: number,
    followUp: 'correction' | 'ended',
    body: string,
    createdByUserId: number,
    at: Date,
  ) => Promise<number>
  recordEvent: (
    noticeId: number,
    kind: NoticeEventKind,
    actorUserId: number,
    data: Record<string, unknown>,
  ) => Promise<void>
  enqueue: (messages: OutboxMessage[]) => Promise<void>
}

/** Edits a message the bot sent before (the admin's progress message). */
export interface MessageEditor {
  editText: (chatId: string, messageId: number, html: string) => Promise<'edited' | 'gone' | 'failed'>
}

export interface ProgressTarget extends ProgressMessage {
  noticeId: number
  state: NoticeState
  planned: boolean
  sendAt: string | null
  shown: string | null
}

/** What the progress reporter reads and writes (implemented over PostgreSQL in src/db). */
export interface NoticeProgressStore {
  /**
   * Notices whose progress message may need an edit, each taken for `leaseMs` (one editor at a time,
   * at most one edit per notice per lease): still sending or scheduled, or finished but not yet shown so.
   */
  takeDue: (leaseMs: number, limit: number) => Promise<ProgressTarget[]>
  counts: (noticeId: number) => Promise<Record<string, number>>
  /** What the message now shows; null message: the admin's message is gone, stop editing it. */
  markShown: (noticeId: number, shown: string | null) => Promise<void>
}
