import { describe, expect, it } from 'vitest'
import { routeRequest } from '../../../src/core/routing/route-request.js'
import type { RoutingRule } from '../../../src/core/routing/route-request.js'

const CITY = 1
const VILLAGE_DISTRICT = 2

const WATER = 100 // parent category
const BURST_PIPE = 101 // child of WATER with a rule of its own
const NO_HOT_WATER = 102 // child of WATER without a rule of its own
const ROADS = 200 // parent category without any rule in the city
const POTHOLE = 201 // child of ROADS

const HOUSING = 10
const WATER_COMPANY = 11
const ROAD_SERVICE = 12
const EMERGENCY_SERVICE = 13
const VILLAGE_HOUSING = 20

const waterRule: RoutingRule = {
  id: 1,
  districtId: CITY,
  categoryId: WATER,
  primaryOrganisationId: HOUSING,
  copyOrganisationIds: [WATER_COMPANY],
}
const burstPipeRule: RoutingRule = {
  id: 2,
  districtId: CITY,
  categoryId: BURST_PIPE,
  primaryOrganisationId: WATER_COMPANY,
  copyOrganisationIds: [EMERGENCY_SERVICE, HOUSING, EMERGENCY_SERVICE, WATER_COMPANY, HOUSING],
}
const villagePotholeRule: RoutingRule = {
  id: 3,
  districtId: VILLAGE_DISTRICT,
  categoryId: POTHOLE,
  primaryOrganisationId: VILLAGE_HOUSING,
  copyOrganisationIds: [],
}
const villageRoadsRule: RoutingRule = {
  id: 4,
  districtId: VILLAGE_DISTRICT,
  categoryId: ROADS,
  primaryOrganisationId: VILLAGE_HOUSING,
  copyOrganisationIds: [],
}

const RULES: readonly RoutingRule[] = [waterRule, burstPipeRule, villagePotholeRule, villageRoadsRule]

const sortedNumbers = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b)

describe('routeRequest', () => {
  it('when both the leaf category and its parent have a rule, then the leaf rule wins', () => {
    const decision = routeRequest({ districtId: CITY, categoryId: BURST_PIPE, parentCategoryId: WATER }, RULES)
    expect(decision).toMatchObject({
      kind: 'routed',
      ruleId: burstPipeRule.id,
      matchedOn: 'category',
      primaryOrganisationId: WATER_COMPANY,
    })
  })

  it('when the parent rule comes before the leaf rule in the list, then the leaf rule still wins', () => {
    const decision = routeRequest({ districtId: CITY, categoryId: BURST_PIPE, parentCategoryId: WATER }, [
      waterRule,
      burstPipeRule,
    ])
    expect(decision).toMatchObject({ kind: 'routed', ruleId: burstPipeRule.id, matchedOn: 'category' })
    const reversed = routeRequest({ districtId: CITY, categoryId: BURST_PIPE, parentCategoryId: WATER }, [
      burstPipeRule,
      waterRule,
    ])
    expect(reversed).toMatchObject({ kind: 'routed', ruleId: burstPipeRule.id, matchedOn: 'category' })
  })

  it('when a child category has no rule of its own, then the parent rule covers it', () => {
    const decision = routeRequest({ districtId: CITY, categoryId: NO_HOT_WATER, parentCategoryId: WATER }, RULES)
    expect(decision).toEqual({
      kind: 'routed',
      ruleId: waterRule.id,
      matchedOn: 'parent-category',
      primaryOrganisationId: HOUSING,
      copyOrganisationIds: [WATER_COMPANY],
    })
  })

  it('when a top-level category has a rule, then it matches on the category itself', () => {
    const decision = routeRequest({ districtId: CITY, categoryId: WATER, parentCategoryId: null }, RULES)
    expect(decision).toMatchObject({ kind: 'routed', ruleId: waterRule.id, matchedOn: 'category' })
  })

  it('when only another district has rules for the category or its parent, then they are ignored', () => {
    expect(routeRequest({ districtId: CITY, categoryId: POTHOLE, parentCategoryId: ROADS }, RULES)).toEqual({
      kind: 'unrouted',
      reason: 'no-rule',
    })
  })

  it('when another district has a rule for the same leaf, then the own district parent rule is used', () => {
    const villageBurstPipe: RoutingRule = { ...villagePotholeRule, id: 5, categoryId: NO_HOT_WATER }
    const decision = routeRequest({ districtId: CITY, categoryId: NO_HOT_WATER, parentCategoryId: WATER }, [
      villageBurstPipe,
      waterRule,
    ])
    expect(decision).toMatchObject({ kind: 'routed', ruleId: waterRule.id, matchedOn: 'parent-category' })
  })

  it('when the own district has a rule, then a rule of another district for the same category does not interfere', () => {
    const decision = routeRequest({ districtId: VILLAGE_DISTRICT, categoryId: POTHOLE, parentCategoryId: ROADS }, [
      { ...villagePotholeRule, id: 6, districtId: CITY, primaryOrganisationId: ROAD_SERVICE },
      villagePotholeRule,
    ])
    expect(decision).toMatchObject({
      kind: 'routed',
      ruleId: villagePotholeRule.id,
      primaryOrganisationId: VILLAGE_HOUSING,
    })
  })

  it('when no rule matches, then the request is unrouted for lack of a rule', () => {
    expect(routeRequest({ districtId: CITY, categoryId: 999, parentCategoryId: 998 }, RULES)).toEqual({
      kind: 'unrouted',
      reason: 'no-rule',
    })
    expect(routeRequest({ districtId: CITY, categoryId: 999, parentCategoryId: null }, RULES)).toEqual({
      kind: 'unrouted',
      reason: 'no-rule',
    })
  })

  it('when there are no rules at all, then the request is unrouted for lack of a rule', () => {
    expect(routeRequest({ districtId: CITY, categoryId: BURST_PIPE, parentCategoryId: WATER }, [])).toEqual({
      kind: 'unrouted',
      reason: 'no-rule',
    })
  })

  it('when a rule repeats copies and lists the primary among them, then the copies are distinct and exclude the primary', () => {
    const decision = routeRequest({ districtId: CITY, categoryId: BURST_PIPE, parentCategoryId: WATER }, RULES)
    expect(decision.kind).toBe('routed')
    if (decision.kind !== 'routed') return
    expect(decision.copyOrganisationIds).not.toContain(decision.primaryOrganisationId)
    expect(new Set(decision.copyOrganisationIds).size).toBe(decision.copyOrganisationIds.length)
    expect(sortedNumbers(decision.copyOrganisationIds)).toEqual([HOUSING, EMERGENCY_SERVICE])
  })

  it('when a rule has no copies, then the copies are empty', () => {
    const decision = routeRequest({ districtId: VILLAGE_DISTRICT, categoryId: POTHOLE, parentCategoryId: ROADS }, RULES)
    expect(decision).toMatchObject({ kind: 'routed', copyOrganisationIds: [] })
  })

  it('when the rule lists only the primary as a copy, then no copy is made', () => {
    const selfCopy: RoutingRule = { ...waterRule, copyOrganisationIds: [HOUSING, HOUSING] }
    const decision = routeRequest({ districtId: CITY, categoryId: WATER, parentCategoryId: null }, [selfCopy])
    expect(decision).toMatchObject({ kind: 'routed', copyOrganisationIds: [] })
  })

  it('when a request is routed, then the rule given is left unchanged', () => {
    const before = [...burstPipeRule.copyOrganisationIds]
    const decision = routeRequest({ districtId: CITY, categoryId: BURST_PIPE, parentCategoryId: WATER }, RULES)
    expect(burstPipeRule.copyOrganisationIds).toEqual(before)
    if (decision.kind !== 'routed') throw new Error(`expected a routed decision, got ${decision.kind}`)
    expect(decision.copyOrganisationIds).not.toBe(burstPipeRule.copyOrganisationIds)
  })
})
