import { GrammyError } from 'grammy'

/**
 * Bot API refusals that mean "already so" or "too late to matter": a keyboard already taken
 * away, a button answered after Telegram's time for it ran out, a message the person deleted.
 * Matched by Telegram's description, which is stable where its error codes are not (all are 400).
 */
const HARMLESS = [
  'message is not modified',
  'query is too old',
  'query id is invalid',
  'message to edit not found',
  "message can't be edited",
  'message to delete not found',
  "message can't be deleted",
] as const

/** Whether a failed Bot API call is one of the known-harmless refusals above. */
export function isHarmlessTelegramError(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false
  const description = error.description.toLowerCase()
  return HARMLESS.some((harmless) => description.includes(harmless))
}

export interface WarnLog {
  warn: (fields: Record<string, unknown>, message: string) => void
}

/**
 * A catch for a Bot API call whose failure must not stop the handler (taking a keyboard away,
 * answering a button): a harmless refusal is dropped, anything else is logged and dropped.
 */
export function unlessHarmless(log: WarnLog, what: string): (error: unknown) => void {
  return (error) => {
    if (!isHarmlessTelegramError(error)) log.warn({ err: error }, `${what} failed`)
  }
}
