import { describe, expect, it } from 'vitest'
import type { BootstrapAdminsStore } from '../../../../src/core/staff/bootstrap-admins.js'
import { makeBootstrapRegionAdmins } from '../../../../src/core/staff/bootstrap-admins.js'

function world() {
  const users = new Map<number, number>()
  const admins = new Set<number>()
  const store: BootstrapAdminsStore = {
    ensureTelegramUser: (telegramUserId) => {
      if (!users.has(telegramUserId)) users.set(telegramUserId, users.size + 1)
      return Promise.resolve(users.get(telegramUserId) ?? 0)
    },
    ensureRegionAdmin: (userId) => {
      const created = !admins.has(userId)
      admins.add(userId)
      return Promise.resolve(created)
    },
  }
  return { bootstrap: makeBootstrapRegionAdmins({ transact: (work) => work(store) }), users, admins }
}

describe('region admins from the configuration', () => {
  it('when the service starts with admin ids, then each becomes a user and a region admin', async () => {
    const { bootstrap, admins } = world()
    expect(await bootstrap([111, 222])).toEqual([
      { userId: 1, telegramUserId: 111, created: true },
      { userId: 2, telegramUserId: 222, created: true },
    ])
    expect([...admins]).toEqual([1, 2])
  })

  it('when it runs again or an id repeats, then nothing new is created', async () => {
    const { bootstrap, users, admins } = world()
    await bootstrap([111])
    expect(await bootstrap([111, 111])).toEqual([{ userId: 1, telegramUserId: 111, created: false }])
    expect(users.size).toBe(1)
    expect(admins.size).toBe(1)
  })

  it('when no ids are configured, then nothing happens', async () => {
    const { bootstrap, users } = world()
    expect(await bootstrap([])).toEqual([])
    expect(users.size).toBe(0)
  })
})
