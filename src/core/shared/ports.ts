/** Runs `work` in one database transaction with stores bound to it; commits when it resolves. */
export type Transact<Store> = <T>(work: (store: Store) => Promise<T>) => Promise<T>

/** A message caused by a change, written in the same transaction (the outbox). */
export interface OutboxMessage {
  queue: 'notifications' | 'timers' | 'broadcasts'
  jobName: string
  payload: Record<string, unknown>
  /** A findable, de-duplicating id (e.g. rate-42); default: derived from the outbox row. */
  jobId?: string
  /** 1 is the most urgent. */
  priority?: number
  delayMs?: number
}

export type Clock = () => Date
