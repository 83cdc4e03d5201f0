import type { Job } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDictionaries } from '../../../src/app/locales.js'
import type { MessengerSender, RenderedMessage } from '../../../src/core/delivery/ports.js'
import { createTranslator } from '../../../src/core/i18n/translate.js'
import { makeSubmitRequest } from '../../../src/core/requests/submit-request.js'
import { createDeliveryStore } from '../../../src/db/repositories/delivery-store.js'
import { createDispatchDeliveryStore } from '../../../src/db/repositories/dispatch-delivery-store.js'
import { createNoticeDeliveryStore } from '../../../src/db/repositories/notice-delivery-store.js'
import { createRequestStore } from '../../../src/db/repositories/request-store.js'
import { createTransact } from '../../../src/db/transact.js'
import type { BotPacer } from '../../../src/workers/bot-pacer.js'
import type { ChatPacer } from '../../../src/workers/chat-pacer.js'
import { createSendProcessor } from '../../../src/workers/send.processor.js'
import { aDraft, aResident } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'
import { MINSK_NOON } from '../../support/workers.js'

/**
 * The send processor on the real PostgreSQL stores, called directly: no BullMQ, so no job-id
 * retention stands between a repeated job and the database's "already sent?".
 */
describe('the send processor asks PostgreSQL whether a message was already sent', () => {
  let t: TestDatabase
  let processor: ReturnType<typeof createSendProcessor>
  const sent: { chatId: string; message: RenderedMessage }[] = []

  const sender: MessengerSender = {
    send: (chatId, message) => {
      sent.push({ chatId, message })
      return Promise.resolve({ kind: 'sent' })
    },
  }
  // Pacing is not under test: every slot and every gate is free.
  const pacer: ChatPacer = {
    reserve: () => Promise.resolve(0),
    markSent: () => Promise.resolve(),
    sentRecently: () => Promise.resolve(false),
  }
  const botPacer: BotPacer = {
    reserve: () => Promise.resolve({ kind: 'slot', waitMs: 0 }),
    pause: () => Promise.resolve(),
    release: () => Promise.resolve(),
    enter: () => Promise.resolve({ kind: 'go', inMs: 0, counted: '0' }),
  }
  const aJob = (id: string, data: Record<string, unknown>): Job =>
    ({
      id,
      name: 'test',
      data,
      moveToDelayed: () => Promise.reject(new Error('a free pacer never sends a job back')),
    }) as unknown as Job

  beforeAll(async () => {
    t = await createTestDatabase()
    const store = createDeliveryStore(t.db)
    processor = createSendProcessor({
      recipients: store,
      ledger: store,
      views: store,
      ratings: store,
      dispatch: createDispatchDeliveryStore(t.db),
      notices: createNoticeDeliveryStore(t.db),
      sender,
      pacer,
      botPacer,
      translate: createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' }),
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      channel: 'telegram',
      forward: () => Promise.reject(new Error('everyone here is on Telegram')),
    })
  })
  afterAll(async () => {
    await t.drop()
  })

  const sentTo = async (userId: number) => {
    const identity = await t.db
      .selectFrom('channel_identities')
      .select('external_id')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
    return sent.filter((s) => s.chatId === identity.external_id)
  }

  it('when a one-off message job runs again after it was sent, then the second run sends nothing', async () => {
    const resident = await aResident(t.db)
    const submitted = await makeSubmitRequest({
      transact: createTransact(t.db, createRequestStore),
      now: MINSK_NOON,
    })(await aDraft(t.db, resident))
    if (!submitted.ok) throw new Error(submitted.error)
    const data = { userId: resident, message: { type: 'reopened', requestId: submitted.request.id } }

    expect(await processor(aJob('guard-once', data))).toBe('sent')
    expect(await processor(aJob('guard-once', data))).toBe('duplicate')

    expect(await sentTo(resident)).toHaveLength(1)
    const row = await t.db
      .selectFrom('sent_messages')
      .select('state')
      .where('job_id', '=', 'guard-once')
      .executeTakeFirstOrThrow()
    expect(row.state).toBe('sent')
  })

  it('when a notice delivery was already sent and the notice is still sending, then its job sends nothing', async () => {
    const admin = await aResident(t.db)
    const resident = await aResident(t.db)
    const notice = await t.db
      .insertInto('notices')
      .values({
        kind: 'information',
        service: 'other',
        area: JSON.stringify({ scope: 'region' }),
        body: 'Проверка повторной отправки',
        state: 'sending',
        created_by_user_id: admin,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('notice_deliveries')
      .values({ notice_id: notice.id, user_id: resident, channel: 'telegram', state: 'sent', sent_at: new Date() })
      .execute()

    const outcome = await processor(
      aJob(`nt-${notice.id}-${resident}`, { userId: resident, message: { type: 'notice', noticeId: notice.id } }),
    )

    expect(outcome).toBe('duplicate')
    expect(await sentTo(resident)).toEqual([])
  })
})
