import { describe, expect, it } from 'vitest'
import type { InviteForRedemption, RedeemInviteStore } from '../../../../src/core/staff/redeem-invite.js'
import { makeRedeemInvite } from '../../../../src/core/staff/redeem-invite.js'

const NOW = new Date('2026-03-02T10:00:00Z')
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx'

function world(invite: Partial<InviteForRedemption> | null, existing: 'none' | 'member' = 'none') {
  const row: InviteForRedemption | null = invite && {
    id: 5,
    role: 'dispatcher',
    organisationId: 10,
    districtId: null,
    createdByUserId: 77,
    expiresAt: new Date(NOW.getTime() + 3_600_000),
    usedAt: null,
    revokedAt: null,
    ...invite,
  }
  const calls = { memberships: [] as unknown[], used: [] as unknown[], names: [] as unknown[], looked: [] as string[] }
  const store: RedeemInviteStore = {
    lockInvite: (hash) => {
      calls.looked.push(hash)
      return Promise.resolve(hash === `h(${TOKEN})` ? row : null)
    },
    insertMembership: (m) => {
      calls.memberships.push(m)
      return Promise.resolve(existing === 'none')
    },
    markInviteUsed: (id, userId, at) => {
      calls.used.push({ id, userId, at })
      return Promise.resolve()
    },
    nameUser: (userId, name) => {
      calls.names.push({ userId, name })
      return Promise.resolve()
    },
  }
  const redeem = makeRedeemInvite({ transact: (work) => work(store), hashToken: (t) => `h(${t})`, now: () => NOW })
  return { redeem, calls }
}

describe('redeeming an invite', () => {
  it('when a valid invite is opened, then the membership is created by the invite’s author and the invite is used', async () => {
    const { redeem, calls } = world({})
    const result = await redeem({ userId: 3, token: TOKEN, displayName: ' Ольга Петрова ' })
    expect(result).toEqual({ ok: true, membership: { role: 'dispatcher', organisationId: 10, districtId: null } })
    expect(calls.memberships).toEqual([
      { userId: 3, role: 'dispatcher', organisationId: 10, districtId: null, createdByUserId: 77, at: NOW },
    ])
    expect(calls.used).toEqual([{ id: 5, userId: 3, at: NOW }])
    expect(calls.names).toEqual([{ userId: 3, name: 'Ольга Петрова' }])
  })

  it('when the token is unknown, then it is invalid and nothing is written', async () => {
    const { redeem, calls } = world({})
    expect(await redeem({ userId: 3, token: 'ZZZZZZZZZZZZZZZZZZZZZZZZ', displayName: null })).toEqual({
      ok: false,
      error: 'invalid',
    })
    expect(calls.memberships).toEqual([])
  })

  it('when the token is malformed, then it is invalid without a lookup', async () => {
    const { redeem, calls } = world({})
    expect(await redeem({ userId: 3, token: 'short', displayName: null })).toEqual({ ok: false, error: 'invalid' })
    expect(await redeem({ userId: 3, token: `${TOKEN}'; drop`, displayName: null })).toEqual({
      ok: false,
      error: 'invalid',
    })
    expect(calls.looked).toEqual([])
  })

  it.each([
    { state: 'expired', invite: { expiresAt: NOW } },
    { state: 'used', invite: { usedAt: new Date(NOW.getTime() - 1000) } },
    { state: 'revoked', invite: { revokedAt: new Date(NOW.getTime() - 1000) } },
  ] as const)(
    'when the invite is $state, then it is refused as $state and nothing is written',
    async ({ state, invite }) => {
      const { redeem, calls } = world(invite)
      expect(await redeem({ userId: 3, token: TOKEN, displayName: null })).toEqual({ ok: false, error: state })
      expect(calls.memberships).toEqual([])
      expect(calls.used).toEqual([])
    },
  )

  it('when the person already holds the role, then the invite stays unused for whom it is meant', async () => {
    const { redeem, calls } = world({}, 'member')
    expect(await redeem({ userId: 3, token: TOKEN, displayName: null })).toEqual({
      ok: false,
      error: 'already-member',
      membership: { role: 'dispatcher', organisationId: 10, districtId: null },
    })
    expect(calls.used).toEqual([])
  })
})
