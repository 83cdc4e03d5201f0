import { describe, expect, it } from 'vitest'
import {
  areaButtons,
  captionProblem,
  decisionButtons,
  districtButtons,
  kindButtons,
  mayChooseAgain,
  serviceButtons,
  tomorrowButtons,
  windowFrom,
} from '../../../../src/bot/telegram/staff/notices/compose-rules.js'
import { NOTICE_KINDS, NOTICE_SERVICES } from '../../../../src/core/notices/notice.js'
import { parseTimeWindow } from '../../../../src/core/notices/time-window.js'
import { decodeCallback } from '../../../../src/core/shared/callback-data.js'

/** Labels as their keys (and a name, where one is put in), so a test reads which text each button shows. */
const t = (key: string, params?: Record<string, unknown>) => {
  const name = params?.name as { localized?: { ru: string } } | undefined
  return name?.localized ? `${key}:${name.localized.ru}` : key
}

const NOW = Date.parse('2026-12-01T10:00:00Z') // 13:00 in Minsk
const ZONE = 'Europe/Minsk'

describe('the notice wizard’s buttons', () => {
  it('when a window is over today, then the question offers yes-tomorrow and type-again, decoded as such', () => {
    const [yes, no] = tomorrowButtons(t)
    expect(yes).toEqual({ label: 'admin.notice.button.tomorrow', data: 'nt:tw:yes' })
    expect(no).toEqual({ label: 'admin.notice.button.retype-window', data: 'nt:tw:no' })
    expect(decodeCallback(yes?.data ?? '')).toEqual({ kind: 'notice.tomorrow', meant: true })
    expect(decodeCallback(no?.data ?? '')).toEqual({ kind: 'notice.tomorrow', meant: false })
  })

  it('when the kinds and services are offered, then every one has its own text and button', () => {
    expect(kindButtons(t)).toHaveLength(NOTICE_KINDS.length)
    expect(kindButtons(t)[0]).toEqual({ label: 'admin.notice.kind.planned_outage', data: 'nt:k:planned_outage' })
    expect(serviceButtons(t).map((b) => b.data)).toEqual(NOTICE_SERVICES.map((s) => `nt:sv:${s}`))
    expect(new Set(serviceButtons(t).map((b) => b.label)).size).toBe(NOTICE_SERVICES.length)
  })

  it('when the admin may not send to the whole region, then the region is not offered', () => {
    expect(areaButtons(true, t).map((b) => b.data)).toEqual(['nt:a:region', 'nt:a:district', 'nt:a:settlement'])
    expect(areaButtons(false, t).map((b) => b.data)).toEqual(['nt:a:district', 'nt:a:settlement'])
  })

  it('when districts are offered, then each button names one and carries its id', () => {
    const lida = { id: 4, name: { ru: 'Лида', be: 'Ліда', en: 'Lida' } }
    expect(districtButtons([lida], t)).toEqual([{ label: 'common.name:Лида', data: 'nt:d:4' }])
  })

  it('when the admin decides, then send, schedule and drop are offered in that order', () => {
    expect(decisionButtons(t).map((b) => b.data)).toEqual(['nt:pv:send', 'nt:pv:schedule', 'nt:pv:drop'])
  })
})

describe('the notice wizard’s checks', () => {
  const typed = (input: string) => windowFrom(parseTimeWindow(input, new Date(NOW), ZONE), NOW)

  it('when a window lies ahead or is still running, then it is taken', () => {
    expect(typed('01.12 15:00 - 01.12 18:00')).toEqual({
      ok: true,
      window: { startsAt: '2026-12-01T12:00:00.000Z', endsAt: '2026-12-01T15:00:00.000Z' },
    })
    expect(typed('01.12 09:00 - 01.12 18:00').ok).toBe(true)
  })

  it('when a window is over already, then "window-ended" is told; when it does not parse, its own error', () => {
    expect(typed('01.12 08:00 - 01.12 09:00')).toEqual({ ok: false, error: 'window-ended' })
    expect(typed('someday')).toEqual({ ok: false, error: 'window-invalid' })
  })

  it('when a body fits a message but not a caption, then a photo is refused with "caption-too-long"', () => {
    expect(captionProblem('Воды не будет.')).toBeNull()
    expect(captionProblem('я'.repeat(2000))).toBe('caption-too-long')
  })

  it('when sending is refused, then only a send time in the past or after the outage may be chosen again', () => {
    expect(mayChooseAgain('send-at-past')).toBe(true)
    expect(mayChooseAgain('send-at-after-end')).toBe(true)
    expect(mayChooseAgain('not-allowed')).toBe(false)
    expect(mayChooseAgain('wrong-state')).toBe(false)
  })
})
