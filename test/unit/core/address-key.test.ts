import { describe, expect, it } from 'vitest'
import { addressKey } from '../../../src/core/requests/request.js'

const key = (street: string | null, house: string | null, settlementId: number | null = 7, text = '') =>
  addressKey({ settlementId, street, house, text })

describe('addressKey', () => {
  it.each([
    ['ул. Советская', '5', 'советская', '5'],
    ['улица Советская', '5', 'Советская', '5'],
    ['вул. Савецкая', '12А', 'Савецкая', '12 а'],
    ['пр-т Космонавтов', '3', 'Космонавтов', '3'],
    ['Ёлочная', '1', 'Елочная', '1'],
  ])('when %j %j and %j %j are written differently, then they are the same address', (s1, h1, s2, h2) => {
    expect(key(s1, h1)).toBe(key(s2, h2))
  })

  it('when the street, the house or the settlement differ, then the keys differ', () => {
    expect(key('Советская', '5')).not.toBe(key('Советская', '7'))
    expect(key('Советская', '5')).not.toBe(key('Октябрьская', '5'))
    expect(key('Советская', '5', 7)).not.toBe(key('Советская', '5', 8))
  })

  it('when a street name merely contains a street-type word, then it is kept (Пролетарская is not "пр")', () => {
    expect(key('Пролетарская', '1')).not.toBe(key('Летарская', '1'))
  })

  it('when only free text is known, then it stands for the street', () => {
    expect(addressKey({ settlementId: null, street: null, house: null, text: 'Двор у рынка' })).toBe('0|двор у рынка|')
  })
})
