import type { Message } from 'grammy/types'
import type { Language } from '../../../src/core/i18n/text.js'
import type { FakeTelegram } from '../../support/fake-telegram/server.js'
import { opening } from './texts.js'

export type TelegramPerson = ReturnType<FakeTelegram['user']>

/** The next message (text or caption) that carries the text of `key`. */
export const says = (p: TelegramPerson, language: Language, key: string): Promise<Message> =>
  p.waitForMessage((m) => (m.text ?? m.caption ?? '').includes(opening(language, key)), 15_000)

export interface ReportPlace {
  street?: string
  house?: string
  flat?: string
}

/** /start → category → Lida → street → house → flat → address confirmed: at the description question. */
export async function reachDescription(
  r: TelegramPerson,
  lang: Language,
  category: { top: string; leaf: string },
  { street = 'ул. Советская', house = '5', flat = 'кв. 17' }: ReportPlace = {},
): Promise<void> {
  r.sendCommand('/start')
  await says(r, lang, 'menu.title')
  r.press('menu:report')
  await says(r, lang, 'report.ask-category')
  r.press(`top:${category.top}`)
  await says(r, lang, 'report.ask-subcategory')
  r.press(`cat:${category.leaf}`)
  await says(r, lang, 'report.ask-district')
  r.press('dist:lida')
  await says(r, lang, 'report.ask-settlement')
  r.press('stl:lida.lida')
  await says(r, lang, 'report.ask-street')
  r.sendText(street)
  await says(r, lang, 'report.ask-house')
  r.sendText(house)
  await says(r, lang, 'report.ask-flat')
  r.sendText(flat)
  await says(r, lang, 'report.confirm-address')
  r.press('yes')
  await says(r, lang, 'report.ask-description')
}

/** From the photos question: no photos, no phone, send; returns the "registered" message. */
export async function sendWithoutExtras(r: TelegramPerson, lang: Language): Promise<Message> {
  await says(r, lang, 'report.ask-photos')
  r.press('skip')
  await says(r, lang, 'report.ask-phone-offer')
  r.press('skip')
  await says(r, lang, 'report.summary.title')
  r.press('send')
  return says(r, lang, 'report.sent')
}

/** A cold-radiator request in Lida filed through the whole dialogue; returns its number. */
export async function fileColdRadiator(
  r: TelegramPerson,
  lang: Language,
  description: string,
  place: ReportPlace = {},
): Promise<string> {
  await reachDescription(r, lang, { top: 'heating', leaf: 'heating.no-heat' }, place)
  r.sendText(description)
  const sent = await sendWithoutExtras(r, lang)
  const number = /GR-\d{2}-\d{6}/.exec(sent.text ?? '')?.[0]
  if (number === undefined) throw new Error(`no request number in: ${sent.text ?? ''}`)
  return number
}
