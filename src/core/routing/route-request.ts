/**
 * Routing: (district, category) → the organisation that must act, plus copies.
 * The outcome, including "no rule", is stored on the request so anyone can see why it
 * went where it went; an unrouted request waits in the region triage queue.
 */
export interface RoutingRule {
  id: number
  districtId: number
  categoryId: number
  primaryOrganisationId: number
  copyOrganisationIds: readonly number[]
}

export interface RoutingQuery {
  districtId: number
  categoryId: number
  /** The category's parent: a rule on it covers every child without a rule of its own. */
  parentCategoryId: number | null
}

export type RoutingDecision =
  | {
      kind: 'routed'
      ruleId: number
      matchedOn: 'category' | 'parent-category'
      primaryOrganisationId: number
      copyOrganisationIds: number[]
    }
  | { kind: 'unrouted'; reason: 'no-rule' }

export function routeRequest(query: RoutingQuery, rules: readonly RoutingRule[]): RoutingDecision {
  const local = rules.filter((rule) => rule.districtId === query.districtId)
  const exact = local.find((rule) => rule.categoryId === query.categoryId)
  const parent =
    query.parentCategoryId === null ? undefined : local.find((rule) => rule.categoryId === query.parentCategoryId)
  const rule = exact ?? parent
  if (!rule) return { kind: 'unrouted', reason: 'no-rule' }
  return {
    kind: 'routed',
    ruleId: rule.id,
    matchedOn: exact ? 'category' : 'parent-category',
    primaryOrganisationId: rule.primaryOrganisationId,
    // A copy to the primary organisation itself would only duplicate its own card.
    copyOrganisationIds: [...new Set(rule.copyOrganisationIds)].filter((id) => id !== rule.primaryOrganisationId),
  }
}
