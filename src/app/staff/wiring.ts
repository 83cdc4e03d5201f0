import type { Redis } from 'ioredis'
import type { Kysely } from 'kysely'
import type { Translate } from '../../core/i18n/translate.js'
import type { Database } from '../../db/schema.js'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'

/** What every staff feature's wiring may draw on (the bot role's shared resources). */
export interface StaffWiring {
  db: Kysely<Database>
  /** The bot role's ioredis client (shared; never disconnect it). */
  redis: Redis
  config: Config & { botToken: string }
  translate: Translate
  logger: Logger
}
