import { loadDictionaries } from '../../../src/app/locales.js'
import type { Language, TextParam } from '../../../src/core/i18n/text.js'
import { createTranslator, htmlToPlain } from '../../../src/core/i18n/translate.js'

const translate = createTranslator({ dictionaries: await loadDictionaries(), timeZone: 'Europe/Minsk' })

/** A text as the resident reads it (the fake Telegram strips the HTML tags into entities). */
export const plain = (language: Language, key: string, params?: Record<string, TextParam>): string =>
  htmlToPlain(translate(language, params ? { key, params } : { key }))

/** The longest literal piece of a template (between parameters): enough to recognise the message. */
export const opening = (language: Language, key: string): string =>
  plain(language, key)
    .split(/\{\w+\}/)
    .map((piece) => piece.trim())
    .reduce((a, b) => (b.length > a.length ? b : a), '')
