import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Language } from '../core/i18n/text.js'
import { LANGUAGES } from '../core/i18n/text.js'
import type { Dictionary } from '../core/i18n/translate.js'

export const LOCALES_FOLDER = fileURLToPath(new URL('../../locales/', import.meta.url))

/**
 * locales/<language>/<area>.json merged into one dictionary per language. Every file must be a
 * flat map of strings and no key may appear in two files (a silent override would hide a text).
 */
export function loadDictionarySync(language: Language, folder = LOCALES_FOLDER): Dictionary {
  const dictionary: Record<string, string> = {}
  const files = readdirSync(`${folder}/${language}`)
    .filter((name) => name.endsWith('.json'))
    .sort()
  for (const file of files) {
    const where = `locales/${language}/${file}`
    const parsed: unknown = JSON.parse(readFileSync(`${folder}/${language}/${file}`, 'utf8'))
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error(`${where} must map keys to strings`)
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') throw new Error(`${where}: ${key} must be a string`)
      if (key in dictionary) throw new Error(`${where}: ${key} is already defined in another file`)
      dictionary[key] = value
    }
  }
  return dictionary
}

export function loadDictionaries(folder = LOCALES_FOLDER): Promise<Record<Language, Dictionary>> {
  return Promise.resolve(
    Object.fromEntries(LANGUAGES.map((language) => [language, loadDictionarySync(language, folder)])) as Record<
      Language,
      Dictionary
    >,
  )
}
