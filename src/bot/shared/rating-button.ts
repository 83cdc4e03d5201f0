import type { Rating } from '../../core/requests/rate-request.js'

// Request ids are PostgreSQL integers: a larger number is no request, and must not reach a query.
const MAX_REQUEST_ID = 2_147_483_647
const RATING = /^rate:([1-9]\d{0,9}):([0-5])$/

/** A tap on a "was it fixed?" button the workers sent (`rate:<request id>:<0–5>`); null for anything else. */
export function ratingOf(data: string | undefined): { requestId: number; rating: Rating } | null {
  const match = RATING.exec(data ?? '')
  if (!match) return null
  const requestId = Number(match[1])
  if (requestId > MAX_REQUEST_ID) return null
  return { requestId, rating: Number(match[2]) as Rating }
}
