import type { Kysely } from 'kysely'
import type { EscalationStore } from '../../core/delivery/escalations.js'
import type { Housekeeping } from '../../core/delivery/housekeeping.js'
import type { MessageViews } from '../../core/delivery/message-views.js'
import type { MessengerChannel } from '../../core/delivery/ports.js'
import type { RatingTimerStore } from '../../core/delivery/rating-timers.js'
import type { RecipientStore } from '../../core/delivery/recipients.js'
import type { SendLedger } from '../../core/delivery/send-ledger.js'
import type { Database } from '../schema.js'
import { createEscalationStore } from './delivery/escalations.js'
import { createHousekeeping } from './delivery/housekeeping.js'
import { createMessageViews } from './delivery/message-views.js'
import { createRatingTimerStore } from './delivery/rating-timers.js'
import { createRecipientStore } from './delivery/recipients.js'
import { createSendLedger } from './delivery/send-ledger.js'

/** Every capability the delivery workers use, in one object; each processor is given only its slices. */
export type DeliveryStore = RecipientStore &
  SendLedger &
  RatingTimerStore &
  EscalationStore &
  MessageViews &
  Housekeeping

/**
 * The delivery ports over PostgreSQL. `channels`: the messengers switched on; residents reached
 * only on another one are not written to.
 */
export function createDeliveryStore(
  db: Kysely<Database>,
  options: { channels?: readonly MessengerChannel[] } = {},
): DeliveryStore {
  return {
    ...createRecipientStore(db, options.channels ?? ['telegram']),
    ...createSendLedger(db),
    ...createRatingTimerStore(db),
    ...createEscalationStore(db),
    ...createMessageViews(db),
    ...createHousekeeping(db),
  }
}
