import { describe, expect, it } from 'vitest'
import { noticeMessage } from '../../../../src/core/notices/notice-message.js'

describe('noticeMessage', () => {
  const outage = {
    kind: 'planned_outage',
    body: 'Воды не будет с 10:00 до 14:00 на ул. Советской',
    endsAt: '2026-11-29T11:00:00.000Z',
    photo: 'photo-1',
  }

  it('when the outage ends, then residents get one short "service restored" line with the service and the time, not the outage text', () => {
    const message = noticeMessage({ ...outage, followUp: { kind: 'ended', service: 'water' } })
    expect(message.text).toEqual([
      {
        key: 'admin.notice.restored-at',
        params: {
          service: { text: { key: 'admin.notice.service.water' } },
          at: { datetime: '2026-11-29T11:00:00.000Z' },
        },
      },
    ])
    expect(message.photo).toBeNull()
    expect(JSON.stringify(message)).not.toContain('Воды не будет')
  })

  it('when a correction follows, then the corrected text comes under the correction heading', () => {
    const message = noticeMessage({ ...outage, followUp: { kind: 'correction', service: 'water' } })
    expect(message.text[0]).toEqual({ key: 'admin.notice.corrected' })
    expect(JSON.stringify(message.text)).toContain('Воды не будет')
  })
})
