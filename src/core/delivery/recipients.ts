import type { Recipient } from './ports.js'

/**
 * How a person's address is chosen: staff read in Telegram only; residents on a channel switched on,
 * the one a request came in through first (for messages about it), else Telegram, then Viber.
 */
export interface RecipientRoute {
  staffMessage: boolean
  requestId?: number
}

/** Who handles a request and when its deadlines fall: whom the workers tell of it. */
export interface RequestRouting {
  id: number
  number: string
  districtId: number
  /** null: no routing rule matched; the region's triage queue has it. */
  primaryOrganisationId: number | null
  copyOrganisationIds: number[]
  emergency: boolean
  acceptDueAt: Date
  fixDueAt: Date
}

/** The people (and organisations) the workers write to, each through one address that still works. */
export interface RecipientStore {
  /** The author and the followers who want updates; one address each, the request's own channel first. */
  residentsOf: (requestId: number) => Promise<Recipient[]>
  /** Without a route: a staff message (Telegram only). */
  recipient: (userId: number, route?: RecipientRoute) => Promise<Recipient | null>
  /** On-duty dispatchers of the organisations. */
  dispatchersOf: (organisationIds: number[]) => Promise<(Recipient & { organisationId: number })[]>
  districtAdminsOf: (districtId: number) => Promise<Recipient[]>
  /** The region's contact centre: it handles requests no routing rule matched. */
  triageOrganisations: () => Promise<number[]>
  requestRouting: (requestId: number) => Promise<RequestRouting | null>
}

/** The organisations answering for a request: its primary one, else the region's triage. */
export const handlingOrganisations = async (
  recipients: Pick<RecipientStore, 'triageOrganisations'>,
  request: Pick<RequestRouting, 'primaryOrganisationId'>,
): Promise<number[]> =>
  request.primaryOrganisationId === null ? recipients.triageOrganisations() : [request.primaryOrganisationId]
