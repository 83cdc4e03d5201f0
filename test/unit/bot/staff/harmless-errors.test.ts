import { GrammyError } from 'grammy'
import { describe, expect, it } from 'vitest'
import { isHarmlessTelegramError, unlessHarmless } from '../../../../src/bot/telegram/harmless-errors.js'

const refusal = (description: string, code = 400) =>
  new GrammyError(
    `Call to 'editMessageReplyMarkup' failed! (${code}: ${description})`,
    { ok: false, error_code: code, description },
    'editMessageReplyMarkup',
    {},
  )

describe('known-harmless Telegram errors', () => {
  it.each([
    'Bad Request: message is not modified: specified new message content and reply markup are exactly the same',
    'Bad Request: query is too old and response timeout expired or query ID is invalid',
    'Bad Request: message to edit not found',
    "Bad Request: message can't be edited",
  ])('when Telegram answers %j, then it is harmless', (description) => {
    expect(isHarmlessTelegramError(refusal(description))).toBe(true)
  })

  it('when Telegram refuses for another reason or the call fails otherwise, then it is not harmless', () => {
    expect(isHarmlessTelegramError(refusal('Forbidden: bot was blocked by the user', 403))).toBe(false)
    expect(isHarmlessTelegramError(refusal('Bad Request: wrong file identifier/HTTP URL specified'))).toBe(false)
    expect(isHarmlessTelegramError(new Error('message is not modified'))).toBe(false)
    expect(isHarmlessTelegramError('message is not modified')).toBe(false)
  })

  it('when a catch meets a harmless error, then nothing is logged; any other is logged and swallowed', async () => {
    const warned: string[] = []
    const log = { warn: (_fields: Record<string, unknown>, message: string) => void warned.push(message) }
    await Promise.reject(refusal('Bad Request: message is not modified')).catch(unlessHarmless(log, 'taking buttons'))
    expect(warned).toEqual([])
    await Promise.reject(refusal('Bad Request: chat not found')).catch(unlessHarmless(log, 'taking buttons'))
    expect(warned).toEqual(['taking buttons failed'])
  })
})
