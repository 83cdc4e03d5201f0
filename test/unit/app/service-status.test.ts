import { describe, expect, it } from 'vitest'
import { browsableUrl } from '../../../src/app/service-status.js'

describe('the URL the start-up log gives to open', () => {
  it('when the server listens on every address, then the URL goes through loopback', () => {
    expect(browsableUrl('0.0.0.0', 8080)).toBe('http://127.0.0.1:8080/')
    expect(browsableUrl('::', 8080)).toBe('http://[::1]:8080/')
  })

  it('when it listens on one address, then the URL names it (an IPv6 one in brackets)', () => {
    expect(browsableUrl('127.0.0.1', 39613)).toBe('http://127.0.0.1:39613/')
    expect(browsableUrl('::1', 80)).toBe('http://[::1]:80/')
    expect(browsableUrl('localhost', 8080)).toBe('http://localhost:8080/')
  })
})
