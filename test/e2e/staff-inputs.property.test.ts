import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Update } from 'grammy/types'
import type { FakeTelegram } from '../support/fake-telegram/server.js'
import { startFakeTelegram } from '../support/fake-telegram/server.js'
import type { WebhookDelivery } from '../support/fake-telegram/types.js'
import type { TestDatabase } from '../support/test-database.js'
import { createTestDatabase } from '../support/test-database.js'
import type { RunningService } from './support/service.js'
import { freePort, startService } from './support/service.js'

type Person = ReturnType<FakeTelegram['user']>

const SEED = 1_150_134
const PREFIX = `e2e${Math.random().toString(36).slice(2, 10)}`
const SECRET = 'staff-inputs-property-secret_0123'
let nextUserId = 830_000_000 + Math.floor(Math.random() * 1_000_000) * 10

/** What a person may do next: type anything, send a command, press a button offered or forged data. */
type Step =
  | { kind: 'text'; text: string }
  | { kind: 'command'; command: string }
  | { kind: 'press'; index: number }
  | { kind: 'forged'; data: string }

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '\u0000',
    'Ремонт\u0000сети',
    '\u200b\u200f\u200e',
    'x'.repeat(4096),
    '😀'.repeat(30),
    'завтра 10:00 - 18:00',
    'ул. Ожешко 1-10; ул. Ленина',
    '+375 29 123-45-67',
    '<b>&amp;</b>',
  ),
)
const STAFF_COMMANDS = [
  '/notice',
  '/notices',
  '/call',
  '/invite',
  '/invite dispatcher',
  '/staff',
  '/revoke',
  '/queue',
  '/queue overdue',
  '/req 1',
  '/mine',
  '/deadletters',
  '/cancel',
]
/** Ids as a modified client might write them: small real-looking ones and ones past PostgreSQL integer. */
const anId = fc.oneof(
  { arbitrary: fc.nat({ max: 40 }).map(String), weight: 1 },
  { arbitrary: fc.constantFrom('2147483648', '99999999999'), weight: 2 },
  { arbitrary: fc.constantFrom('2147483647', '-1', '007', '1e3', ''), weight: 1 },
)
/** Every button shape the bot emits, with forged ids in it. */
const SHAPES = [
  'rq:accept:#',
  'rq:open:#',
  'rq:reply:#',
  'rq:as:#:#',
  'rq:ro:#:#',
  'rq:rc:#:#:#',
  'rq:rj:#:other',
  'rq:q:new:#',
  'rq:cd:#',
  'ex:s:#',
  'ex:d:#',
  'st:i:dispatcher:d:#',
  'st:i:executor:o:#',
  'st:p:#',
  'st:r:#',
  'st:ry:#',
  'nt:fix:#',
  'nt:stop:#',
  'nt:end:#',
  'nt:dt:#',
  'nt:d:#',
  'nt:s:#',
  'ad:dl:#',
  'rate:#:1',
  'rate:#:0',
]
const forgedData = fc.oneof(
  { arbitrary: fc.string({ maxLength: 70 }), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...SHAPES), fc.array(anId, { minLength: 3, maxLength: 3 }))
      .map(([shape, ids]) => ids.reduce((data, id) => data.replace('#', id), shape)),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom('rq', 'ex', 'st', 'nt', 'ad', 'rate', 'menu', '2|nt'),
        fc.array(
          fc.oneof(fc.constantFrom('i', 'dispatcher', 'd', 'o', 'k', 'a', 'dt', 'done', 'pv', 'f', 'ok'), anId),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
      )
      .map(([ns, parts]) => [ns, ...parts].join(':')),
    weight: 1,
  },
)
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: text.map((t) => ({ kind: 'text' as const, text: t })), weight: 3 },
  { arbitrary: fc.constantFrom(...STAFF_COMMANDS).map((c) => ({ kind: 'command' as const, command: c })), weight: 2 },
  { arbitrary: fc.nat({ max: 30 }).map((i) => ({ kind: 'press' as const, index: i })), weight: 4 },
  { arbitrary: forgedData.map((d) => ({ kind: 'forged' as const, data: d })), weight: 3 },
)

/** A message that shows a locale key or an unfilled parameter instead of words. */
const untranslated = (shown: string): boolean =>
  shown.trim() === '' || /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/.test(shown.trim()) || /\{[a-zA-Z]\w*\}/.test(shown)

describe('staff wizards and every callback parser, driven with random input (property, webhook mode)', () => {
  let telegram: FakeTelegram
  let t: TestDatabase
  let service: RunningService
  const adminId = nextUserId++

  async function deliveryOf(updateId: number): Promise<WebhookDelivery> {
    for (;;) {
      const delivery = telegram.deliveries.find((d) => d.updateId === updateId)
      if (delivery) return delivery
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  function take(person: Person, s: Step): Update | null {
    switch (s.kind) {
      case 'text':
        return person.sendText(s.text)
      case 'command':
        return person.sendCommand(s.command)
      case 'forged':
        return person.pressData(s.data)
      case 'press': {
        const offered = person.inlineButtons().filter((b) => b.data !== undefined)
        const button = offered[s.index % Math.max(1, offered.length)]
        return button?.data === undefined ? null : person.pressData(button.data)
      }
    }
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
      adminTelegramIds: [adminId],
      floodLimit: 1000,
    })
  })
  afterAll(async () => {
    await service.stop()
    await telegram.close()
    await t.drop()
  })

  it('when an admin and a resident send random steps, then every update answers 200, every press is answered and every reply is in words', async () => {
    const admin = telegram.user({ id: adminId, firstName: 'Admin', languageCode: 'ru' })
    const residents = (['ru', 'be', 'en'] as const).map((languageCode) =>
      telegram.user({ id: nextUserId++, firstName: 'Resident', languageCode }),
    )
    const people = [admin, ...residents]
    for (const person of people) {
      const start = person.sendCommand('/start')
      await deliveryOf(start.update_id)
    }
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: people.length - 1 }),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (who, steps) => {
          const person = people[who] ?? admin
          for (const s of steps) {
            const seen = Math.max(0, ...person.messages().map((m) => m.message_id))
            const update = take(person, s)
            if (update === null) continue
            await deliveryOf(update.update_id)
            // A failed delivery is retried; every attempt must have been answered 200.
            const statuses = telegram.deliveries.filter((d) => d.updateId === update.update_id).map((d) => d.status)
            expect(statuses, JSON.stringify(s)).toEqual([200])
            const queryId = update.callback_query?.id
            if (queryId !== undefined)
              expect(
                person.callbackAnswers().some((a) => a.queryId === queryId),
                `unanswered press ${JSON.stringify(s)}`,
              ).toBe(true)
            const replies = person.messages().filter((m) => m.message_id > seen)
            for (const reply of replies) {
              const shown = reply.text ?? reply.caption ?? ''
              if (reply.photo !== undefined && shown === '') continue
              expect(untranslated(shown), `${JSON.stringify(s)} → ${shown.slice(0, 200)}`).toBe(false)
            }
          }
          // Leave no wizard open for the next run.
          const cancel = person.sendCommand('/cancel')
          await deliveryOf(cancel.update_id)
        },
      ),
      { seed: SEED, numRuns: 50, verbose: true, endOnFailure: true },
    )
  })
})
