import type { Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'

/** A choice offered as buttons (executors, organisations, categories): the first few, and how many there are in all. */
export interface Shortlist<T> {
  items: T[]
  total: number
}

/** The question above the buttons, and "showing N of M" when not all could be offered. */
export const shortlistText = (question: Text, list: Shortlist<unknown>): Text[] => [
  question,
  ...(list.total > list.items.length
    ? [text('dispatch.choices.shown', { shown: list.items.length, total: list.total })]
    : []),
]
