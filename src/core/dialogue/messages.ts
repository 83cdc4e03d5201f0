import type { Text } from '../i18n/text.js'

/**
 * What a person sends, in any channel's terms. Channels translate their updates into these;
 * anything they cannot translate arrives as `unsupported`, so the dialogue can say what it expects.
 */
export type InboundEvent =
  | { type: 'start'; payload: string | null }
  | { type: 'command'; name: string; args: string }
  | { type: 'text'; text: string }
  | { type: 'choice'; value: string }
  | { type: 'location'; lat: number; lon: number }
  | { type: 'contact'; phone: string; own: boolean }
  | { type: 'photo'; photo: InboundPhoto }
  | { type: 'unsupported'; kind: 'sticker' | 'voice' | 'video' | 'document' | 'other' }

/** A photo as the channel holds it (a Telegram file id). */
export interface InboundPhoto {
  ref: { telegramFileId: string }
  mimeType: string
  sizeBytes: number
}

export interface Choice {
  /** Short and ASCII: it travels as Telegram callback data (≤ 64 bytes) or is matched on Viber. */
  value: string
  label: Text
}

/** How the channel should ask for the answer. */
export type Prompt =
  | { kind: 'choices'; choices: Choice[]; columns?: number }
  | { kind: 'location'; choices: Choice[] }
  | { kind: 'contact'; choices: Choice[] }
  | { kind: 'none' }

export interface OutboundMessage {
  text: Text[]
  prompt: Prompt
  /** Photos to show with the text (e.g. a request card). */
  photos?: InboundPhoto['ref'][]
}

export const say = (lines: Text | Text[], prompt: Prompt = { kind: 'none' }): OutboundMessage => ({
  text: Array.isArray(lines) ? lines : [lines],
  prompt,
})

export const choices = (list: Choice[], columns?: number): Prompt =>
  columns === undefined ? { kind: 'choices', choices: list } : { kind: 'choices', choices: list, columns }
