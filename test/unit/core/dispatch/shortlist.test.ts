import { describe, expect, it } from 'vitest'
import { shortlistText } from '../../../../src/core/dispatch/shortlist.js'
import { text } from '../../../../src/core/i18n/text.js'

describe('a choice offered as buttons', () => {
  const question = text('dispatch.assign.choose')

  it('when not all could be offered, then the question says how many are shown of how many', () => {
    expect(shortlistText(question, { items: [1, 2, 3], total: 35 })).toEqual([
      question,
      text('dispatch.choices.shown', { shown: 3, total: 35 }),
    ])
  })

  it('when all are offered, then only the question', () => {
    expect(shortlistText(question, { items: [1, 2, 3], total: 3 })).toEqual([question])
  })
})
