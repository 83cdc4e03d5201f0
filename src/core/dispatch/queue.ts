import type { Actor } from '../access/permissions.js'
import { areasWhere } from '../access/permissions.js'
import type { Choice, OutgoingMessage } from '../messages/messages.js'
import type { LocalizedText, Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import { encodeCallback } from '../shared/callback-data.js'

export const QUEUE_FILTERS = ['new', 'overdue', 'emergency', 'mine'] as const
export type QueueFilter = (typeof QUEUE_FILTERS)[number]
export const isQueueFilter = (value: string): value is QueueFilter =>
  (QUEUE_FILTERS as readonly string[]).includes(value)

export const QUEUE_PAGE_SIZE = 5

/** Whose requests a person's queue shows. */
export interface QueueArea {
  /** The whole region (a region admin). */
  all: boolean
  organisationIds: number[]
  districtIds: number[]
  /** Unrouted requests (the region triage queue) too. */
  triage: boolean
}

/**
 * Whose requests a person's queue shows, as the catalogue grants `queue.view`: dispatchers their
 * organisations', district admins their districts', region admins all.
 */
export function queueAreaOf(actor: Actor): QueueArea | null {
  const area: QueueArea = { all: false, organisationIds: [], districtIds: [], triage: false }
  for (const coverage of areasWhere(actor, 'queue.view')) {
    if (coverage.kind === 'region') area.all = true
    if (coverage.kind === 'district') area.districtIds.push(coverage.districtId)
    if (coverage.kind === 'organisation') {
      area.organisationIds.push(coverage.organisationId)
      // A region-wide organisation (the contact centre) sorts the unrouted ones.
      if (coverage.districtId === null) area.triage = true
    }
  }
  const empty = !area.all && area.organisationIds.length === 0 && area.districtIds.length === 0
  return empty ? null : area
}

export interface QueueItem {
  id: number
  number: string
  status: string
  emergency: boolean
  categoryName: LocalizedText
  addressText: string
  fixDueAt: string
}

/** One page of the queue: a line and a button per request, the filters, and the way to the next page. */
export function queuePage(view: {
  filter: QueueFilter
  page: number
  items: QueueItem[]
  hasMore: boolean
}): OutgoingMessage {
  const lines: Text[] = [
    text('dispatch.queue.title', { filter: { text: text(`dispatch.queue.filter.${view.filter}`) } }),
  ]
  if (view.items.length === 0) lines.push(text('dispatch.queue.empty'))
  for (const item of view.items)
    lines.push(
      text(item.emergency ? 'dispatch.queue.item-emergency' : 'dispatch.queue.item', {
        number: item.number,
        status: { text: text(`status.${item.status}`) },
        category: { localized: item.categoryName },
        address: item.addressText,
        due: { deadline: item.fixDueAt },
      }),
    )
  const open: Choice[][] = view.items.map((item) => [
    {
      value: encodeCallback({ kind: 'request.open', requestId: item.id }),
      label: text('dispatch.queue.open', { number: item.number }),
    },
  ])
  const paging: Choice[] = []
  if (view.page > 0)
    paging.push({
      value: encodeCallback({ kind: 'queue.page', filter: view.filter, page: view.page - 1 }),
      label: text('dispatch.queue.previous'),
    })
  if (view.hasMore)
    paging.push({
      value: encodeCallback({ kind: 'queue.page', filter: view.filter, page: view.page + 1 }),
      label: text('dispatch.queue.next'),
    })
  const filters: Choice[] = QUEUE_FILTERS.filter((f) => f !== view.filter).map((f) => ({
    value: encodeCallback({ kind: 'queue.page', filter: f, page: 0 }),
    label: text(`dispatch.queue.filter.${f}`),
  }))
  return { text: lines, buttons: [...open, ...(paging.length > 0 ? [paging] : []), filters], photo: null }
}
