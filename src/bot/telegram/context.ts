import type { ConversationFlavor } from '@grammyjs/conversations'
import type { Api, Composer, Context } from 'grammy'
import type { Actor } from '../../core/access/permissions.js'
import type { Language } from '../../core/i18n/text.js'
import type { ResidentInput } from '../shared/resident-pipeline.js'

/** Who sent an update, loaded once per update (before the features run). */
export interface Person {
  userId: number
  actor: Actor
  /** The language the person chose in the bot (or their Telegram language at first contact). */
  language: Language
}

export interface PersonFlavor {
  /** Set for every update that comes from a person (not from a bot or a channel post). */
  person?: Person
  /** What the update says to the resident side, once the features passed it on (private chats only). */
  residentInput?: ResidentInput
}

/** The context outside conversations. Inside a conversation the context is a plain `Context`. */
export type BotContext = ConversationFlavor<Context & PersonFlavor>

/**
 * A staff capability (dispatching, the executor's work, notices, …). `install` runs after the
 * conversations plugin and the /cancel escape and before the resident dialogue, so a feature
 * sees every update first and passes on (`next()`) what is not its own.
 */
export interface StaffFeature {
  install: (composer: Composer<BotContext>) => void
  /** Runs once when the bot role starts (e.g. to bring admins' command menus up to date). */
  start?: (api: Api) => Promise<void>
}
