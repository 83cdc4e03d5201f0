import type { Rating } from '../../core/requests/rate-request.js'
import { decodeCallback } from '../../core/shared/callback-data.js'

/**
 * A tap on a "was it fixed?" button the workers sent; null for anything else. The codec reads the
 * request id as the PostgreSQL integer it is, so a larger number never reaches a query.
 */
export function ratingOf(data: string | undefined): { requestId: number; rating: Rating } | null {
  const pressed = decodeCallback(data ?? '')
  return pressed.kind === 'rating' ? { requestId: pressed.requestId, rating: pressed.rating } : null
}
