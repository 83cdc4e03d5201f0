import type { Clock, Transact } from '../shared/ports.js'
import type { Actor, StaffRole } from './permissions.js'
import { can } from './permissions.js'

/** An invite link works once and only for this long. */
export const INVITE_TTL_HOURS = 72
/** Deep-link payloads that carry an invite: /start inv_<token>. */
export const INVITE_PAYLOAD_PREFIX = 'inv_'

export interface InviteSpec {
  role: StaffRole
  organisationId: number | null
  districtId: number | null
}

/** Who issues it: an operator with shell access to the server (the CLI), or a staff member in the bot. */
export type InviteIssuer = { kind: 'operator' } | { kind: 'staff'; actor: Actor }

export interface CreateInviteStore {
  organisationDistrict: (organisationId: number) => Promise<{ districtId: number | null } | null>
  districtIsActive: (districtId: number) => Promise<boolean>
  insertInvite: (invite: {
    tokenHash: string
    spec: InviteSpec
    createdByUserId: number | null
    expiresAt: Date
  }) => Promise<void>
}

export type CreateInviteResult =
  | { ok: true; token: string; startPayload: string; expiresAt: Date }
  | { ok: false; error: 'not-allowed' | 'unknown-organisation' | 'unknown-district' | 'scope-mismatch' }

function scopeFits(spec: InviteSpec): boolean {
  switch (spec.role) {
    case 'executor':
    case 'dispatcher':
      return spec.organisationId !== null && spec.districtId === null
    case 'district_admin':
      return spec.districtId !== null && spec.organisationId === null
    case 'region_admin':
      return spec.districtId === null && spec.organisationId === null
  }
}

export function makeCreateInvite(deps: {
  transact: Transact<CreateInviteStore>
  /** A fresh unguessable token of [A-Za-z0-9_-] (it travels in a deep link). */
  newToken: () => string
  /** Only the hash is stored, so a database leak does not leak usable invites. */
  hashToken: (token: string) => string
  now: Clock
}) {
  return async function createInvite(issuer: InviteIssuer, spec: InviteSpec): Promise<CreateInviteResult> {
    if (!scopeFits(spec)) return { ok: false, error: 'scope-mismatch' }
    return deps.transact(async (store): Promise<CreateInviteResult> => {
      let areaDistrictId = spec.districtId
      if (spec.organisationId !== null) {
        const organisation = await store.organisationDistrict(spec.organisationId)
        if (!organisation) return { ok: false, error: 'unknown-organisation' }
        areaDistrictId = organisation.districtId
      } else if (spec.districtId !== null && !(await store.districtIsActive(spec.districtId))) {
        return { ok: false, error: 'unknown-district' }
      }
      if (issuer.kind === 'staff') {
        const area = { districtId: areaDistrictId, organisationId: spec.organisationId }
        // Only a region admin may create another region admin (area without a district).
        if (!can(issuer.actor, 'staff.invite', area)) return { ok: false, error: 'not-allowed' }
        if (spec.role === 'region_admin' && !issuer.actor.memberships.some((m) => m.role === 'region_admin'))
          return { ok: false, error: 'not-allowed' }
      }
      const token = deps.newToken()
      const expiresAt = new Date(deps.now().getTime() + INVITE_TTL_HOURS * 3_600_000)
      await store.insertInvite({
        tokenHash: deps.hashToken(token),
        spec,
        createdByUserId: issuer.kind === 'staff' ? issuer.actor.userId : null,
        expiresAt,
      })
      return { ok: true, token, startPayload: `${INVITE_PAYLOAD_PREFIX}${token}`, expiresAt }
    })
  }
}
