import type { Deadline, EscalationLevel } from '../requests/escalation.js'

/** A request past one of its deadlines, with the level it has reached. */
export interface OverdueRequest {
  requestId: number
  deadline: Deadline
  dueAt: Date
  level: EscalationLevel
  districtId: number
}

export interface EscalationStore {
  /** Requests whose deadline still runs and has passed, the earliest due first. */
  overdue: (now: Date) => Promise<OverdueRequest[]>
  /** Records an escalation once; false if it was recorded before. */
  recordEscalation: (requestId: number, deadline: Deadline, level: EscalationLevel) => Promise<boolean>
}
