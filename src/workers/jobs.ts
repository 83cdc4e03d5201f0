import { z } from 'zod'

/** Queue names: one place, so producers and workers never disagree. */
export const QUEUES = {
  notifications: 'notifications',
  send: 'telegram-send',
  /** Viber users' messages: Viber's limits, not Telegram's. */
  viberSend: 'viber-send',
  timers: 'timers',
  broadcasts: 'broadcasts',
  maintenance: 'maintenance',
} as const

/** Lower is sooner: status updates, then staff alerts, then ratings, then broadcasts. */
export const PRIORITY = { statusUpdate: 1, emergencyCard: 1, card: 2, escalation: 2, rating: 5, notice: 10 } as const

const id = z.number().int().positive()

/** What a send job says to send: ids only (job data sits in Redis in clear text). */
export const MessageRef = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status-update'), requestId: id, eventId: id }),
  z.object({ type: z.literal('request-card'), requestId: id, copy: z.boolean() }),
  z.object({ type: z.literal('reopened'), requestId: id }),
  z.object({ type: z.literal('rating'), requestId: id, reminder: z.boolean() }),
  z.object({
    type: z.literal('escalation'),
    requestId: id,
    deadline: z.enum(['accept', 'fix']),
    level: z.number().int().min(1).max(2),
  }),
  z.object({ type: z.literal('notice'), noticeId: id }),
  z.object({ type: z.literal('assignment'), requestId: id }),
  z.object({ type: z.literal('official-answer'), requestId: id, eventId: id }),
  z.object({ type: z.literal('info-provided'), requestId: id, eventId: id }),
])
export type MessageRef = z.infer<typeof MessageRef>

export const SendJob = z.object({ userId: id, message: MessageRef })
export type SendJob = z.infer<typeof SendJob>

/** A message to a group chat linked to an organisation (not to one person). */
export const GroupSendJob = z.object({ chatId: z.string().regex(/^-?\d+$/), message: MessageRef })
export type GroupSendJob = z.infer<typeof GroupSendJob>

export const RequestEvent = z.object({ requestId: id, eventId: id.optional(), to: z.string().optional() })
export const RequestTimer = z.object({ requestId: id })
export const NoticeJob = z.object({ noticeId: id })
