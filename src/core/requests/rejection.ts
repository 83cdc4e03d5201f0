/**
 * Why a request may be rejected. The dispatcher picks one and adds words (the number of the
 * original for a duplicate, who is competent, …); both reach the resident.
 * migrations/0007_dispatch.sql mirrors this list in a CHECK constraint.
 */
export const REJECTION_REASONS = ['duplicate', 'not-our-competence', 'no-access', 'not-housing', 'other'] as const
export type RejectionReason = (typeof REJECTION_REASONS)[number]

export const isRejectionReason = (value: string): value is RejectionReason =>
  (REJECTION_REASONS as readonly string[]).includes(value)
