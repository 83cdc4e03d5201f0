import { isAwaitingAcceptance, isFixClockRunning } from './status.js'
import type { RequestStatus } from './status.js'

/** The two deadlines of a request (SLA): to accept it and to fix it. */
export type Deadline = 'accept' | 'fix'

/** 1: the organisation's dispatchers are told; 2: the district admin as well. */
export type EscalationLevel = 1 | 2

const DAY_MS = 24 * 3_600_000

/** Whether the deadline still binds a request in this status (accepting ends with acceptance, fixing with the work). */
export const deadlineRuns = (deadline: Deadline, status: RequestStatus): boolean =>
  deadline === 'accept' ? isAwaitingAcceptance(status) : isFixClockRunning(status)

/**
 * How far a request has slipped past a deadline, or null when it has not. Acceptance reaches level
 * 2 after as long again as it was given; fixing after one more day.
 */
export function escalationLevel(
  overdue: { deadline: Deadline; dueAt: Date; createdAt: Date },
  now: Date,
): EscalationLevel | null {
  const due = overdue.dueAt.getTime()
  if (due > now.getTime()) return null
  const secondAt = overdue.deadline === 'accept' ? due + (due - overdue.createdAt.getTime()) : due + DAY_MS
  return secondAt <= now.getTime() ? 2 : 1
}
