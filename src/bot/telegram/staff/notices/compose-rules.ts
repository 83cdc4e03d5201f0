import type { TextParam } from '../../../../core/i18n/text.js'
import type { NoticeFailure } from '../../../../core/notices/notice-use-cases.js'
import { NOTICE_KINDS, NOTICE_SERVICES, validateNoticeBody } from '../../../../core/notices/notice.js'
import type { NoticePlace } from '../../../../core/notices/notice-places.js'
import type { TimeWindowResult } from '../../../../core/notices/time-window.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import type { Button } from '../shared/keyboard.js'
import type { NoticeError } from './texts.js'
import { NOTICE_KIND, NOTICE_SERVICE } from './texts.js'

/** The wizard's texts in the admin's language. */
export type Say = (key: string, params?: Record<string, TextParam>) => string

// The notice wizard's decisions that need no Telegram: its buttons and its checks of what was typed.

export const kindButtons = (t: Say): Button[] =>
  NOTICE_KINDS.map((k) => ({ label: t(NOTICE_KIND[k]), data: encodeCallback({ kind: 'notice.kind', noticeKind: k }) }))

export const serviceButtons = (t: Say): Button[] =>
  NOTICE_SERVICES.map((s) => ({
    label: t(NOTICE_SERVICE[s]),
    data: encodeCallback({ kind: 'notice.service', service: s }),
  }))

/** The whole region only for whoever may send there; districts and a settlement for every notice admin. */
export const areaButtons = (mayRegion: boolean, t: Say): Button[] => [
  ...(mayRegion
    ? [{ label: t('admin.notice.area.region'), data: encodeCallback({ kind: 'notice.area', area: 'region' }) }]
    : []),
  { label: t('admin.notice.area.district'), data: encodeCallback({ kind: 'notice.area', area: 'district' }) },
  { label: t('admin.notice.area.settlement'), data: encodeCallback({ kind: 'notice.area', area: 'settlement' }) },
]

const named = (place: NoticePlace, t: Say): string => t('common.name', { name: { localized: place.name } })

export const districtButtons = (districts: readonly NoticePlace[], t: Say): Button[] =>
  districts.map((d) => ({ label: named(d, t), data: encodeCallback({ kind: 'notice.district', districtId: d.id }) }))

export const settlementButtons = (settlements: readonly NoticePlace[], t: Say): Button[] =>
  settlements.map((s) => ({
    label: named(s, t),
    data: encodeCallback({ kind: 'notice.settlement', settlementId: s.id }),
  }))

export const WHOLE_SETTLEMENT = encodeCallback({ kind: 'notice.whole-settlement' })
export const NO_PHOTO = encodeCallback({ kind: 'notice.no-photo' })

export const decisionButtons = (t: Say): Button[] => [
  { label: t('admin.notice.button.send'), data: encodeCallback({ kind: 'notice.preview', choice: 'send' }) },
  { label: t('admin.notice.button.schedule'), data: encodeCallback({ kind: 'notice.preview', choice: 'schedule' }) },
  { label: t('admin.notice.button.drop'), data: encodeCallback({ kind: 'notice.preview', choice: 'drop' }) },
]

/** The answer to "did you mean tomorrow?". */
export const tomorrowButtons = (t: Say): Button[] => [
  { label: t('admin.notice.button.tomorrow'), data: encodeCallback({ kind: 'notice.tomorrow', meant: true }) },
  { label: t('admin.notice.button.retype-window'), data: encodeCallback({ kind: 'notice.tomorrow', meant: false }) },
]

export interface NoticeWindow {
  startsAt: string
  endsAt: string | null
}

/** A typed time window as the notice's, or why not: it must make sense and must not be over already. */
export function windowFrom(
  parsed: TimeWindowResult,
  now: number,
): { ok: true; window: NoticeWindow } | { ok: false; error: NoticeError } {
  if (parsed.ok && (parsed.endsAt === null || Date.parse(parsed.endsAt) > now))
    return { ok: true, window: { startsAt: parsed.startsAt, endsAt: parsed.endsAt } }
  return { ok: false, error: parsed.ok ? 'window-ended' : parsed.error }
}

/** A text that fits a message may still be too long for a photo's caption. */
export const captionProblem = (body: string): NoticeError | null =>
  validateNoticeBody(body, true) === 'body-too-long' ? 'caption-too-long' : null

/** After a refused confirmation: a send time in the past or after the outage may be chosen again; anything else ends the wizard. */
export const mayChooseAgain = (error: NoticeFailure): boolean =>
  error === 'send-at-past' || error === 'send-at-after-end'
