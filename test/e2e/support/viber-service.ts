import type { Language } from '../../../src/core/i18n/text.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { createTransact } from '../../../src/db/transact.js'
import { aDraft } from '../../support/fixtures.js'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { startFakeTelegram } from '../../support/fake-telegram/server.js'
import type { FakeViber, ViberUser } from '../../support/fake-viber/server.js'
import { startFakeViber } from '../../support/fake-viber/server.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'
import type { RunningService } from './service.js'
import { afternoonZone, freePort, startService } from './service.js'
import { opening } from './texts.js'

export interface ViberSetup {
  telegram: FakeTelegram
  viber: FakeViber
  t: TestDatabase
  service: RunningService
  /** Where the service's media links point (PUBLIC_URL). */
  publicUrl: string
  stop: () => Promise<void>
}

/** The service with the Viber channel on, against fake Viber and Bot APIs and a database of its own. */
export async function startViberSetup(options: { redisPrefix?: string } = {}): Promise<ViberSetup> {
  const [telegram, viber, t] = await Promise.all([startFakeTelegram(), startFakeViber(), createTestDatabase()])
  const port = await freePort()
  const publicUrl = `http://127.0.0.1:${port}`
  const service = await startService({
    telegram,
    databaseUrl: t.url,
    timeZone: afternoonZone(),
    ...(options.redisPrefix !== undefined && { redisPrefix: options.redisPrefix }),
    env: {
      HTTP_PORT: String(port),
      PUBLIC_URL: publicUrl,
      VIBER_AUTH_TOKEN: viber.authToken,
      VIBER_API_ROOT: viber.apiRoot,
      VIBER_BOT_NAME: 'Служба 115',
    },
  })
  viber.webhookUrl = `${service.origin}/viber/webhook`
  return {
    telegram,
    viber,
    t,
    service,
    publicUrl,
    stop: async () => {
      await service.stop()
      await Promise.all([telegram.close(), viber.close()])
      await t.drop()
    },
  }
}

/** Someone who wrote to the Viber bot (so they are subscribed), as the person the service made of them. */
export async function aViberResident(
  { viber, t }: Pick<ViberSetup, 'viber' | 't'>,
  language: Language = 'ru',
): Promise<{ user: ViberUser; userId: number }> {
  const user = viber.user({ language })
  await user.sendText('/menu')
  await user.waitForMessage((m) => (m.text ?? '').includes(opening(language, 'menu.title')))
  const row = await t.db
    .selectFrom('channel_identities')
    .select('user_id')
    .where('channel', '=', 'viber')
    .where('external_id', '=', user.id)
    .executeTakeFirstOrThrow()
  return { user, userId: row.user_id }
}

let nextHouse = 100

/** A request filed by this person at a house of its own, so that it is no duplicate of another test's request. */
export async function aRequestFrom(
  t: TestDatabase,
  userId: number,
  options: { source: 'viber' | 'telegram'; description: string },
) {
  const base = await aDraft(t.db, userId, options)
  const house = nextHouse++
  const address = { ...base.address, house: String(house), text: `Лида, ул. Советская, ${house}` }
  const transact = createTransact(t.db, createRequestStore)
  const result = await makeSubmitRequest({ transact, now: () => new Date() })({ ...base, address })
  if (!result.ok) throw new Error(result.error)
  return result.request
}

/** What the service asked Viber to send this person. */
export const sendsTo = (viber: FakeViber, receiver: string) =>
  viber.calls.filter((c) => c.method === 'send_message' && c.body.receiver === receiver)
