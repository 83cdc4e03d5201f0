import { Worker } from 'bullmq'
import type { Job, Processor, WorkerOptions } from 'bullmq'
import { UnrecoverableError } from 'bullmq'
import type { Redis } from 'ioredis'
import type { EscalationStore } from '../core/delivery/escalations.js'
import type { Housekeeping } from '../core/delivery/housekeeping.js'
import type { MessageViews } from '../core/delivery/message-views.js'
import type { NoticeDeliveryStore } from '../core/delivery/notice-deliveries.js'
import type { MessengerSender, OutboxRelayStore } from '../core/delivery/ports.js'
import type { RatingTimerStore } from '../core/delivery/rating-timers.js'
import type { RecipientStore } from '../core/delivery/recipients.js'
import type { SendLedger } from '../core/delivery/send-ledger.js'
import type { DispatchDeliveryStore } from '../core/dispatch/delivery.js'
import type { Translate } from '../core/i18n/translate.js'
import { createBroadcastProcessor } from './broadcast.processor.js'
import { createBotPacer } from './bot-pacer.js'
import { createChatPacer } from './chat-pacer.js'
import { forwardTo } from './channel-routing.js'
import { QUEUES, SendJob } from './jobs.js'
import { createMaintenanceProcessor } from './maintenance.processor.js'
import { createNotifyProcessor } from './notify.processor.js'
import type { Log } from './outbox-relay.js'
import { createOutboxRelay } from './outbox-relay.js'
import type { Queues } from './queues.js'
import { createQueues, DEFAULT_JOB_OPTIONS } from './queues.js'
import { createSendProcessor } from './send.processor.js'
import { createTimersProcessor } from './timers.processor.js'
import { createViberPacer, VIBER_SEND_RATE_PER_SECOND } from './viber-send.js'

export interface WorkerDeps {
  /** Producers (queues) share it; workers duplicate it for their blocking reads. */
  connection: Redis
  prefix: string
  outbox: OutboxRelayStore
  /** Every delivery capability; each processor below is handed only the slices it uses. */
  store: RecipientStore & SendLedger & RatingTimerStore & EscalationStore & MessageViews & Housekeeping
  /** The dispatchers' messages (cards, assignments, answers, group chats). */
  dispatch: DispatchDeliveryStore
  notices: NoticeDeliveryStore
  /** Telegram switched on (BOT_TOKEN); without it, Telegram sends wait in their queue for a process that has one. */
  sender: MessengerSender | undefined
  /** Viber switched on: its users' messages go through a queue and budget of their own. */
  viber?: { sender: MessengerSender; ratePerSecond?: number }
  translate: Translate
  closeUnrated: (requestId: number) => Promise<boolean>
  timeZone: string
  /** Messages a second for the whole bot (Telegram allows about 30). */
  sendRatePerSecond: number
  /** How often the sweep runs; one process should own the schedule. */
  sweepEveryMs: number
  ownsSchedules: boolean
  /** Retries of a failing job before it becomes a dead letter, and the first backoff (doubling). */
  retry?: { attempts: number; backoffMs: number }
  now: () => Date
  log: Log
}

/**
 * Sends in flight at once: enough to fill the bot's slots while earlier sends wait for Telegram's
 * answer, few enough that a status update arriving now is not queued behind many reserved slots.
 */
export const sendConcurrency = (perSecond: number): number => Math.min(100, Math.max(5, Math.ceil(perSecond / 3)))

export interface RunningWorkers {
  queues: Queues
  relay: ReturnType<typeof createOutboxRelay>
  close: () => Promise<void>
}

export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const queues = createQueues(deps.connection, deps.prefix, {
    ...DEFAULT_JOB_OPTIONS,
    ...(deps.retry && {
      attempts: deps.retry.attempts,
      backoff: { type: 'exponential', delay: deps.retry.backoffMs, jitter: 0.5 },
    }),
  })
  const common = { connection: deps.connection, prefix: deps.prefix }
  const { store } = deps
  const sendStores = { recipients: store, ledger: store, views: store, ratings: store, dispatch: deps.dispatch }
  const pacer = createChatPacer(deps.connection, { prefix: `${deps.prefix}:chat` })
  const botPacer = createBotPacer(deps.connection, { prefix: deps.prefix, perSecond: deps.sendRatePerSecond })
  const workers: Worker[] = []
  const start = (name: string, processor: Processor, options: Partial<WorkerOptions> = {}) => {
    const worker = new Worker(name, processor, { ...common, concurrency: 5, ...options })
    worker.on('error', (error) => {
      deps.log.error({ err: error, queue: name }, 'worker error')
    })
    worker.on('failed', (job, error) => {
      if (job) void onFailed(name, job, error)
    })
    workers.push(worker)
  }

  /** Exhausted or unrecoverable: a dead letter an admin can see, and the notice delivery marked failed. */
  async function onFailed(queue: string, job: Job, error: Error): Promise<void> {
    const attempts = job.opts.attempts ?? 1
    if (!(error instanceof UnrecoverableError) && job.attemptsMade < attempts) return
    const send = SendJob.safeParse(job.data)
    try {
      await store.deadLetter({
        queue,
        jobName: job.name,
        jobId: job.id ?? '',
        payload: job.data as Record<string, unknown>,
        reason: error.message,
        attempts: job.attemptsMade,
        recipientUserId: send.success ? send.data.userId : null,
      })
      if (send.success && send.data.message.type === 'notice') {
        await deps.notices.finish(send.data.message.noticeId, send.data.userId, 'failed', error.message)
        await deps.notices.completeIfDone(send.data.message.noticeId)
      }
      deps.log.warn({ queue, job_id: job.id, attempts: job.attemptsMade }, 'job failed for good: dead letter recorded')
    } catch (recordError) {
      deps.log.error({ err: recordError, job_id: job.id }, 'could not record a dead letter')
    }
  }

  if (deps.sender)
    start(
      QUEUES.send,
      createSendProcessor({
        ...sendStores,
        notices: deps.notices,
        sender: deps.sender,
        pacer,
        botPacer,
        translate: deps.translate,
        log: deps.log,
        channel: 'telegram',
        forward: forwardTo(queues),
      }),
      // The bot pacer is global across every worker process: one budget per bot token. A send takes
      // well under a second and waits at most 5 s for its slot, so a 10 s lock brings a crashed
      // worker's jobs back soon.
      {
        concurrency: sendConcurrency(deps.sendRatePerSecond),
        lockDuration: 10_000,
        stalledInterval: 5_000,
      },
    )
  if (deps.viber) {
    const rate = deps.viber.ratePerSecond ?? VIBER_SEND_RATE_PER_SECOND
    start(
      QUEUES.viberSend,
      createSendProcessor({
        ...sendStores,
        notices: deps.notices,
        sender: deps.viber.sender,
        pacer: createViberPacer(deps.connection, { prefix: `${deps.prefix}:viber` }),
        botPacer: createBotPacer(deps.connection, { prefix: `${deps.prefix}:viber`, perSecond: rate }),
        translate: deps.translate,
        log: deps.log,
        channel: 'viber',
        forward: forwardTo(queues),
      }),
      { concurrency: sendConcurrency(rate), lockDuration: 10_000, stalledInterval: 5_000 },
    )
  }
  start(
    QUEUES.notifications,
    createNotifyProcessor({
      recipients: store,
      ratings: store,
      dispatch: deps.dispatch,
      queues,
      timeZone: deps.timeZone,
      now: deps.now,
    }),
  )
  start(
    QUEUES.timers,
    createTimersProcessor({
      ratings: store,
      recipients: store,
      queues,
      closeUnrated: deps.closeUnrated,
      timeZone: deps.timeZone,
      now: deps.now,
    }),
  )
  start(QUEUES.broadcasts, createBroadcastProcessor({ notices: deps.notices, queues }), { concurrency: 2 })
  start(
    QUEUES.maintenance,
    createMaintenanceProcessor({
      ratings: store,
      escalations: store,
      recipients: store,
      housekeeping: store,
      notices: deps.notices,
      queues,
      timeZone: deps.timeZone,
      now: deps.now,
    }),
    { concurrency: 1 },
  )

  const ensureSchedule = () =>
    queues[QUEUES.maintenance].upsertJobScheduler('sweep', { every: deps.sweepEveryMs }, { name: 'sweep', data: {} })
  const onReady = () => {
    deps.log.info({}, 'Redis is ready: making sure the sweep is scheduled')
    ensureSchedule().catch((error: unknown) => {
      deps.log.warn({ err: error }, 'could not restore the sweep schedule')
    })
  }
  if (deps.ownsSchedules) {
    await ensureSchedule()
    // A Redis that came back empty has lost the schedule too: its owner puts it back.
    deps.connection.on('ready', onReady)
  }

  const relay = createOutboxRelay({ store: deps.outbox, queues, log: deps.log })
  relay.start()

  return {
    queues,
    relay,
    // Stop taking work, let the jobs in hand finish, then close the queues.
    close: async () => {
      deps.connection.off('ready', onReady)
      await relay.stop()
      await Promise.all(workers.map((w) => w.close()))
      await Promise.all(Object.values(queues).map((q) => q.close()))
    },
  }
}
