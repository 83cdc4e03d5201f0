/**
 * What an inline button carries back when pressed: every button the bot emits, as one typed value,
 * and the one place its text form is written and read.
 *
 * - Anyone can send any callback data, so `decodeCallback` never throws: data that is not exactly
 *   what `encodeCallback` writes is `outdated` (an old, damaged or forged button).
 * - Ids are read as what the columns hold (PostgreSQL `integer`): a number past 2147483647 or with
 *   a leading zero is refused here, before any query sees it.
 * - Telegram carries at most 64 bytes; `encodeCallback` throws rather than emit a longer button.
 * - Versioned: this format (version 1) is written bare, so buttons already sitting in chats keep
 *   working. A later format writes `<version>|` in front, and a decoder that does not know that
 *   version answers `outdated` instead of misreading the button.
 * - Data outside the staff and rating namespaces belongs to the resident dialogue, which checks it
 *   against the question it asked.
 * Vocabulary words (card actions, roles, notice kinds…) are read as words here and narrowed by
 * their feature's own guard, so this module stays a leaf that every core folder may import.
 *
 * Longer than most files on purpose: each format is written (`body`) and read (`decode…`) in the
 * same file, so a change to one is made beside the other and the round-trip test covers both.
 */

export const MAX_CALLBACK_BYTES = 64
export const CALLBACK_VERSION = 1

const INT4_MAX = 2_147_483_647
const PAGE_MAX = 9_999
const OFFSET_MAX = INT4_MAX

export type RatingValue = 0 | 1 | 2 | 3 | 4 | 5
export type CallStep = 't' | 'c' | 'd'
export type NoticeAreaChoice = 'region' | 'district' | 'settlement'
export type NoticePreviewChoice = 'send' | 'schedule' | 'drop'

export type CallbackData =
  // A request card and the pickers it opens (`rq:`).
  | { kind: 'request.action'; action: string; requestId: number }
  | { kind: 'request.open'; requestId: number }
  | { kind: 'request.reply'; requestId: number }
  | { kind: 'request.assign-to'; requestId: number; executorUserId: number }
  | { kind: 'request.reroute-to'; requestId: number; organisationId: number }
  | { kind: 'request.reroute-category'; requestId: number; organisationId: number; categoryId: number | null }
  | { kind: 'request.reject-reason'; requestId: number; reason: string }
  | { kind: 'queue.page'; filter: string; page: number }
  | { kind: 'call.pick'; step: CallStep; id: number }
  // The executor's assignments and the "done" wizard (`ex:`).
  | { kind: 'executor.start'; requestId: number }
  | { kind: 'executor.finish'; requestId: number }
  | { kind: 'executor.photos-done' }
  | { kind: 'executor.confirm' }
  | { kind: 'executor.drop' }
  // Invites and the staff list (`st:`).
  | { kind: 'invite.role'; role: string }
  | { kind: 'invite.district'; role: string; districtId: number | null }
  | { kind: 'invite.organisation'; role: string; organisationId: number }
  | { kind: 'staff.page'; page: number }
  | { kind: 'staff.revoke'; membershipId: number }
  | { kind: 'staff.revoke-confirm'; membershipId: number }
  | { kind: 'staff.revoke-keep' }
  // Outage notices: the list's actions and the compose wizard (`nt:`).
  | { kind: 'notice.correct'; noticeId: number }
  | { kind: 'notice.cancel'; noticeId: number }
  | { kind: 'notice.end'; noticeId: number }
  | { kind: 'notice.kind'; noticeKind: string }
  | { kind: 'notice.area'; area: NoticeAreaChoice }
  | { kind: 'notice.district-toggle'; districtId: number }
  | { kind: 'notice.districts-done' }
  | { kind: 'notice.district'; districtId: number }
  | { kind: 'notice.settlement'; settlementId: number }
  | { kind: 'notice.whole-settlement' }
  | { kind: 'notice.service'; service: string }
  | { kind: 'notice.no-photo' }
  | { kind: 'notice.preview'; choice: NoticePreviewChoice }
  /** The answer to "did you mean tomorrow?" about a window already over today. */
  | { kind: 'notice.tomorrow'; meant: boolean }
  // Admin screens (`ad:`).
  | { kind: 'dead-letters.page'; offset: number }
  /** The days as YYYY-MM-DD; whether they make a period is the export's own check. */
  | { kind: 'export.xlsx'; firstDay: string; lastDay: string }
  // The resident's answer to "was it fixed?" (`rate:`).
  | { kind: 'rating'; requestId: number; rating: RatingValue }
  // Anything else is a choice the resident dialogue offered.
  | { kind: 'dialogue'; value: string }

export type CallbackKind = CallbackData['kind']
export type CallbackOf<K extends CallbackKind> = Extract<CallbackData, { kind: K }>
export type DecodedCallback = CallbackData | { kind: 'outdated' }

const NAMESPACES = ['rq', 'ex', 'st', 'nt', 'ad', 'rate'] as const
const VERSION_MARK = /^\d{1,3}\|/
const WORD = /^[a-z][a-z0-9_-]{0,31}$/
const CANONICAL = /^(0|[1-9]\d{0,9})$/

const bytes = (data: string) => new TextEncoder().encode(data).length

/** The integer a segment spells within [min, max], written as `String(n)` would write it; else null. */
function bounded(segment: string | undefined, min: number, max: number): number | null {
  if (segment === undefined || !CANONICAL.test(segment)) return null
  const n = Number(segment)
  return n >= min && n <= max ? n : null
}

const id = (segment: string | undefined) => bounded(segment, 1, INT4_MAX)
/** An id where 0 means "none" (region-wide, keep the category). */
const idOrNone = (segment: string | undefined) => bounded(segment, 0, INT4_MAX)
const word = (segment: string | undefined) => (segment !== undefined && WORD.test(segment) ? segment : null)
const oneOf = <T extends string>(segment: string | undefined, values: readonly T[]): T | null =>
  values.find((v) => v === segment) ?? null

const isReserved = (data: string) => VERSION_MARK.test(data) || NAMESPACES.some((ns) => data.startsWith(`${ns}:`))

function checkedId(value: number, min = 1, max = INT4_MAX): string {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`callback data: ${value} is not an id in [${min}, ${max}]`)
  return String(value)
}

/** YYYY-MM-DD written as YYYYMMDD: a button has 64 bytes. */
function compactDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`callback data: ${JSON.stringify(day)} is not a day`)
  return day.replace(/-/g, '')
}

const isoDay = (segment: string | undefined): string | null =>
  segment !== undefined && /^\d{8}$/.test(segment)
    ? `${segment.slice(0, 4)}-${segment.slice(4, 6)}-${segment.slice(6)}`
    : null

function checkedWord(value: string): string {
  if (!WORD.test(value)) throw new RangeError(`callback data: ${JSON.stringify(value)} is not a word`)
  return value
}

function body(data: CallbackData): string {
  switch (data.kind) {
    case 'request.action':
      if (['open', 'reply', 'as', 'ro', 'rc', 'rj', 'q'].includes(data.action) || /^c[tcd]$/.test(data.action))
        throw new RangeError(`callback data: ${data.action} is not a card action`)
      return `rq:${checkedWord(data.action)}:${checkedId(data.requestId)}`
    case 'request.open':
      return `rq:open:${checkedId(data.requestId)}`
    case 'request.reply':
      return `rq:reply:${checkedId(data.requestId)}`
    case 'request.assign-to':
      return `rq:as:${checkedId(data.requestId)}:${checkedId(data.executorUserId)}`
    case 'request.reroute-to':
      return `rq:ro:${checkedId(data.requestId)}:${checkedId(data.organisationId)}`
    case 'request.reroute-category':
      return `rq:rc:${checkedId(data.requestId)}:${checkedId(data.organisationId)}:${data.categoryId === null ? '0' : checkedId(data.categoryId)}`
    case 'request.reject-reason':
      return `rq:rj:${checkedId(data.requestId)}:${checkedWord(data.reason)}`
    case 'queue.page':
      return `rq:q:${checkedWord(data.filter)}:${checkedId(data.page, 0, PAGE_MAX)}`
    case 'call.pick':
      return `rq:c${data.step}:${checkedId(data.id)}`
    case 'executor.start':
      return `ex:s:${checkedId(data.requestId)}`
    case 'executor.finish':
      return `ex:d:${checkedId(data.requestId)}`
    case 'executor.photos-done':
      return 'ex:f:photos'
    case 'executor.confirm':
      return 'ex:f:ok'
    case 'executor.drop':
      return 'ex:f:no'
    case 'invite.role':
      return `st:i:${checkedWord(data.role)}`
    case 'invite.district':
      return `st:i:${checkedWord(data.role)}:d:${data.districtId === null ? '0' : checkedId(data.districtId)}`
    case 'invite.organisation':
      return `st:i:${checkedWord(data.role)}:o:${checkedId(data.organisationId)}`
    case 'staff.page':
      return `st:p:${checkedId(data.page, 0, PAGE_MAX)}`
    case 'staff.revoke':
      return `st:r:${checkedId(data.membershipId)}`
    case 'staff.revoke-confirm':
      return `st:ry:${checkedId(data.membershipId)}`
    case 'staff.revoke-keep':
      return 'st:rn'
    case 'notice.correct':
      return `nt:fix:${checkedId(data.noticeId)}`
    case 'notice.cancel':
      return `nt:stop:${checkedId(data.noticeId)}`
    case 'notice.end':
      return `nt:end:${checkedId(data.noticeId)}`
    case 'notice.kind':
      return `nt:k:${checkedWord(data.noticeKind)}`
    case 'notice.area':
      return `nt:a:${data.area}`
    case 'notice.district-toggle':
      return `nt:dt:${checkedId(data.districtId)}`
    case 'notice.districts-done':
      return 'nt:dt:done'
    case 'notice.district':
      return `nt:d:${checkedId(data.districtId)}`
    case 'notice.settlement':
      return `nt:s:${checkedId(data.settlementId)}`
    case 'notice.whole-settlement':
      return 'nt:st:all'
    case 'notice.service':
      return `nt:sv:${checkedWord(data.service)}`
    case 'notice.no-photo':
      return 'nt:ph:none'
    case 'notice.preview':
      return `nt:pv:${data.choice}`
    case 'notice.tomorrow':
      return `nt:tw:${data.meant ? 'yes' : 'no'}`
    case 'dead-letters.page':
      return `ad:dl:${checkedId(data.offset, 0, OFFSET_MAX)}`
    case 'export.xlsx':
      return `ad:x:${compactDay(data.firstDay)}:${compactDay(data.lastDay)}`
    case 'rating':
      return `rate:${checkedId(data.requestId)}:${checkedId(data.rating, 0, 5)}`
    case 'dialogue':
      if (data.value === '' || isReserved(data.value))
        throw new RangeError(`callback data: ${JSON.stringify(data.value)} is not a dialogue choice`)
      return data.value
  }
}

/** The button's data; throws when it would not fit Telegram's 64 bytes or a field is out of range. */
export function encodeCallback(data: CallbackData): string {
  const encoded = body(data)
  if (bytes(encoded) > MAX_CALLBACK_BYTES)
    throw new RangeError(`callback data over ${MAX_CALLBACK_BYTES} bytes: ${encoded}`)
  return encoded
}

function decodeRequest(s: readonly string[]): CallbackData | null {
  const [verb, a, b, c] = s
  if (verb === undefined || a === undefined) return null
  const requestId = id(a)
  if (verb === 'q') {
    const filter = word(a)
    const page = bounded(b, 0, PAGE_MAX)
    return s.length === 3 && filter !== null && page !== null ? { kind: 'queue.page', filter, page } : null
  }
  const step = /^c([tcd])$/.exec(verb)?.[1] as CallStep | undefined
  if (step !== undefined)
    return s.length === 2 && requestId !== null ? { kind: 'call.pick', step, id: requestId } : null
  if (requestId === null) return null
  switch (verb) {
    case 'open':
      return s.length === 2 ? { kind: 'request.open', requestId } : null
    case 'reply':
      return s.length === 2 ? { kind: 'request.reply', requestId } : null
    case 'as': {
      const executorUserId = id(b)
      return s.length === 3 && executorUserId !== null ? { kind: 'request.assign-to', requestId, executorUserId } : null
    }
    case 'ro': {
      const organisationId = id(b)
      return s.length === 3 && organisationId !== null
        ? { kind: 'request.reroute-to', requestId, organisationId }
        : null
    }
    case 'rc': {
      const organisationId = id(b)
      const categoryId = idOrNone(c)
      return s.length === 4 && organisationId !== null && categoryId !== null
        ? {
            kind: 'request.reroute-category',
            requestId,
            organisationId,
            categoryId: categoryId === 0 ? null : categoryId,
          }
        : null
    }
    case 'rj': {
      const reason = word(b)
      return s.length === 3 && reason !== null ? { kind: 'request.reject-reason', requestId, reason } : null
    }
    default: {
      const action = word(verb)
      return s.length === 2 && action !== null ? { kind: 'request.action', action, requestId } : null
    }
  }
}

function decodeExecutor(s: readonly string[]): CallbackData | null {
  const [verb, a] = s
  if (s.length !== 2) return null
  if (verb === 'f') {
    if (a === 'photos') return { kind: 'executor.photos-done' }
    if (a === 'ok') return { kind: 'executor.confirm' }
    if (a === 'no') return { kind: 'executor.drop' }
    return null
  }
  const requestId = id(a)
  if (requestId === null) return null
  if (verb === 's') return { kind: 'executor.start', requestId }
  if (verb === 'd') return { kind: 'executor.finish', requestId }
  return null
}

function decodeStaff(s: readonly string[]): CallbackData | null {
  const [verb, a, b, c] = s
  switch (verb) {
    case 'i': {
      const role = word(a)
      if (role === null) return null
      if (s.length === 2) return { kind: 'invite.role', role }
      if (s.length !== 4) return null
      if (b === 'd') {
        const districtId = idOrNone(c)
        return districtId === null
          ? null
          : { kind: 'invite.district', role, districtId: districtId === 0 ? null : districtId }
      }
      const organisationId = id(c)
      return b === 'o' && organisationId !== null ? { kind: 'invite.organisation', role, organisationId } : null
    }
    case 'p': {
      const page = bounded(a, 0, PAGE_MAX)
      return s.length === 2 && page !== null ? { kind: 'staff.page', page } : null
    }
    case 'r':
    case 'ry': {
      const membershipId = id(a)
      if (s.length !== 2 || membershipId === null) return null
      return verb === 'r' ? { kind: 'staff.revoke', membershipId } : { kind: 'staff.revoke-confirm', membershipId }
    }
    case 'rn':
      return s.length === 1 ? { kind: 'staff.revoke-keep' } : null
    default:
      return null
  }
}

function decodeNotice(s: readonly string[]): CallbackData | null {
  const [verb, a] = s
  if (s.length !== 2) return null
  switch (verb) {
    case 'fix':
    case 'stop':
    case 'end': {
      const noticeId = id(a)
      if (noticeId === null) return null
      const kind = verb === 'fix' ? 'notice.correct' : verb === 'stop' ? 'notice.cancel' : 'notice.end'
      return { kind, noticeId }
    }
    case 'k': {
      const noticeKind = word(a)
      return noticeKind === null ? null : { kind: 'notice.kind', noticeKind }
    }
    case 'a': {
      const area = oneOf(a, ['region', 'district', 'settlement'] as const)
      return area === null ? null : { kind: 'notice.area', area }
    }
    case 'dt': {
      if (a === 'done') return { kind: 'notice.districts-done' }
      const districtId = id(a)
      return districtId === null ? null : { kind: 'notice.district-toggle', districtId }
    }
    case 'd': {
      const districtId = id(a)
      return districtId === null ? null : { kind: 'notice.district', districtId }
    }
    case 's': {
      const settlementId = id(a)
      return settlementId === null ? null : { kind: 'notice.settlement', settlementId }
    }
    case 'st':
      return a === 'all' ? { kind: 'notice.whole-settlement' } : null
    case 'sv': {
      const service = word(a)
      return service === null ? null : { kind: 'notice.service', service }
    }
    case 'ph':
      return a === 'none' ? { kind: 'notice.no-photo' } : null
    case 'pv': {
      const choice = oneOf(a, ['send', 'schedule', 'drop'] as const)
      return choice === null ? null : { kind: 'notice.preview', choice }
    }
    case 'tw': {
      const answer = oneOf(a, ['yes', 'no'] as const)
      return answer === null ? null : { kind: 'notice.tomorrow', meant: answer === 'yes' }
    }
    default:
      return null
  }
}

function decodeNamespaced(namespace: string, s: readonly string[]): CallbackData | null {
  switch (namespace) {
    case 'rq':
      return decodeRequest(s)
    case 'ex':
      return decodeExecutor(s)
    case 'st':
      return decodeStaff(s)
    case 'nt':
      return decodeNotice(s)
    case 'ad': {
      if (s[0] === 'x') {
        const firstDay = isoDay(s[1])
        const lastDay = isoDay(s[2])
        return s.length === 3 && firstDay !== null && lastDay !== null
          ? { kind: 'export.xlsx', firstDay, lastDay }
          : null
      }
      const offset = bounded(s[1], 0, OFFSET_MAX)
      return s.length === 2 && s[0] === 'dl' && offset !== null ? { kind: 'dead-letters.page', offset } : null
    }
    case 'rate': {
      const requestId = id(s[0])
      const rating = bounded(s[1], 0, 5) as RatingValue | null
      return s.length === 2 && requestId !== null && rating !== null ? { kind: 'rating', requestId, rating } : null
    }
    default:
      return null
  }
}

/** What a pressed button means; `outdated` for anything `encodeCallback` would not have written. */
export function decodeCallback(data: string): DecodedCallback {
  if (data === '' || bytes(data) > MAX_CALLBACK_BYTES || VERSION_MARK.test(data)) return { kind: 'outdated' }
  const [namespace = '', ...segments] = data.split(':')
  if (!(NAMESPACES as readonly string[]).includes(namespace) || segments.length === 0)
    return { kind: 'dialogue', value: data }
  return decodeNamespaced(namespace, segments) ?? { kind: 'outdated' }
}
