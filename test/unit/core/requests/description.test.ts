import { describe, expect, it } from 'vitest'
import { descriptionProblem } from '../../../../src/core/requests/description.js'

describe('descriptionProblem', () => {
  it.each([
    ['only zero-width spaces', '\u200B'.repeat(20)],
    ['only direction marks and spaces', '\u200F \u200E '.repeat(10)],
    ['only whitespace', ' \n\t '.repeat(10)],
    ['three letters padded with invisible ones', 'abc' + '\u2060'.repeat(20)],
  ])('when a description is %s, then it is refused as too short with its visible length', (_what, value) => {
    expect(descriptionProblem(value)).toMatchObject({ key: 'report.description-too-short', params: { min: 10 } })
  })

  it('when a description is over the limit, then it is refused as too long with its length', () => {
    expect(descriptionProblem('а'.repeat(1001))).toEqual({
      key: 'report.description-too-long',
      params: { max: 1000, length: 1001 },
    })
  })

  it('when ten visible characters are typed (spaces not counted, an emoji one each), then it is kept', () => {
    expect(descriptionProblem('Нет воды 🚰🚰🚰')).toBeNull()
    expect(descriptionProblem('🔥'.repeat(1000))).toBeNull()
  })
})
