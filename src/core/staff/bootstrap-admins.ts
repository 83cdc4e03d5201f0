import type { Transact } from '../shared/ports.js'

export interface BootstrapAdminsStore {
  /** The user behind a Telegram user id, created if they never wrote to the bot. */
  ensureTelegramUser: (telegramUserId: number) => Promise<number>
  /** false: they already are a region admin. */
  ensureRegionAdmin: (userId: number) => Promise<boolean>
}

/** The configured region admins hold the role from the first start on; running it again changes nothing. */
export function makeBootstrapRegionAdmins(deps: { transact: Transact<BootstrapAdminsStore> }) {
  return async function bootstrapRegionAdmins(
    telegramUserIds: readonly number[],
  ): Promise<{ userId: number; telegramUserId: number; created: boolean }[]> {
    const results: { userId: number; telegramUserId: number; created: boolean }[] = []
    for (const telegramUserId of new Set(telegramUserIds)) {
      results.push(
        await deps.transact(async (store) => {
          const userId = await store.ensureTelegramUser(telegramUserId)
          return { userId, telegramUserId, created: await store.ensureRegionAdmin(userId) }
        }),
      )
    }
    return results
  }
}
