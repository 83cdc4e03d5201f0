import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import { createFloodGuard } from '../bot/shared/flood-guard.js'
import type { ResidentChannel, ResidentPerson, ResidentPipeline } from '../bot/shared/resident-pipeline.js'
import { createResidentPipeline } from '../bot/shared/resident-pipeline.js'
import { createUpdateLedger } from '../bot/shared/update-ledger.js'
import type { HandleDialogueEvent } from '../core/dialogue/handle-dialogue-event.js'
import { makeRateRequest } from '../core/requests/rate-request.js'
import { isUpdateProcessed, markUpdateProcessed } from '../db/repositories/processed-updates.js'
import { createRequestStore } from '../db/repositories/request-store.js'
import { loadActor } from '../db/repositories/users.js'
import type { Database } from '../db/schema.js'
import { createTransact } from '../db/transact.js'
import type { Config } from './config.js'
import type { Logger } from './logger.js'

/**
 * How long an update being handled stays claimed. Longer than any handling (one person's updates
 * wait for each other), short enough that a redelivery after a crash is not put off for long.
 */
const UPDATE_LEASE_SECONDS = 120
const FLOOD_WINDOW_SECONDS = 10

/** Wires the resident pipeline of one channel to PostgreSQL, Redis and the core. */
export function residentPipelineFor<P extends ResidentPerson>(options: {
  channel: Extract<ResidentChannel, 'telegram' | 'viber'>
  config: Config
  db: Kysely<Database>
  redis: Redis
  handleDialogueEvent: HandleDialogueEvent
  loadPerson: (externalId: string, channelLanguage: string | undefined) => Promise<P>
  logger: Logger
}): ResidentPipeline<P> {
  const { channel, config, db, redis } = options
  const rateRequest = makeRateRequest({ transact: createTransact(db, createRequestStore), now: () => new Date() })
  return createResidentPipeline<P>({
    channel,
    updates: createUpdateLedger({
      redis,
      prefix: `${config.redisPrefix}:update:${channel}:`,
      leaseSeconds: UPDATE_LEASE_SECONDS,
      wasHandled: (updateKey) => isUpdateProcessed(db, channel, updateKey),
      markHandled: async (updateKey) => {
        await markUpdateProcessed(db, channel, updateKey)
      },
    }),
    floodGuard: createFloodGuard(redis, {
      limit: config.floodLimit,
      windowSeconds: FLOOD_WINDOW_SECONDS,
      prefix: `${config.redisPrefix}:flood:`,
    }),
    loadPerson: options.loadPerson,
    handleDialogueEvent: options.handleDialogueEvent,
    rate: async (userId, requestId, rating) => rateRequest(await loadActor(db, userId), requestId, rating),
    log: options.logger,
  })
}
