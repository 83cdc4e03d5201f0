import type { Text } from '../i18n/text.js'
import type { Choice } from '../messages/messages.js'

/**
 * What a person sends, in terms common to all channels. Channels translate their updates into these;
 * anything they cannot translate arrives as `unsupported`, so the dialogue can say what it expects.
 */
export type InboundEvent =
  | { type: 'start'; payload: string | null }
  | { type: 'command'; name: string; args: string }
  | { type: 'text'; text: string }
  | { type: 'choice'; value: string }
  | { type: 'location'; lat: number; lon: number }
  /**
   * own: the channel shows it as the sender's own card (Telegram: contact.user_id = sender; Viber
   * cannot tell, its share-phone button is trusted). verified: the channel vouches that the number
   * is the sender's (only Telegram); only a verified number may claim a caller's requests.
   */
  | { type: 'contact'; phone: string; own: boolean; verified: boolean }
  | { type: 'photo'; photo: InboundPhoto }
  | { type: 'unsupported'; kind: 'sticker' | 'voice' | 'video' | 'document' | 'other' }

/**
 * Where a photo's bytes are: a Telegram file id, or an upload we stored at once because the
 * channel's media link expires (Viber).
 */
export type PhotoRef =
  { telegramFileId: string; uploadId?: undefined } | { uploadId: number; telegramFileId?: undefined }

/** A photo as the channel holds it. */
export interface InboundPhoto {
  ref: PhotoRef
  mimeType: string
  sizeBytes: number
}

export type { Choice } from '../messages/messages.js'

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
  photos?: { telegramFileId: string }[]
}

export const say = (lines: Text | Text[], prompt: Prompt = { kind: 'none' }): OutboundMessage => ({
  text: Array.isArray(lines) ? lines : [lines],
  prompt,
})

export const choices = (list: Choice[], columns?: number): Prompt =>
  columns === undefined ? { kind: 'choices', choices: list } : { kind: 'choices', choices: list, columns }
