import { parseRequestNumber } from '../requests/request-number.js'

/** What finding a request by its number reads (implemented in src/db). */
export interface FindRequestStore {
  /** The region's request number prefix (e.g. "GR"). */
  numberPrefix: () => Promise<string>
  idByNumber: (number: string) => Promise<number | null>
}

/** The request behind a number as people type it ("gr-26-15", "26-15", …); null when there is none. */
export function makeFindRequest(deps: { store: FindRequestStore }) {
  return async (typed: string): Promise<number | null> => {
    const number = parseRequestNumber(typed, await deps.store.numberPrefix())
    return number === null ? null : deps.store.idByNumber(number)
  }
}
