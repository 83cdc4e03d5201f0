import type { Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import { characters, visibleCharacters } from '../shared/characters.js'
import { DESCRIPTION_MAX_LENGTH, DESCRIPTION_MIN_LENGTH } from './request.js'

/**
 * Why a description typed outside the resident dialogue (a phone call taken by staff) cannot be
 * kept, in the resident dialogue's words; null when it can. Only visible characters count towards
 * the minimum, as `submitRequest` counts them, so the refusal comes at the step, not at the end.
 */
export function descriptionProblem(value: string): Text | null {
  const visible = visibleCharacters(value)
  if (visible < DESCRIPTION_MIN_LENGTH)
    return text('report.description-too-short', { min: DESCRIPTION_MIN_LENGTH, length: visible })
  const length = characters(value)
  if (length > DESCRIPTION_MAX_LENGTH)
    return text('report.description-too-long', { max: DESCRIPTION_MAX_LENGTH, length })
  return null
}
