import { describe, expect, it } from 'vitest'
import { REQUEST_STATUSES } from '../../../../src/core/requests/status.js'
import { RESIDENT_MESSAGE_KINDS, publicPartsOfChange } from '../../../../src/core/requests/visibility.js'

const change = { note: 'staff words', rejectionCode: 'duplicate', officialAnswer: 'the answer' }

describe('what a resident may read of a status change', () => {
  it.each(['rejected', 'planned', 'needs_info'] as const)(
    'when the request becomes %s, then the note (reason, period or question) is shown',
    (to) => {
      expect(publicPartsOfChange({ ...change, to }).note).toBe('staff words')
    },
  )

  it('when the request becomes anything else, then the note stays with staff', () => {
    const hidden = REQUEST_STATUSES.filter((s) => !['rejected', 'planned', 'needs_info'].includes(s))
    for (const to of hidden) expect(publicPartsOfChange({ ...change, to }).note).toBeNull()
  })

  it('when the request is done or rejected, then the official answer comes along; otherwise not', () => {
    for (const to of REQUEST_STATUSES)
      expect(publicPartsOfChange({ ...change, to }).officialAnswer).toBe(
        to === 'done' || to === 'rejected' ? 'the answer' : null,
      )
  })

  it('when the request is rejected, then the reason picked from the list is shown, and never otherwise', () => {
    expect(publicPartsOfChange({ ...change, to: 'rejected' }).rejectionCode).toBe('duplicate')
    for (const to of REQUEST_STATUSES.filter((s) => s !== 'rejected'))
      expect(publicPartsOfChange({ ...change, to }).rejectionCode).toBeNull()
  })

  it("when a resident's card lists messages, then their own answers are not among them", () => {
    expect(RESIDENT_MESSAGE_KINDS).not.toContain('answer')
    expect(RESIDENT_MESSAGE_KINDS).toContain('official_answer')
  })
})
