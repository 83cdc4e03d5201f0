import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashInviteToken, newInviteToken } from '../../../src/app/cli/invite.js'
import { makeCreateInvite } from '../../../src/core/access/invites.js'
import { makeBootstrapRegionAdmins } from '../../../src/core/staff/bootstrap-admins.js'
import { makeListStaff } from '../../../src/core/staff/list-staff.js'
import { makeRedeemInvite } from '../../../src/core/staff/redeem-invite.js'
import { makeRevokeMembership } from '../../../src/core/staff/revoke-membership.js'
import { createInviteStore } from '../../../src/db/repositories/invite-store.js'
import { createAssignmentsStore } from '../../../src/db/repositories/staff-assignments.js'
import { createRedeemInviteStore } from '../../../src/db/repositories/staff-invites.js'
import {
  activeStaffTelegramChats,
  createBootstrapAdminsStore,
  createListStaffStore,
  createRevokeMembershipStore,
} from '../../../src/db/repositories/staff-memberships.js'
import { placeNames } from '../../../src/db/repositories/staff-directory.js'
import { loadActor } from '../../../src/db/repositories/users.js'
import { createTransact } from '../../../src/db/transact.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { aDraft, aResident, aStaffMember, idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

describe('staff onboarding on PostgreSQL', () => {
  let t: TestDatabase
  let clock = new Date()
  const now = () => clock
  let createInvite: ReturnType<typeof makeCreateInvite>
  let redeem: ReturnType<typeof makeRedeemInvite>

  beforeAll(async () => {
    t = await createTestDatabase()
    createInvite = makeCreateInvite({
      transact: createTransact(t.db, createInviteStore),
      newToken: newInviteToken,
      hashToken: hashInviteToken,
      now,
    })
    redeem = makeRedeemInvite({
      transact: createTransact(t.db, createRedeemInviteStore),
      hashToken: hashInviteToken,
      now,
    })
  })
  afterAll(async () => {
    await t.drop()
  })

  const dispatcherInvite = async () => {
    const result = await createInvite(
      { kind: 'operator' },
      { role: 'dispatcher', organisationId: await idOf(t.db, 'organisations', 'lida-housing'), districtId: null },
    )
    if (!result.ok) throw new Error(result.error)
    return result.token
  }

  it('when two people open one invite at the same moment, then exactly one becomes a member', async () => {
    const token = await dispatcherInvite()
    const people = await Promise.all(Array.from({ length: 6 }, () => aResident(t.db)))
    const results = await Promise.all(people.map((userId) => redeem({ userId, token, displayName: null })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual(Array(5).fill({ ok: false, error: 'used' }))
    const memberships = await t.db
      .selectFrom('staff_memberships')
      .select('user_id')
      .where('user_id', 'in', people)
      .execute()
    expect(memberships).toHaveLength(1)
    const invite = await t.db
      .selectFrom('staff_invites')
      .select(['used_by_user_id', 'used_at'])
      .where('token_hash', '=', hashInviteToken(token))
      .executeTakeFirstOrThrow()
    expect(invite.used_by_user_id).toBe(memberships[0]?.user_id)
  })

  it('when an admin’s invite is redeemed, then the membership names the admin as its creator and the person gets a name', async () => {
    const adminId = await aStaffMember(t.db, 'district_admin', { district: 'lida' })
    const result = await createInvite(
      { kind: 'staff', actor: await loadActor(t.db, adminId) },
      { role: 'executor', organisationId: await idOf(t.db, 'organisations', 'lida-housing'), districtId: null },
    )
    if (!result.ok) throw new Error(result.error)
    const userId = await aResident(t.db)
    expect(await redeem({ userId, token: result.token, displayName: 'Иван Сидоров' })).toMatchObject({ ok: true })
    const row = await t.db
      .selectFrom('staff_memberships')
      .innerJoin('users', 'users.id', 'staff_memberships.user_id')
      .select(['created_by_user_id', 'role', 'display_name'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ created_by_user_id: adminId, role: 'executor', display_name: 'Иван Сидоров' })
    const actor = await loadActor(t.db, userId)
    expect(actor.memberships).toEqual([
      {
        role: 'executor',
        organisationId: await idOf(t.db, 'organisations', 'lida-housing'),
        districtId: await idOf(t.db, 'districts', 'lida'),
      },
    ])
  })

  it('when an invite has expired, then it is refused and stays unused', async () => {
    const token = await dispatcherInvite()
    clock = new Date(Date.now() + 73 * 3_600_000)
    try {
      expect(await redeem({ userId: await aResident(t.db), token, displayName: null })).toEqual({
        ok: false,
        error: 'expired',
      })
    } finally {
      clock = new Date()
    }
    const invite = await t.db
      .selectFrom('staff_invites')
      .select('used_at')
      .where('token_hash', '=', hashInviteToken(token))
      .executeTakeFirstOrThrow()
    expect(invite.used_at).toBeNull()
  })

  it('when the person already holds the role, then no second membership appears and the invite stays usable', async () => {
    const userId = await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' })
    const token = await dispatcherInvite()
    expect(await redeem({ userId, token, displayName: null })).toMatchObject({ ok: false, error: 'already-member' })
    expect(await redeem({ userId: await aResident(t.db), token, displayName: null })).toMatchObject({ ok: true })
  })

  it('when a member is revoked, then the row keeps who and when, the actor loses the role and the list drops them', async () => {
    const adminId = await aStaffMember(t.db, 'district_admin', { district: 'lida' })
    const memberId = await aStaffMember(t.db, 'dispatcher', { organisation: 'lida-housing' })
    const membership = await t.db
      .selectFrom('staff_memberships')
      .select('id')
      .where('user_id', '=', memberId)
      .executeTakeFirstOrThrow()
    const admin = await loadActor(t.db, adminId)
    const list = makeListStaff({ store: createListStaffStore(t.db) })
    const before = await list(admin)
    expect(before.ok && before.members.find((m) => m.membershipId === membership.id)).toMatchObject({
      revocable: true,
      organisationName: { ru: expect.any(String) as string },
      districtName: { ru: expect.any(String) as string },
    })
    const revoke = makeRevokeMembership({ transact: createTransact(t.db, createRevokeMembershipStore), now })
    expect(await revoke(admin, membership.id)).toEqual({ ok: true, userId: memberId, role: 'dispatcher' })
    expect(await revoke(admin, membership.id)).toEqual({ ok: false, error: 'not-found' })
    const row = await t.db
      .selectFrom('staff_memberships')
      .select(['revoked_at', 'revoked_by_user_id'])
      .where('id', '=', membership.id)
      .executeTakeFirstOrThrow()
    expect(row.revoked_by_user_id).toBe(adminId)
    expect(row.revoked_at).toBeInstanceOf(Date)
    expect((await loadActor(t.db, memberId)).memberships).toEqual([])
    const after = await list(admin)
    expect(after.ok && after.members.some((m) => m.membershipId === membership.id)).toBe(false)
  })

  it('when a district admin tries to revoke a member of another district, then nothing changes', async () => {
    const admin = await loadActor(t.db, await aStaffMember(t.db, 'district_admin', { district: 'lida' }))
    const otherId = await aStaffMember(t.db, 'district_admin', { district: 'grodno-district' })
    const membership = await t.db
      .selectFrom('staff_memberships')
      .select('id')
      .where('user_id', '=', otherId)
      .executeTakeFirstOrThrow()
    const revoke = makeRevokeMembership({ transact: createTransact(t.db, createRevokeMembershipStore), now })
    expect(await revoke(admin, membership.id)).toEqual({ ok: false, error: 'not-allowed' })
  })

  it('when region admins are bootstrapped twice, then one user, one identity and one membership each', async () => {
    const bootstrap = makeBootstrapRegionAdmins({ transact: createTransact(t.db, createBootstrapAdminsStore) })
    const first = await bootstrap([555_000_001, 555_000_002])
    const second = await bootstrap([555_000_001, 555_000_002])
    expect(first.map((a) => a.created)).toEqual([true, true])
    expect(second.map((a) => a.created)).toEqual([false, false])
    expect(second.map((a) => a.userId)).toEqual(first.map((a) => a.userId))
    const memberships = await t.db
      .selectFrom('staff_memberships')
      .select('role')
      .where(
        'user_id',
        'in',
        first.map((a) => a.userId),
      )
      .where('revoked_at', 'is', null)
      .execute()
    expect(memberships).toEqual([{ role: 'region_admin' }, { role: 'region_admin' }])
    const chats = await activeStaffTelegramChats(t.db)
    expect(chats).toEqual(expect.arrayContaining([{ userId: first[0]?.userId, chatId: 555_000_001 }]))
  })

  it('when places are named, then an organisation comes with its district', async () => {
    const names = await placeNames(t.db, {
      organisationId: await idOf(t.db, 'organisations', 'lida-housing'),
      districtId: null,
    })
    expect(names.organisation?.ru).toBeTruthy()
    expect(names.district?.ru).toBeTruthy()
  })

  it('when an executor has assignments, then only their open ones are listed, emergencies first', async () => {
    const executorId = await aStaffMember(t.db, 'executor', { organisation: 'lida-housing' })
    const submit = makeSubmitRequest({ transact: createTransact(t.db, createRequestStore), now: () => new Date() })
    const author = await aResident(t.db)
    const ids: number[] = []
    for (let i = 0; i < 3; i++) {
      const registered = await submit(await aDraft(t.db, author, { description: `Батареи холодные, подъезд ${i + 1}` }))
      if (!registered.ok) throw new Error('submitted')
      ids.push(registered.request.id)
    }
    await t.db
      .updateTable('requests')
      .set({ executor_user_id: executorId, status: 'accepted' })
      .where('id', 'in', ids)
      .execute()
    await t.db
      .updateTable('requests')
      .set({ status: 'closed' })
      .where('id', '=', ids[0] ?? 0)
      .execute()
    await t.db
      .updateTable('requests')
      .set({ priority: 'emergency' })
      .where('id', '=', ids[2] ?? 0)
      .execute()
    const rows = await createAssignmentsStore(t.db).assignedTo(executorId, ['accepted', 'in_progress'], 10)
    expect(rows.map((r) => r.requestId)).toEqual([ids[2], ids[1]])
    expect(rows[0]).toMatchObject({ emergency: true, status: 'accepted' })
  })
})
