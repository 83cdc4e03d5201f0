import { z } from 'zod'

const User = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  language: z.string().optional(),
  api_version: z.number().optional(),
})

const Message = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  media: z.string().optional(),
  size: z.number().optional(),
  location: z.object({ lat: z.number(), lon: z.number() }).optional(),
  contact: z.looseObject({ name: z.string().optional(), phone_number: z.string().optional() }).optional(),
  tracking_data: z.string().optional(),
})

/** The callbacks the bot acts on; `message_token` arrives as a string (quoted before parsing). */
export const ViberCallback = z.discriminatedUnion('event', [
  z.looseObject({
    event: z.literal('conversation_started'),
    message_token: z.string(),
    user: User,
    context: z.string().optional(),
    subscribed: z.boolean().optional(),
  }),
  z.looseObject({ event: z.literal('message'), message_token: z.string(), sender: User, message: Message }),
  z.looseObject({ event: z.literal('subscribed'), user: User }),
  z.looseObject({ event: z.literal('unsubscribed'), user_id: z.string().min(1) }),
  // Delivery receipts: the workers' bookkeeping does not use them yet.
  z.looseObject({ event: z.enum(['delivered', 'seen', 'failed', 'client_status']) }),
])

export type ViberCallback = z.infer<typeof ViberCallback>
export type ViberInboundMessage = z.infer<typeof Message>
