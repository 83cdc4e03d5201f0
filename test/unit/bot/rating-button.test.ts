import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ratingOf } from '../../../src/bot/shared/rating-button.js'

describe('a tap on a "was it fixed?" button', () => {
  it('when the data is a rating of a request, then the request and the rating are read', () => {
    expect(ratingOf('rate:42:5')).toEqual({ requestId: 42, rating: 5 })
    expect(ratingOf('rate:2147483647:0')).toEqual({ requestId: 2147483647, rating: 0 })
  })

  it.each([
    'rate:99999999999:1',
    'rate:2147483648:1',
    'rate:0:3',
    'rate:012:3',
    'rate:12:6',
    'rate:12:',
    'rate:-1:2',
    'x',
  ])('when the data is %s, then it is no rating (no query is made of it)', (data) => {
    expect(ratingOf(data)).toBeNull()
  })

  it('when the data is arbitrary, then a rating read from it is always a PostgreSQL integer id and 0–5', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^rate:\d{1,12}:\d$/)), (data) => {
        const rating = ratingOf(data)
        if (rating === null) return
        expect(Number.isInteger(rating.requestId) && rating.requestId >= 1 && rating.requestId <= 2_147_483_647).toBe(
          true,
        )
        expect([0, 1, 2, 3, 4, 5]).toContain(rating.rating)
      }),
      { seed: 115, numRuns: 300 },
    )
  })
})
