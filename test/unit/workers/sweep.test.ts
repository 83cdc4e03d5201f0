import type { Job } from 'bullmq'
import { describe, expect, it } from 'vitest'
import type { EscalationStore, OverdueRequest } from '../../../src/core/delivery/escalations.js'
import type { NoticeDeliveryStore } from '../../../src/core/delivery/notice-deliveries.js'
import type { RecipientStore } from '../../../src/core/delivery/recipients.js'
import { createMaintenanceProcessor } from '../../../src/workers/maintenance.processor.js'
import { QUEUES } from '../../../src/workers/jobs.js'
import type { Queues } from '../../../src/workers/queues.js'

/** What the sweep added to its queues, by queue name. */
function recordingQueues() {
  const added: { queue: string; name: string; data: unknown }[] = []
  const queue = (name: string) => ({
    add: (jobName: string, data: unknown) => {
      added.push({ queue: name, name: jobName, data })
      return Promise.resolve()
    },
    addBulk: (jobs: { name: string; data: unknown }[]) => {
      for (const job of jobs) added.push({ queue: name, name: job.name, data: job.data })
      return Promise.resolve()
    },
  })
  const queues = Object.fromEntries(Object.values(QUEUES).map((name) => [name, queue(name)]))
  return { added, queues: queues as unknown as Queues }
}

// Nothing to do for notices: the sweep's notice part is not under test here.
const noNotices = {
  startDue: () => Promise.resolve(),
  unplanned: () => Promise.resolve([]),
  settleStuck: () => Promise.resolve(),
  sendingPlanned: () => Promise.resolve([]),
} as unknown as NoticeDeliveryStore

const lidaRequest = {
  id: 7,
  number: 'GR-26-000007',
  districtId: 3,
  primaryOrganisationId: 11,
  copyOrganisationIds: [],
  emergency: true,
  acceptDueAt: new Date('2026-12-07T06:30:00Z'),
  fixDueAt: new Date('2026-12-07T10:00:00Z'),
}
const recipients = {
  requestRouting: () => Promise.resolve(lidaRequest),
  triageOrganisations: () => Promise.resolve([]),
  dispatchersOf: () =>
    Promise.resolve([{ userId: 21, chatId: '21', language: 'ru', channel: 'telegram', organisationId: 11 }]),
  districtAdminsOf: () => Promise.resolve([{ userId: 31, chatId: '31', language: 'ru', channel: 'telegram' }]),
} as unknown as RecipientStore

function aSweep(options: {
  now: Date
  steps?: { requestId: number; doneAt: Date; step: 'ask' | 'remind' | 'close' }[]
  escalations?: EscalationStore
}) {
  const { added, queues } = recordingQueues()
  const sweep = createMaintenanceProcessor({
    ratings: { dueRatingSteps: () => Promise.resolve(options.steps ?? []) },
    escalations: options.escalations ?? {
      overdue: () => Promise.resolve([]),
      recordEscalation: () => Promise.resolve(true),
    },
    recipients,
    housekeeping: { purgeOld: () => Promise.resolve() },
    notices: noNotices,
    queues,
    timeZone: 'Europe/Minsk',
    now: () => options.now,
  })
  const job = {} as unknown as Job
  return { run: () => sweep(job), added }
}

describe('the sweep', () => {
  it('when a rating question falls due at night, then the sweep does not ask it until the morning', async () => {
    // Done at 21:00 in Minsk (UTC+3); two hours later is 23:00, inside the quiet hours.
    const doneAt = new Date('2026-12-07T18:00:00Z')
    const steps = [{ requestId: 7, doneAt, step: 'ask' as const }]

    const night = aSweep({ now: new Date('2026-12-07T20:30:00Z'), steps })
    await night.run()
    expect(night.added).toEqual([])

    const morning = aSweep({ now: new Date('2026-12-08T05:00:00Z'), steps })
    await morning.run()
    expect(morning.added).toEqual([{ queue: 'timers', name: 'rating-ask', data: { requestId: 7 } }])
  })

  it('when an escalation was recorded before, then the sweep tells nobody again', async () => {
    const overdue: OverdueRequest = {
      requestId: 7,
      deadline: 'accept',
      dueAt: lidaRequest.acceptDueAt,
      level: 1,
      districtId: 3,
    }
    const recorded = new Set<string>()
    const escalations: EscalationStore = {
      overdue: () => Promise.resolve([overdue]),
      recordEscalation: (requestId, deadline, level) => {
        const key = `${requestId}-${deadline}-${level}`
        const first = !recorded.has(key)
        recorded.add(key)
        return Promise.resolve(first)
      },
    }
    const now = new Date('2026-12-07T07:00:00Z')

    const first = aSweep({ now, escalations })
    await first.run()
    expect(first.added.map((a) => a.name)).toEqual(['escalation'])

    const again = aSweep({ now, escalations })
    await again.run()
    expect(again.added).toEqual([])
  })
})
