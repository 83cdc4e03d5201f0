import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deadlineRuns, escalationLevel } from '../../../../src/core/requests/escalation.js'
import { REQUEST_STATUSES } from '../../../../src/core/requests/status.js'

const HOUR = 3_600_000
const at = (hours: number) => new Date(Date.UTC(2026, 10, 2, 9) + hours * HOUR)

describe('escalation levels', () => {
  it('when the deadline to accept has not passed, then there is nothing to escalate', () => {
    expect(escalationLevel({ deadline: 'accept', createdAt: at(0), dueAt: at(4) }, at(3))).toBeNull()
  })

  it('when the deadline to accept has just passed, then the dispatchers are told (level 1)', () => {
    expect(escalationLevel({ deadline: 'accept', createdAt: at(0), dueAt: at(4) }, at(4))).toBe(1)
  })

  it('when acceptance is late by as long again as it was given, then the district admin is told too (level 2)', () => {
    expect(escalationLevel({ deadline: 'accept', createdAt: at(0), dueAt: at(4) }, at(7.99))).toBe(1)
    expect(escalationLevel({ deadline: 'accept', createdAt: at(0), dueAt: at(4) }, at(8))).toBe(2)
  })

  it('when fixing is late by a day, then it reaches level 2', () => {
    expect(escalationLevel({ deadline: 'fix', createdAt: at(0), dueAt: at(48) }, at(71.99))).toBe(1)
    expect(escalationLevel({ deadline: 'fix', createdAt: at(0), dueAt: at(48) }, at(72))).toBe(2)
  })

  it('when time goes on, then the level never goes down', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('accept' as const, 'fix' as const),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (deadline, givenHours, sinceDueHours, laterHours) => {
          const overdue = { deadline, createdAt: at(0), dueAt: at(givenHours) }
          const rank = (now: Date) => escalationLevel(overdue, now) ?? 0
          const now = at(givenHours + sinceDueHours)
          return rank(new Date(now.getTime() + laterHours * HOUR)) >= rank(now)
        },
      ),
      { seed: 115, numRuns: 300 },
    )
  })

  it('when a request waits for acceptance, then only that deadline and the one to fix run', () => {
    expect(deadlineRuns('accept', 'new')).toBe(true)
    expect(deadlineRuns('accept', 'accepted')).toBe(false)
    expect(deadlineRuns('fix', 'new')).toBe(true)
  })

  it('when a request is in the capital repair plan or finished, then no deadline runs', () => {
    for (const status of ['planned', 'done', 'closed', 'rejected'] as const) {
      expect(deadlineRuns('accept', status)).toBe(false)
      expect(deadlineRuns('fix', status)).toBe(false)
    }
    expect(REQUEST_STATUSES.filter((s) => deadlineRuns('fix', s))).toHaveLength(6)
  })
})
