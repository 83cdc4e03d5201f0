/** Languages the product speaks; Russian is the default. */
export const LANGUAGES = ['ru', 'be', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'ru'

export type LocalizedText = Record<Language, string>

/**
 * A value put into a text. Strings and numbers come from people or data and are always
 * escaped by the renderer; localized names are picked in the reader's language; datetimes
 * and deadlines are formatted in the region's time zone.
 */
export type TextParam =
  | string
  | number
  | { localized: LocalizedText }
  | { datetime: string }
  /** A deadline (ISO instant), said as people say it: a midnight deadline names the day it closes. */
  | { deadline: string }
  /** A period (ISO instants; no end: not known yet), said on one day where it fits one. */
  | { period: { from: string; until: string | null } }
  | { text: Text }

/** A text for people: a key in locales/<language>/*.json and its parameters. */
export interface Text {
  key: string
  params?: Record<string, TextParam>
}

export const text = (key: string, params?: Record<string, TextParam>): Text => (params ? { key, params } : { key })

export function languageFrom(code: string | undefined): Language {
  const base = (code ?? '').toLowerCase().split('-')[0]
  if (base === 'be') return 'be'
  if (base === 'en') return 'en'
  // Everyone else (ru, uk, pl, none) reads Russian best in this region.
  return DEFAULT_LANGUAGE
}
