import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CallbackData } from '../../../../src/core/shared/callback-data.js'
import { decodeCallback, encodeCallback, MAX_CALLBACK_BYTES } from '../../../../src/core/shared/callback-data.js'

const SEED = 115_013
const INT4_MAX = 2_147_483_647

/** Every kind once, as the bot writes it today (version 1 is written bare). */
const WRITTEN: [string, CallbackData][] = [
  ['rq:accept:42', { kind: 'request.action', action: 'accept', requestId: 42 }],
  ['rq:open:42', { kind: 'request.open', requestId: 42 }],
  ['rq:reply:42', { kind: 'request.reply', requestId: 42 }],
  ['rq:as:42:7', { kind: 'request.assign-to', requestId: 42, executorUserId: 7 }],
  ['rq:ro:42:3', { kind: 'request.reroute-to', requestId: 42, organisationId: 3 }],
  ['rq:rc:42:3:0', { kind: 'request.reroute-category', requestId: 42, organisationId: 3, categoryId: null }],
  ['rq:rc:42:3:9', { kind: 'request.reroute-category', requestId: 42, organisationId: 3, categoryId: 9 }],
  ['rq:rj:42:not-our-competence', { kind: 'request.reject-reason', requestId: 42, reason: 'not-our-competence' }],
  ['rq:q:overdue:2', { kind: 'queue.page', filter: 'overdue', page: 2 }],
  ['rq:cd:5', { kind: 'call.pick', step: 'd', id: 5 }],
  ['ex:s:42', { kind: 'executor.start', requestId: 42 }],
  ['ex:d:42', { kind: 'executor.finish', requestId: 42 }],
  ['ex:f:photos', { kind: 'executor.photos-done' }],
  ['ex:f:ok', { kind: 'executor.confirm' }],
  ['ex:f:no', { kind: 'executor.drop' }],
  ['st:i:district_admin', { kind: 'invite.role', role: 'district_admin' }],
  ['st:i:dispatcher:d:0', { kind: 'invite.district', role: 'dispatcher', districtId: null }],
  ['st:i:dispatcher:d:4', { kind: 'invite.district', role: 'dispatcher', districtId: 4 }],
  ['st:i:executor:o:12', { kind: 'invite.organisation', role: 'executor', organisationId: 12 }],
  ['st:p:1', { kind: 'staff.page', page: 1 }],
  ['st:r:8', { kind: 'staff.revoke', membershipId: 8 }],
  ['st:ry:8', { kind: 'staff.revoke-confirm', membershipId: 8 }],
  ['st:rn', { kind: 'staff.revoke-keep' }],
  ['nt:fix:3', { kind: 'notice.correct', noticeId: 3 }],
  ['nt:stop:3', { kind: 'notice.cancel', noticeId: 3 }],
  ['nt:end:3', { kind: 'notice.end', noticeId: 3 }],
  ['nt:k:planned_outage', { kind: 'notice.kind', noticeKind: 'planned_outage' }],
  ['nt:a:settlement', { kind: 'notice.area', area: 'settlement' }],
  ['nt:dt:17', { kind: 'notice.district-toggle', districtId: 17 }],
  ['nt:dt:done', { kind: 'notice.districts-done' }],
  ['nt:d:17', { kind: 'notice.district', districtId: 17 }],
  ['nt:s:170', { kind: 'notice.settlement', settlementId: 170 }],
  ['nt:st:all', { kind: 'notice.whole-settlement' }],
  ['nt:sv:hot_water', { kind: 'notice.service', service: 'hot_water' }],
  ['nt:ph:none', { kind: 'notice.no-photo' }],
  ['nt:pv:schedule', { kind: 'notice.preview', choice: 'schedule' }],
  ['nt:tw:yes', { kind: 'notice.tomorrow', meant: true }],
  ['nt:tw:no', { kind: 'notice.tomorrow', meant: false }],
  ['ad:dl:20', { kind: 'dead-letters.page', offset: 20 }],
  ['ad:x:20261101:20261130', { kind: 'export.xlsx', firstDay: '2026-11-01', lastDay: '2026-11-30' }],
  ['rate:42:0', { kind: 'rating', requestId: 42, rating: 0 }],
  ['rate:42:5', { kind: 'rating', requestId: 42, rating: 5 }],
  ['dist:lida', { kind: 'dialogue', value: 'dist:lida' }],
  ['menu:report', { kind: 'dialogue', value: 'menu:report' }],
  ['send', { kind: 'dialogue', value: 'send' }],
]

describe('callback data codec', () => {
  it.each(WRITTEN)(
    'when %s is pressed, then it decodes to its value and encodes back to the same bytes',
    (data, value) => {
      expect(decodeCallback(data)).toEqual(value)
      expect(encodeCallback(value)).toBe(data)
    },
  )

  it.each([
    ['nt:stop:99999999999', 'an id past PostgreSQL integer'],
    ['rate:99999999999:1', 'a rated id past PostgreSQL integer'],
    [`rq:accept:${INT4_MAX + 1}`, 'one past integer'],
    ['rq:accept:0', 'id 0'],
    ['rq:accept:007', 'a leading zero'],
    ['rq:accept:-1', 'a negative id'],
    ['rq:accept:1e3', 'an exponent'],
    ['rate:42:6', 'six stars'],
    ['rate:42:1:x', 'a trailing field'],
    ['st:i:dispatcher:x:4', 'an unknown place kind'],
    ['st:p:10000', 'a page past the last one ever shown'],
    ['nt:a:planet', 'an unknown area'],
    ['ex:f:maybe', 'an unknown wizard answer'],
    ['ad:x:2026-11-01:20261130', 'a day written with dashes'],
    ['ad:x:20261101', 'an export without its last day'],
    ['rq:', 'a bare namespace'],
    ['2|rq:accept:42', 'a later format version'],
    ['1|rq:accept:42', 'a version mark on this format (written bare)'],
    ['x'.repeat(MAX_CALLBACK_BYTES + 1), 'more than 64 bytes'],
    ['', 'nothing'],
  ])('when %s (%s) is pressed, then it is out of date', (data) => {
    expect(decodeCallback(data)).toEqual({ kind: 'outdated' })
  })

  it('when an id is the largest integer PostgreSQL holds, then it is read', () => {
    expect(decodeCallback(`rate:${INT4_MAX}:1`)).toEqual({ kind: 'rating', requestId: INT4_MAX, rating: 1 })
  })

  it.each<[CallbackData, string]>([
    [{ kind: 'request.open', requestId: INT4_MAX + 1 }, 'an id past integer'],
    [{ kind: 'request.open', requestId: 1.5 }, 'a fraction'],
    [{ kind: 'request.action', action: 'open', requestId: 1 }, 'an action that is another kind'],
    [{ kind: 'request.reject-reason', requestId: 1, reason: 'a:b' }, 'a colon in a word'],
    [{ kind: 'dialogue', value: 'rq:accept:1' }, 'a dialogue choice in a staff namespace'],
    [{ kind: 'dialogue', value: 'д'.repeat(33) }, 'a choice of 66 bytes (33 Cyrillic letters)'],
  ])('when %j (%s) is encoded, then it throws', (value) => {
    expect(() => encodeCallback(value)).toThrow(RangeError)
  })

  it('when random strings are pressed, then decoding never throws and reads each as written or as out of date', () => {
    const data = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 70 }),
      // Near misses of real buttons: a namespace, then colon-separated digits and words.
      fc
        .tuple(
          fc.constantFrom('rq', 'ex', 'st', 'nt', 'ad', 'rate', '2|rq', 'dist'),
          fc.array(
            fc.oneof(
              fc.constantFrom('accept', 'q', 'i', 'd', 'o', 'dt', 'done', 'stop', 'fix', 'dispatcher', 'rc', 'as'),
              fc.nat().map(String),
              fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String),
              fc.string({ maxLength: 4 }),
            ),
            { maxLength: 5 },
          ),
        )
        .map(([ns, parts]) => [ns, ...parts].join(':')),
    )
    fc.assert(
      fc.property(data, (s) => {
        const decoded = decodeCallback(s)
        if (decoded.kind === 'outdated') return
        // Whatever is accepted is exactly what the encoder writes for it: nothing is misread.
        expect(encodeCallback(decoded)).toBe(s)
      }),
      { seed: SEED, numRuns: 2000, verbose: true },
    )
  })

  it('when ids anywhere in PostgreSQL integer range are encoded, then they decode to the same value within 64 bytes', () => {
    const anId = fc.integer({ min: 1, max: INT4_MAX })
    const value: fc.Arbitrary<CallbackData> = fc.oneof(
      fc.record({
        kind: fc.constant('request.reroute-category' as const),
        requestId: anId,
        organisationId: anId,
        categoryId: fc.option(anId, { nil: null }),
      }),
      fc.record({
        kind: fc.constant('rating' as const),
        requestId: anId,
        rating: fc.constantFrom(0, 1, 2, 3, 4, 5 as const),
      }),
      fc.record({
        kind: fc.constant('invite.district' as const),
        role: fc.constantFrom('executor', 'dispatcher', 'district_admin', 'region_admin'),
        districtId: fc.option(anId, { nil: null }),
      }),
      fc.record({ kind: fc.constant('notice.cancel' as const), noticeId: anId }),
      fc.record({ kind: fc.constant('request.assign-to' as const), requestId: anId, executorUserId: anId }),
    )
    fc.assert(
      fc.property(value, (v) => {
        const encoded = encodeCallback(v)
        expect(new TextEncoder().encode(encoded).length).toBeLessThanOrEqual(MAX_CALLBACK_BYTES)
        expect(decodeCallback(encoded)).toEqual(v)
      }),
      { seed: SEED, numRuns: 500, verbose: true },
    )
  })
})
