import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import type { WebhookDelivery } from '../support/fake-telegram/types.js'
import { idOf } from '../support/fixtures.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import { ensureChannelUser } from '../../src/db/repositories/users.js'
import type { RunningService } from './support/service.js'
import { freePort, startService } from './support/service.js'
import type { TelegramPerson } from './support/telegram-report.js'
import { reachDescription, says } from './support/telegram-report.js'

const PREFIX = `e2e${Math.random().toString(36).slice(2, 10)}`
const SECRET = 'write-refused-secret-for-e2e_0123'
let nextUserId = 830_000_000 + Math.floor(Math.random() * 1_000_000) * 10

/*
 * PostgreSQL refuses the last write of a use case (the outbox row, after the request, its event and
 * its photos were written in the same transaction): a CHECK added NOT VALID, so old rows stand and
 * only the next insert of that job is refused. The person must be told, nothing may stay half-written,
 * and the webhook must still answer 200.
 */
describe('a write PostgreSQL refuses, in webhook mode (fake Bot API, real PostgreSQL and Redis)', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService

  async function deliveryOf(updateId: number): Promise<WebhookDelivery> {
    for (;;) {
      const delivery = telegram.deliveries.find((d) => d.updateId === updateId)
      if (delivery) return delivery
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  const refuseOutbox = (jobName: string) =>
    sql`alter table outbox add constraint write_refused check (job_name <> ${sql.lit(jobName)}) not valid`.execute(t.db)
  const allowOutbox = () => sql`alter table outbox drop constraint if exists write_refused`.execute(t.db)

  const counts = async (authorTelegramId: number) => {
    const author = await t.db
      .selectFrom('channel_identities')
      .select('user_id')
      .where('channel', '=', 'telegram')
      .where('external_id', '=', String(authorTelegramId))
      .executeTakeFirstOrThrow()
    const requests = await t.db
      .selectFrom('requests')
      .select('id')
      .where('author_user_id', '=', author.user_id)
      .execute()
    const photos = await t.db
      .selectFrom('request_photos')
      .select('id')
      .where('uploaded_by_user_id', '=', author.user_id)
      .execute()
    const events = await t.db
      .selectFrom('request_events')
      .select('id')
      .where('actor_user_id', '=', author.user_id)
      .execute()
    const outbox = await t.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    return { requests: requests.length, photos: photos.length, events: events.length, outbox: Number(outbox.n) }
  }

  /** From the description question to the summary, with one photo; returns the summary's message id. */
  async function reachSummary(r: TelegramPerson): Promise<number> {
    await reachDescription(r, 'ru', { top: 'heating', leaf: 'heating.no-heat' }, { house: '21', flat: 'кв. 4' })
    r.sendText('Батареи холодные третий день')
    await says(r, 'ru', 'report.ask-photos')
    r.sendPhoto({ width: 1280, height: 960, fileSize: 150_000 })
    await says(r, 'ru', 'report.photo-received')
    r.press('done')
    await says(r, 'ru', 'report.ask-phone-offer')
    r.press('skip')
    return (await says(r, 'ru', 'report.summary.title')).message_id
  }

  beforeAll(async () => {
    telegram = await startFakeTelegram()
    t = await createTestDatabase()
    const port = await freePort()
    service = await startService({
      telegram,
      redisPrefix: PREFIX,
      databaseUrl: t.url,
      webhook: { port, secret: SECRET },
    })
  })
  afterAll(async () => {
    await allowOutbox()
    await service.stop()
    await telegram.close()
    await t.drop()
  })

  it('when PostgreSQL refuses a write while a report is sent and then while a dispatcher accepts it, then each person is told, no row is half-written and the webhook answers 200', async () => {
    // Staff first: the new request's card goes to whoever works the organisation when it is sent.
    const dispatcher = telegram.user({ id: nextUserId++, firstName: 'Dispatcher', languageCode: 'ru' })
    const staffUserId = await ensureChannelUser(t.db, { channel: 'telegram', externalId: String(dispatcher.user.id) })
    await t.db
      .insertInto('staff_memberships')
      .values({
        user_id: staffUserId,
        role: 'dispatcher',
        organisation_id: await idOf(t.db, 'organisations', 'lida-housing'),
      })
      .execute()
    const resident = telegram.user({ id: nextUserId++, firstName: 'Refused', languageCode: 'ru' })
    const summary = await reachSummary(resident)
    const before = await counts(resident.user.id)

    await refuseOutbox('request-created')
    const send = resident.press('send')
    await says(resident, 'ru', 'common.error')
    expect((await deliveryOf(send.update_id)).status).toBe(200)
    expect(await counts(resident.user.id)).toEqual(before)
    expect(before).toMatchObject({ requests: 0, photos: 0, events: 0 })

    // The draft is kept: once the database takes the write again, the same "send" registers one request with its photo.
    await allowOutbox()
    resident.pressData('send', summary)
    const sent = await says(resident, 'ru', 'report.sent')
    const number = /GR-\d{2}-\d{6}/.exec(sent.text ?? '')?.[0] ?? ''
    const request = await t.db
      .selectFrom('requests')
      .select(['id', 'status'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow()
    expect(await counts(resident.user.id)).toMatchObject({ requests: 1, photos: 1, events: 1 })

    await dispatcher.waitForMessage((m) => (m.text ?? m.caption ?? '').includes(number), 30_000)
    const eventsBefore = await t.db
      .selectFrom('request_events')
      .select('id')
      .where('request_id', '=', request.id)
      .execute()
    const outboxBefore = (await counts(resident.user.id)).outbox

    await refuseOutbox('status-changed')
    const accept = dispatcher.press(`rq:accept:${request.id}`)
    await says(dispatcher, 'ru', 'common.error')
    expect((await deliveryOf(accept.update_id)).status).toBe(200)
    const after = await t.db
      .selectFrom('requests')
      .select(['status', 'accepted_at'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow()
    expect(after.status).toBe('new')
    const eventsAfter = await t.db
      .selectFrom('request_events')
      .select('id')
      .where('request_id', '=', request.id)
      .execute()
    expect(eventsAfter).toEqual(eventsBefore)
    expect((await counts(resident.user.id)).outbox).toBe(outboxBefore)

    await allowOutbox()
    dispatcher.press(`rq:accept:${request.id}`)
    await says(dispatcher, 'ru', 'dispatch.done.accept')
    await says(resident, 'ru', 'update.accepted')
  })
})
