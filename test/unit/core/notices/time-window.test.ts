import { describe, expect, it } from 'vitest'
import { parseStreets } from '../../../../src/core/notices/streets.js'
import { parseMomentAhead, parseTimeWindow } from '../../../../src/core/notices/time-window.js'

const ZONE = 'Europe/Minsk' // UTC+3
const MORNING = new Date('2026-11-29T06:00:00Z') // 09:00 in Minsk
const EVENING = new Date('2026-11-29T17:00:00Z') // 20:00 in Minsk

describe('parseTimeWindow', () => {
  it.each([
    ['10:00–16:00', MORNING, '2026-11-29T07:00:00.000Z', '2026-11-29T13:00:00.000Z'],
    ['10:00 - 16:00', MORNING, '2026-11-29T07:00:00.000Z', '2026-11-29T13:00:00.000Z'],
    ['с 10:00 до 16:00', MORNING, '2026-11-29T07:00:00.000Z', '2026-11-29T13:00:00.000Z'],
    ['22:00–06:00', MORNING, '2026-11-29T19:00:00.000Z', '2026-11-30T03:00:00.000Z'],
    ['29.11 10:00 – 30.11 18:00', MORNING, '2026-11-29T07:00:00.000Z', '2026-11-30T15:00:00.000Z'],
    ['01.12.2026 08:00 — 01.12.2026 12:30', MORNING, '2026-12-01T05:00:00.000Z', '2026-12-01T09:30:00.000Z'],
    ['30.11 10:00–18:00', MORNING, '2026-11-30T07:00:00.000Z', '2026-11-30T15:00:00.000Z'],
  ])('when the admin writes %j, then the window is read in the region time zone', (input, now, startsAt, endsAt) => {
    expect(parseTimeWindow(input, now, ZONE)).toEqual({ ok: true, startsAt, endsAt })
  })

  it('when only times are given and today’s window is over, then tomorrow’s is offered, not taken', () => {
    expect(parseTimeWindow('10:00–16:00', EVENING, ZONE)).toEqual({
      ok: false,
      error: 'window-past-today',
      tomorrow: { startsAt: '2026-11-30T07:00:00.000Z', endsAt: '2026-11-30T13:00:00.000Z' },
    })
    // Still running today: taken as today's.
    expect(parseTimeWindow('19:00–21:00', EVENING, ZONE)).toMatchObject({
      ok: true,
      startsAt: '2026-11-29T16:00:00.000Z',
    })
    // A date was written: no guessing either way, the window is simply over.
    expect(parseTimeWindow('29.11 10:00–16:00', EVENING, ZONE)).toMatchObject({
      ok: true,
      endsAt: '2026-11-29T13:00:00.000Z',
    })
  })

  it('when only a start is given, then the end is unknown', () => {
    expect(parseTimeWindow('30.11 10:00', MORNING, ZONE)).toEqual({
      ok: true,
      startsAt: '2026-11-30T07:00:00.000Z',
      endsAt: null,
    })
  })

  it('when a late-December admin writes an early-January date, then it is next year', () => {
    const result = parseTimeWindow('02.01 10:00 – 02.01 12:00', new Date('2026-12-30T10:00:00Z'), ZONE)
    expect(result).toMatchObject({ ok: true, startsAt: '2027-01-02T07:00:00.000Z' })
  })

  it.each(['завтра', '25:00–26:00', '10:00–16:00–18:00', '31.02 10:00', '10-16', ''])(
    'when the admin writes %j, then it is not understood',
    (input) => {
      expect(parseTimeWindow(input, MORNING, ZONE)).toEqual({ ok: false, error: 'window-invalid' })
    },
  )

  it('when the end is before the start, then it is refused', () => {
    expect(parseTimeWindow('30.11 18:00 – 29.11 10:00', MORNING, ZONE)).toEqual({ ok: false, error: 'window-order' })
  })
})

describe('parseMomentAhead', () => {
  it('when a time already passed today is given, then it is tomorrow', () => {
    expect(parseMomentAhead('08:00', MORNING, ZONE)).toEqual({ ok: true, at: '2026-11-30T05:00:00.000Z' })
    expect(parseMomentAhead('18:00', MORNING, ZONE)).toEqual({ ok: true, at: '2026-11-29T15:00:00.000Z' })
    expect(parseMomentAhead('30.11 08:00', MORNING, ZONE)).toEqual({ ok: true, at: '2026-11-30T05:00:00.000Z' })
    expect(parseMomentAhead('later', MORNING, ZONE)).toEqual({ ok: false, error: 'time-invalid' })
  })
})

describe('parseStreets', () => {
  it('when streets come with and without house ranges, then each is read', () => {
    expect(parseStreets('ул. Советская 1-15; Ленина 2, 4\nМицкевича\n8 Марта 3–7')).toEqual({
      ok: true,
      streets: [
        { street: 'ул. Советская', houses: '1-15' },
        { street: 'Ленина', houses: '2, 4' },
        { street: 'Мицкевича', houses: null },
        { street: '8 Марта', houses: '3-7' },
      ],
    })
  })

  it('when the text has no street, then it is refused', () => {
    expect(parseStreets('15-20')).toEqual({ ok: false, error: 'streets-invalid' })
    expect(parseStreets(' ; ')).toEqual({ ok: false, error: 'streets-invalid' })
  })
})
