import { describe, expect, it } from 'vitest'
import { pagingOf } from '../../../src/bot/telegram/staff/shared/paging.js'

describe('paging a long list', () => {
  it('when 46 items go 15 to a page, then four pages, and the second has both neighbours', () => {
    expect(pagingOf(46, 15, 1)).toEqual({ page: 1, pages: 4, offset: 15, previous: 0, next: 2 })
  })

  it('when the first or the last page is asked for, then there is no page before or after it', () => {
    expect(pagingOf(46, 15, 0)).toMatchObject({ previous: null, next: 1 })
    expect(pagingOf(46, 15, 3)).toMatchObject({ offset: 45, previous: 2, next: null })
  })

  it('when an old button asks for a page the shrunken list no longer has, then the last page is shown', () => {
    expect(pagingOf(20, 15, 7)).toEqual({ page: 1, pages: 2, offset: 15, previous: 0, next: null })
  })

  it('when the list fits on one page or is empty, then there is nowhere to go', () => {
    expect(pagingOf(15, 15, 0)).toEqual({ page: 0, pages: 1, offset: 0, previous: null, next: null })
    expect(pagingOf(0, 15, 0)).toEqual({ page: 0, pages: 1, offset: 0, previous: null, next: null })
  })
})
