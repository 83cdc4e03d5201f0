import { cleanText } from '../shared/characters.js'
import { deadlineWording } from './deadline.js'
import { periodWording } from './period.js'
import type { CalendarDay } from './deadline.js'
import type { Language, Text, TextParam } from './text.js'

/** locales/<language>/*.json: key → template with {param} placeholders; may contain Telegram HTML tags. */
export type Dictionary = Record<string, string>

export type Translate = (language: Language, message: Text | Text[]) => string

// Texts stored before typed text was cleaned may still hold controls Telegram refuses.
const escapeHtml = (value: string): string =>
  cleanText(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export interface TranslatorOptions {
  dictionaries: Record<Language, Dictionary>
  timeZone: string
}

/**
 * Renders texts as Telegram HTML: templates are trusted markup, every parameter is escaped.
 * A key missing in a language falls back to Russian, then to the key itself (visible, never a crash).
 */
export function createTranslator(options: TranslatorOptions): Translate {
  const formatters = new Map<Language, Intl.DateTimeFormat>()
  const formatDate = (language: Language, iso: string): string => {
    let f = formatters.get(language)
    if (!f) {
      f = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
        timeZone: options.timeZone,
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
      })
      formatters.set(language, f)
    }
    return f.format(new Date(iso))
  }
  const dayFormatters = new Map<Language, Intl.DateTimeFormat>()
  // The day is already the region's calendar day; formatting it at UTC noon keeps it that day.
  const formatDay = (language: Language, day: CalendarDay): string => {
    let f = dayFormatters.get(language)
    if (!f) {
      f = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
        timeZone: 'UTC',
        day: 'numeric',
        month: 'long',
      })
      dayFormatters.set(language, f)
    }
    return f.format(new Date(Date.UTC(day.year, day.month - 1, day.day, 12)))
  }
  const deadline = (language: Language, iso: string): string => {
    const wording = deadlineWording(iso, options.timeZone)
    if (wording.kind === 'moment') return escapeHtml(formatDate(language, wording.at))
    return one(language, { key: 'deadline.through-day', params: { date: formatDay(language, wording.day) } })
  }
  const clockFormatters = new Map<Language, Intl.DateTimeFormat>()
  const formatClock = (language: Language, iso: string): string => {
    let f = clockFormatters.get(language)
    if (!f) {
      f = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
        timeZone: options.timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
      clockFormatters.set(language, f)
    }
    return f.format(new Date(iso))
  }
  const period = (language: Language, from: string, until: string | null): string => {
    const wording = periodWording(from, until, options.timeZone)
    if (wording.kind === 'days')
      return one(language, {
        key: 'period.days',
        params: { from: { datetime: wording.from }, until: { datetime: wording.until } },
      })
    const day = formatDay(language, wording.day)
    const start = formatClock(language, wording.from)
    if (wording.kind === 'open') return one(language, { key: 'period.open', params: { day, from: start } })
    return one(language, {
      key: 'period.one-day',
      params: { day, from: start, until: formatClock(language, wording.until) },
    })
  }
  const param = (language: Language, value: TextParam): string => {
    if (typeof value === 'number') return String(value)
    if (typeof value === 'string') return escapeHtml(value)
    if ('localized' in value) return escapeHtml(value.localized[language])
    if ('text' in value) return one(language, value.text)
    if ('deadline' in value) return deadline(language, value.deadline)
    if ('period' in value) return period(language, value.period.from, value.period.until)
    return escapeHtml(formatDate(language, value.datetime))
  }
  function one(language: Language, message: Text): string {
    const template = options.dictionaries[language][message.key] ?? options.dictionaries.ru[message.key] ?? message.key
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = message.params?.[name]
      return value === undefined ? whole : param(language, value)
    })
  }
  return (language, message) =>
    Array.isArray(message) ? message.map((m) => one(language, m)).join('\n') : one(language, message)
}

/** Telegram HTML → plain text, for channels without markup (Viber). */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}
