import type { Context } from 'grammy'
import type { InboundEvent } from '../../core/dialogue/messages.js'

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/

/** A Telegram update as a channel-neutral event; null for updates the dialogue does not take (edits, joins). */
export function toInboundEvent(ctx: Context): InboundEvent | null {
  const data = ctx.callbackQuery?.data
  if (data !== undefined) return { type: 'choice', value: data }
  const message = ctx.message
  if (!message) return null
  if (message.text !== undefined) {
    const command = COMMAND.exec(message.text)
    if (command) {
      const name = (command[1] ?? '').toLowerCase()
      const args = (command[2] ?? '').trim()
      return name === 'start' ? { type: 'start', payload: args === '' ? null : args } : { type: 'command', name, args }
    }
    return { type: 'text', text: message.text }
  }
  if (message.location) return { type: 'location', lat: message.location.latitude, lon: message.location.longitude }
  if (message.contact)
  // Only the sender's own card counts: a forwarded contact has another user_id or none.
  {
    const own = message.contact.user_id === ctx.from?.id
    return { type: 'contact', phone: message.contact.phone_number, own, verified: own }
  }
  if (message.photo && message.photo.length > 0) {
    const largest = message.photo.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b))
    return {
      type: 'photo',
      photo: { ref: { telegramFileId: largest.file_id }, mimeType: 'image/jpeg', sizeBytes: largest.file_size ?? 0 },
    }
  }
  if (message.document) {
    const { mime_type: mimeType, file_id: fileId, file_size: sizeBytes } = message.document
    // An image sent "as a file" (uncompressed) is a photo too.
    if (mimeType?.startsWith('image/') === true)
      return { type: 'photo', photo: { ref: { telegramFileId: fileId }, mimeType, sizeBytes: sizeBytes ?? 0 } }
    return { type: 'unsupported', kind: 'document' }
  }
  if (message.sticker) return { type: 'unsupported', kind: 'sticker' }
  if (message.voice || message.audio) return { type: 'unsupported', kind: 'voice' }
  if (message.video || message.video_note || message.animation) return { type: 'unsupported', kind: 'video' }
  return { type: 'unsupported', kind: 'other' }
}
