import { createViberSender } from '../bot/viber/sender.js'
import type { MessengerSender } from '../core/delivery/ports.js'
import type { Config } from './config.js'
import type { ViberConfig } from './viber.js'
import { mediaLinksFor, viberClientFor } from './viber.js'

/**
 * The workers' sender for Viber users. Photos (an "after" photo, a notice's picture) are Telegram
 * file ids; Viber shows pictures only by URL, so each becomes a signed, expiring link below
 * PUBLIC_URL, which the HTTP server's media route (bot role) verifies with the same derived key.
 * Without PUBLIC_URL the text goes alone.
 */
export function createViberDeliverySender(config: Config & { viber: ViberConfig }): MessengerSender {
  const links = mediaLinksFor(config)
  return createViberSender({
    client: viberClientFor(config.viber),
    photoUrl: (fileId) => links?.url({ kind: 'telegram', fileId }) ?? null,
  })
}
