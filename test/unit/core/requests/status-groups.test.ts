import { describe, expect, it } from 'vitest'
import {
  ASSIGNABLE_STATUSES,
  AWAITING_ACCEPTANCE_STATUSES,
  FINISHED_STATUSES,
  OPEN_STATUSES,
  REQUEST_STATUSES,
  actionsFrom,
  isAssignable,
  isAwaitingAcceptance,
  isFinished,
  isFixClockRunning,
  isOpen,
  isRequestStatus,
} from '../../../../src/core/requests/status.js'

const sorted = (list: readonly string[]) => [...list].sort()

describe('status groups', () => {
  it('when every status is sorted into open and finished, then each lands in exactly one', () => {
    for (const status of REQUEST_STATUSES) expect(isOpen(status)).toBe(!isFinished(status))
    expect(sorted([...OPEN_STATUSES, ...FINISHED_STATUSES])).toEqual(sorted(REQUEST_STATUSES))
  })

  it('when a request is finished, then reopening is the only way back', () => {
    for (const status of FINISHED_STATUSES) expect(actionsFrom(status)).toContain('reopen')
    expect(FINISHED_STATUSES.filter((s) => s !== 'done').flatMap(actionsFrom)).toEqual(['reopen', 'reopen'])
  })

  it('when a request waits for acceptance, then it is open and can be accepted', () => {
    expect(sorted(AWAITING_ACCEPTANCE_STATUSES)).toEqual(['new', 'reopened', 'rerouted'])
    for (const status of AWAITING_ACCEPTANCE_STATUSES) {
      expect(isOpen(status)).toBe(true)
      expect(actionsFrom(status)).toContain('accept')
    }
    expect(REQUEST_STATUSES.filter(isAwaitingAcceptance)).toHaveLength(3)
  })

  it.each([
    ['new', true],
    ['accepted', true],
    ['in_progress', true],
    ['needs_info', true],
    ['reopened', true],
    ['rerouted', true],
    ['planned', false],
    ['done', false],
    ['closed', false],
    ['rejected', false],
  ] as const)('when the status is %s, then the clock to fix runs: %s', (status, running) => {
    expect(isFixClockRunning(status)).toBe(running)
  })

  it('when an executor may be assigned, then the request is open and past acceptance', () => {
    expect(sorted(ASSIGNABLE_STATUSES)).toEqual(['accepted', 'in_progress', 'planned', 'reopened'])
    for (const status of REQUEST_STATUSES.filter(isAssignable)) {
      expect(isOpen(status)).toBe(true)
      expect(status === 'reopened' || !isAwaitingAcceptance(status)).toBe(true)
    }
  })

  it('when a text from the database is checked, then only the statuses of core pass', () => {
    expect(REQUEST_STATUSES.every(isRequestStatus)).toBe(true)
    expect(isRequestStatus('archived')).toBe(false)
    expect(isRequestStatus('')).toBe(false)
  })
})
