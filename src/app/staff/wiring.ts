import type { Kysely } from 'kysely'
import type { Translate } from '../../core/i18n/translate.js'
import type { Database } from '../../db/schema.js'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'

/** The settings the staff features read. */
export type StaffConfig = Pick<Config, 'timeZone' | 'adminTelegramIds'>

/** What the bot role hands to the staff side; only `features.ts` opens the database into stores. */
export interface StaffResources {
  db: Kysely<Database>
  config: StaffConfig
  translate: Translate
  logger: Logger
}

/** What every staff feature's wiring may draw on besides the stores made for it. */
export type StaffWiring = Omit<StaffResources, 'db'>
