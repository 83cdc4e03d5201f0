import type { ReferenceData } from './reference-data.js'
import { expandRoutingRules } from './expand-routing-rules.js'

function duplicates(values: string[]): string[] {
  const seen = new Set<string>()
  return [...new Set(values.filter((v) => (seen.has(v) ? true : (seen.add(v), false))))]
}

/** What the schema cannot say: unique codes, references that resolve, routing that covers. */
export function checkReferences(data: ReferenceData): string[] {
  const problems: string[] = []
  const districtCodes = data.districts.map((d) => d.code)
  const settlementCodes = data.districts.flatMap((d) => d.settlements.map((s) => s.code))
  const organisationCodes = data.organisations.map((o) => o.code)
  const categoryCodes = data.categories.flatMap((c) => [c.code, ...c.children.map((leaf) => leaf.code)])
  for (const [what, codes] of [
    ['district', districtCodes],
    ['settlement', settlementCodes],
    ['organisation', organisationCodes],
    ['category', categoryCodes],
    ['emergency number', data.emergencyNumbers.map((e) => e.code)],
  ] as const) {
    for (const code of duplicates([...codes])) problems.push(`${what} code "${code}" is used more than once`)
  }
  data.organisations.forEach((o, i) => {
    if (o.districtCode !== null && !districtCodes.includes(o.districtCode))
      problems.push(`organisations.${i}.districtCode: no district "${o.districtCode}"`)
  })
  const expanded = expandRoutingRules(data)
  problems.push(...expanded.problems)
  // Every category a resident can file must reach someone in every district.
  const routable = data.categories.flatMap((top) =>
    top.children
      .filter((leaf) => leaf.hardStop === null && leaf.notOurCompetence === null)
      .map((leaf) => ({ top: top.code, leaf: leaf.code })),
  )
  for (const district of districtCodes) {
    for (const { top, leaf } of routable) {
      const covered = expanded.rules.some(
        (r) => r.districtCode === district && (r.categoryCode === leaf || r.categoryCode === top),
      )
      if (!covered) problems.push(`routingRules: no rule routes "${leaf}" in district "${district}"`)
    }
  }
  return problems
}
