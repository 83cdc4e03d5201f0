import { z } from 'zod'
import type { NoticeArea } from '../../core/notices/notice.js'

const id = z.number().int().positive()

/** notices.area as written from a NoticeArea; parsed on the way back, never trusted blindly. */
const NoticeAreaJson = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('region') }),
  z.object({ scope: z.literal('districts'), districtIds: z.array(id) }),
  z.object({
    scope: z.literal('settlement'),
    settlementId: id,
    // No houses written: the whole street.
    streets: z.array(z.object({ street: z.string(), houses: z.string().nullable().default(null) })),
  }),
])

/** Throws on a malformed row: a notice must never reach an area nobody chose. */
export const parseNoticeArea = (value: unknown): NoticeArea => NoticeAreaJson.parse(value)
