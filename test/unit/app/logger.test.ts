import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, safeUrl } from '../../../src/app/logger.js'

function capture() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString())
      callback()
    },
  })
  return { lines, logger: createLogger({ level: 'info', destination }) }
}

describe('logging', () => {
  it('when personal data or secrets are logged, then they are redacted and the rest stays', () => {
    const { lines, logger } = capture()
    logger.info(
      {
        requestId: 42,
        phone: '+375291234567',
        draft: { description: 'кв. 17, Иванов', address: 'Лида, Советская 5', phone: '+375 29 1234567' },
        from: { firstName: 'Иван', username: 'ivan' },
        token: '123:AAA',
        headers: { authorization: 'Bearer x' },
      },
      'draft saved',
    )
    const line = lines.join('')
    for (const secret of ['+375', 'Иванов', 'Советская', 'Иван"', 'ivan', '123:AAA', 'Bearer'])
      expect(line).not.toContain(secret)
    expect(JSON.parse(line)).toMatchObject({ requestId: 42, msg: 'draft saved', phone: '[redacted]' })
  })

  it('when a connection URL has a password, then only a masked form is shown', () => {
    expect(safeUrl('postgres://app:s3cret@db.internal:5432/s115')).toBe('postgres://app:***@db.internal:5432/s115')
    expect(safeUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379')
    expect(safeUrl('::')).toBe('(unparseable URL)')
  })
})
