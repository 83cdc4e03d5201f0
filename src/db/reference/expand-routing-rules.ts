import type { ReferenceData } from './reference-data.js'

/** A routing rule with every "*" and organisation type resolved to codes. */
export interface ConcreteRoutingRule {
  districtCode: string
  categoryCode: string
  primaryCode: string
  copyCodes: string[]
}

type OrganisationRef = ReferenceData['routingRules'][number]['primary']

/**
 * Expands `district: "*"` to every district and `{ "type": … }` to that district's
 * organisation of the type (or the region-wide one). A later rule for the same
 * (district, category) replaces an earlier one, so specific overrides follow general rules.
 */
export function expandRoutingRules(data: ReferenceData): { rules: ConcreteRoutingRule[]; problems: string[] } {
  const problems: string[] = []
  const categoryCodes = new Set(data.categories.flatMap((c) => [c.code, ...c.children.map((leaf) => leaf.code)]))
  const organisationCodes = new Set(data.organisations.map((o) => o.code))
  const byKey = new Map<string, ConcreteRoutingRule>()

  const resolve = (ref: OrganisationRef, district: string, where: string): string | undefined => {
    if (typeof ref === 'string') {
      if (organisationCodes.has(ref)) return ref
      problems.push(`${where}: no organisation "${ref}"`)
      return undefined
    }
    const match =
      data.organisations.find((o) => o.type === ref.type && o.districtCode === district) ??
      data.organisations.find((o) => o.type === ref.type && o.districtCode === null)
    if (!match) problems.push(`${where}: district "${district}" has no organisation of type "${ref.type}"`)
    return match?.code
  }

  data.routingRules.forEach((rule, i) => {
    const where = `routingRules.${i}`
    if (!categoryCodes.has(rule.category)) problems.push(`${where}.category: no category "${rule.category}"`)
    if (rule.district !== '*' && !data.districts.some((d) => d.code === rule.district))
      problems.push(`${where}.district: no district "${rule.district}"`)
    const districts = rule.district === '*' ? data.districts.map((d) => d.code) : [rule.district]
    for (const district of districts) {
      const primaryCode = resolve(rule.primary, district, `${where}.primary`)
      const copyCodes = rule.copies.map((c) => resolve(c, district, `${where}.copies`))
      if (primaryCode === undefined || copyCodes.some((c) => c === undefined)) continue
      byKey.set(`${district}\u0000${rule.category}`, {
        districtCode: district,
        categoryCode: rule.category,
        primaryCode,
        copyCodes: copyCodes.filter((c): c is string => c !== undefined),
      })
    }
  })
  return { rules: [...byKey.values()], problems: [...new Set(problems)] }
}
