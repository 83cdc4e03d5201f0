import type { Actor, AreaPermission } from '../access/permissions.js'
import { can } from '../access/permissions.js'

export type ReportScope = { ok: true; districtId: number | null } | { ok: false; error: 'not-allowed' }

/**
 * Which part of the region a report (statistics, export) covers: the district asked for if the
 * actor may see it there; without one, the whole region for region-wide roles, else their own district.
 */
export function reportScope(actor: Actor, permission: AreaPermission, requested: number | null): ReportScope {
  if (requested !== null)
    return can(actor, permission, { districtId: requested })
      ? { ok: true, districtId: requested }
      : { ok: false, error: 'not-allowed' }
  if (can(actor, permission, { districtId: null })) return { ok: true, districtId: null }
  const own = actor.memberships.find(
    (m) => m.districtId !== null && can(actor, permission, { districtId: m.districtId }),
  )?.districtId
  return own === undefined || own === null ? { ok: false, error: 'not-allowed' } : { ok: true, districtId: own }
}

/** Where an actor holds an area permission: the whole region, or these districts (none: nowhere). */
export type PermittedArea = { region: true } | { region: false; districtIds: number[] }

export function permittedArea(actor: Actor, permission: AreaPermission): PermittedArea {
  if (can(actor, permission, { districtId: null })) return { region: true }
  const districtIds = actor.memberships
    .map((m) => m.districtId)
    .filter((d): d is number => d !== null && can(actor, permission, { districtId: d }))
  return { region: false, districtIds: [...new Set(districtIds)] }
}
