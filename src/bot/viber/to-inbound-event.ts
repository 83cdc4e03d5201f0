import type { InboundEvent } from '../../core/dialogue/messages.js'
import type { ViberInboundMessage } from './events.js'

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:\s+([\s\S]*))?$/

/**
 * A text as the dialogue reads it. A keyboard tap arrives as text (its ActionBody): it counts
 * as a choice when it is one the pending prompt offers (or the main menu, always on offer);
 * anything else someone types is text. Slash commands work as in Telegram.
 */
export function fromText(value: string, pendingChoices: readonly string[]): InboundEvent {
  const command = COMMAND.exec(value.trim())
  if (command) {
    const name = (command[1] ?? '').toLowerCase()
    const args = (command[2] ?? '').trim()
    return name === 'start' ? { type: 'start', payload: args === '' ? null : args } : { type: 'command', name, args }
  }
  if (value.startsWith('menu:') || pendingChoices.includes(value)) return { type: 'choice', value }
  return { type: 'text', text: value }
}

/** A Viber message other than a picture (which must be fetched first) as a channel-neutral event. */
export function toInboundEvent(message: ViberInboundMessage, pendingChoices: readonly string[]): InboundEvent {
  switch (message.type) {
    case 'text':
      return fromText(message.text ?? '', pendingChoices)
    case 'location':
      return message.location
        ? { type: 'location', lat: message.location.lat, lon: message.location.lon }
        : { type: 'unsupported', kind: 'other' }
    case 'contact': {
      const phone = message.contact?.phone_number
      // Viber does not say whose card it is; the share-phone button is the only way the bot asks for one.
      return phone === undefined
        ? { type: 'unsupported', kind: 'other' }
        : { type: 'contact', phone, own: true, verified: false }
    }
    case 'sticker':
      return { type: 'unsupported', kind: 'sticker' }
    case 'video':
      return { type: 'unsupported', kind: 'video' }
    case 'file':
      return { type: 'unsupported', kind: 'document' }
    default:
      return { type: 'unsupported', kind: 'other' }
  }
}
