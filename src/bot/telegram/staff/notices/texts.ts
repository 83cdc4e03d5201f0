import type { Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import type { NoticeKind, NoticeService } from '../../../../core/notices/notice.js'
import type { NoticeFailure } from '../../../../core/notices/notice-use-cases.js'
import type { StreetsResult } from '../../../../core/notices/streets.js'
import type { MomentResult, TimeWindowResult } from '../../../../core/notices/time-window.js'

type ErrorOf<R> = Extract<R, { ok: false; error: string }>['error']

/** Every refusal the notice screens tell: the use cases', and the wizard's own checks of what was typed. */
export type NoticeError =
  NoticeFailure | ErrorOf<StreetsResult> | ErrorOf<TimeWindowResult> | ErrorOf<MomentResult> | 'caption-too-long'

// Maps, not keys built from codes: a code or a kind added in core without a text fails the typecheck.

export const NOTICE_ERROR: Record<NoticeError, string> = {
  'not-found': 'admin.notice.error.not-found',
  'not-allowed': 'admin.notice.error.not-allowed',
  'wrong-state': 'admin.notice.error.wrong-state',
  'body-empty': 'admin.notice.error.body-empty',
  'body-too-long': 'admin.notice.error.body-too-long',
  'caption-too-long': 'admin.notice.error.caption-too-long',
  'area-empty': 'admin.notice.error.area-empty',
  'too-many-streets': 'admin.notice.error.too-many-streets',
  'streets-invalid': 'admin.notice.error.streets-invalid',
  'window-invalid': 'admin.notice.error.window-invalid',
  'window-order': 'admin.notice.error.window-order',
  'window-ended': 'admin.notice.error.window-ended',
  'window-past-today': 'admin.notice.error.window-past-today',
  'time-invalid': 'admin.notice.error.time-invalid',
  'send-at-past': 'admin.notice.error.send-at-past',
  'send-at-after-end': 'admin.notice.error.send-at-after-end',
}

export const NOTICE_KIND: Record<NoticeKind, string> = {
  planned_outage: 'admin.notice.kind.planned_outage',
  emergency_outage: 'admin.notice.kind.emergency_outage',
  information: 'admin.notice.kind.information',
}

export const NOTICE_SERVICE: Record<NoticeService, string> = {
  water: 'admin.notice.service.water',
  hot_water: 'admin.notice.service.hot_water',
  heating: 'admin.notice.service.heating',
  electricity: 'admin.notice.service.electricity',
  gas: 'admin.notice.service.gas',
  sewerage: 'admin.notice.service.sewerage',
  lift: 'admin.notice.service.lift',
  roads: 'admin.notice.service.roads',
  other: 'admin.notice.service.other',
}

/** The outcome of a notice use case, or of a check of what the admin typed, as a text for the admin. */
export const failureText = (error: NoticeError): Text => text(NOTICE_ERROR[error])
