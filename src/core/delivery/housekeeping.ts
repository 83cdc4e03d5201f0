/** Plumbing rows that have served their purpose. */
export interface Housekeeping {
  /** Removes processed updates, published outbox rows and sent-message marks older than this. */
  purgeOld: (olderThan: Date) => Promise<void>
}
