import type { Composer, Context, MiddlewareFn } from 'grammy'
import type { CallbackKind, CallbackOf, DecodedCallback } from '../../core/shared/callback-data.js'
import { decodeCallback } from '../../core/shared/callback-data.js'
import { text } from '../../core/i18n/text.js'
import type { Language } from '../../core/i18n/text.js'
import type { Translate } from '../../core/i18n/translate.js'
import { htmlToPlain } from '../../core/i18n/translate.js'
import type { PersonFlavor } from './context.js'
import type { WarnLog } from './harmless-errors.js'
import { unlessHarmless } from './harmless-errors.js'

/** The pressed button as the codec reads it; null for an update that is not a button press. */
export const pressedButton = (ctx: Context): DecodedCallback | null => {
  const data = ctx.callbackQuery?.data
  return data === undefined ? null : decodeCallback(data)
}

/** The pressed button when it is one of `kinds`; else undefined (for the wizards' waits). */
export function pressedOf<K extends CallbackKind>(ctx: Context, ...kinds: K[]): CallbackOf<K> | undefined {
  const pressed = pressedButton(ctx)
  return pressed !== null && (kinds as string[]).includes(pressed.kind) ? (pressed as CallbackOf<K>) : undefined
}

/** Handles the buttons of these kinds; every other update goes on. */
export function onButton<C extends Context, K extends CallbackKind>(
  composer: Composer<C>,
  kinds: K | readonly K[],
  handler: (ctx: C, pressed: CallbackOf<K>) => Promise<unknown>,
): void {
  const wanted: readonly string[] = typeof kinds === 'string' ? [kinds] : kinds
  composer.on('callback_query:data', async (ctx, next) => {
    const pressed = decodeCallback(ctx.callbackQuery.data)
    if (!wanted.includes(pressed.kind)) return next()
    await handler(ctx, pressed as CallbackOf<K>)
  })
}

/**
 * A button the codec cannot read (from an older format, damaged or forged) is answered with a
 * polite "out of date" and goes no further: no feature and no query ever sees its data.
 */
export function answerOutdatedButtons<C extends Context & PersonFlavor>(
  translate: Translate,
  log: WarnLog,
): MiddlewareFn<C> {
  return async (ctx, next) => {
    if (pressedButton(ctx)?.kind !== 'outdated') return next()
    const language: Language = ctx.person?.language ?? 'ru'
    const message = translate(language, text('common.outdated-button'))
    await ctx
      .answerCallbackQuery({ text: htmlToPlain(message) })
      .catch(unlessHarmless(log, 'answering an out-of-date button'))
    // In a group the toast is enough; a private chat gets the words to keep too.
    if (ctx.chat?.type === 'private') await ctx.reply(message, { parse_mode: 'HTML' })
  }
}
