import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Language } from '../core/i18n/text.js'
import { LANGUAGES } from '../core/i18n/text.js'
import type { Dictionary } from '../core/i18n/translate.js'

export const LOCALES_FOLDER = fileURLToPath(new URL('../../locales/', import.meta.url))

/** locales/<language>.json for every language, checked to be flat string maps. */
export async function loadDictionaries(folder = LOCALES_FOLDER): Promise<Record<Language, Dictionary>> {
  const entries = await Promise.all(
    LANGUAGES.map(async (language) => {
      const parsed: unknown = JSON.parse(await readFile(`${folder}/${language}.json`, 'utf8'))
      if (typeof parsed !== 'object' || parsed === null || Object.values(parsed).some((v) => typeof v !== 'string'))
        throw new Error(`locales/${language}.json must map keys to strings`)
      return [language, parsed as Dictionary] as const
    }),
  )
  return Object.fromEntries(entries) as Record<Language, Dictionary>
}
