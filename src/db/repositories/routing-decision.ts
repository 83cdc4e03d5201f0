import { z } from 'zod'
import type { RoutingDecision } from '../../core/routing/route-request.js'

/** requests.routing as written from a RoutingDecision; parsed on the way back, never trusted blindly. */
const RoutingDecisionJson = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('routed'),
    ruleId: z.number(),
    matchedOn: z.enum(['category', 'parent-category']),
    primaryOrganisationId: z.number(),
    copyOrganisationIds: z.array(z.number()),
  }),
  z.object({ kind: z.literal('unrouted'), reason: z.literal('no-rule') }),
])

export const parseRoutingDecision = (value: unknown): RoutingDecision => RoutingDecisionJson.parse(value)
