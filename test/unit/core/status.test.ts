import { describe, expect, it } from 'vitest'
import { REQUEST_STATUSES, STATUS_ACTIONS, actionsFrom, isOpen, transition } from '../../../src/core/requests/status.js'
import type { RequestStatus, StatusAction, TransitionInput } from '../../../src/core/requests/status.js'

// The expected state machine, written out by hand (one row per status) so that a change in
// src/core/requests/status.ts that is not also made here makes these tests fail.
const ALLOWED: Record<RequestStatus, readonly StatusAction[]> = {
  new: ['accept', 'ask', 'reject', 'plan', 'reroute'],
  accepted: ['ask', 'start', 'finish', 'reject', 'plan', 'reroute'],
  in_progress: ['ask', 'finish', 'reject', 'plan', 'reroute'],
  needs_info: ['accept', 'provide_info', 'reject', 'plan', 'reroute'],
  done: ['close', 'reopen'],
  closed: ['reopen'],
  rejected: ['reopen'],
  planned: ['start', 'finish', 'reject'],
  reopened: ['accept', 'ask', 'start', 'finish', 'reject', 'plan', 'reroute'],
  rerouted: ['accept', 'ask', 'reject', 'plan', 'reroute'],
}

const TARGET: Record<StatusAction, RequestStatus> = {
  accept: 'accepted',
  ask: 'needs_info',
  provide_info: 'accepted',
  start: 'in_progress',
  finish: 'done',
  close: 'closed',
  reopen: 'reopened',
  reject: 'rejected',
  plan: 'planned',
  reroute: 'rerouted',
}

const OPEN: Record<RequestStatus, boolean> = {
  new: true,
  accepted: true,
  in_progress: true,
  needs_info: true,
  done: false,
  closed: false,
  rejected: false,
  planned: true,
  reopened: true,
  rerouted: true,
}

const STATUSES = Object.keys(ALLOWED) as RequestStatus[]
const ACTIONS = Object.keys(TARGET) as StatusAction[]

/** Everything any action may require, so that only the status decides. */
const COMPLETE_INPUT: TransitionInput = {
  reason: 'Not a housing problem',
  plannedPeriod: '2027, 2nd quarter',
  afterPhotoCount: 1,
  question: 'Which entrance is it?',
}

const PAIRS = STATUSES.flatMap((from) =>
  ACTIONS.map((action) => ({ from, action, allowed: ALLOWED[from].includes(action) })),
)

const sorted = (values: readonly string[]): string[] => [...values].sort()

describe('request statuses', () => {
  it('when the catalogue is listed, then it has exactly the statuses and actions of the table', () => {
    expect(sorted(REQUEST_STATUSES)).toEqual(sorted(STATUSES))
    expect(sorted(STATUS_ACTIONS)).toEqual(sorted(ACTIONS))
    expect(PAIRS).toHaveLength(100)
  })

  describe('transition for every (status × action)', () => {
    it.each(PAIRS.filter((p) => p.allowed))(
      'when $action is applied to a $from request with complete input, then it is allowed',
      ({ from, action }) => {
        expect(transition(from, action, COMPLETE_INPUT)).toEqual({ ok: true, from, to: TARGET[action] })
      },
    )

    it.each(PAIRS.filter((p) => !p.allowed))(
      'when $action is applied to a $from request, then it is refused as not allowed in that status',
      ({ from, action }) => {
        expect(transition(from, action, COMPLETE_INPUT)).toEqual({ ok: false, error: 'not-allowed-in-status' })
      },
    )
  })

  describe('target status of each action', () => {
    it.each(ACTIONS.map((action) => ({ action, to: TARGET[action] })))(
      'when $action succeeds, then the request becomes $to',
      ({ action, to }) => {
        const from = STATUSES.find((status) => ALLOWED[status].includes(action))
        expect(from).toBeDefined()
        if (from === undefined) return
        const result = transition(from, action, COMPLETE_INPUT)
        expect(result.ok && result.to).toBe(to)
      },
    )
  })

  describe('required input', () => {
    it('when a request is rejected without a reason, then the reason is required', () => {
      expect(transition('new', 'reject')).toEqual({ ok: false, error: 'reason-required' })
      expect(transition('new', 'reject', {})).toEqual({ ok: false, error: 'reason-required' })
    })

    it.each(['', ' ', '   \t\n  '])(
      'when a request is rejected with the blank reason %j, then the reason is required',
      (reason) => {
        expect(transition('accepted', 'reject', { reason })).toEqual({ ok: false, error: 'reason-required' })
      },
    )

    it('when a request is rejected with a reason, then it is rejected', () => {
      expect(transition('new', 'reject', { reason: 'Duplicate of GR-26-000001' })).toEqual({
        ok: true,
        from: 'new',
        to: 'rejected',
      })
    })

    it('when a request is moved to the plan without a period, then the planned period is required', () => {
      expect(transition('accepted', 'plan')).toEqual({ ok: false, error: 'planned-period-required' })
      expect(transition('accepted', 'plan', { plannedPeriod: '  ' })).toEqual({
        ok: false,
        error: 'planned-period-required',
      })
    })

    it('when a request is moved to the plan with a period, then it is planned', () => {
      expect(transition('in_progress', 'plan', { plannedPeriod: '2027' })).toEqual({
        ok: true,
        from: 'in_progress',
        to: 'planned',
      })
    })

    it('when the resident is asked without a question, then the question is required', () => {
      expect(transition('new', 'ask')).toEqual({ ok: false, error: 'question-required' })
      expect(transition('new', 'ask', { question: '\n' })).toEqual({ ok: false, error: 'question-required' })
    })

    it('when the resident is asked a question, then the request waits for information', () => {
      expect(transition('new', 'ask', { question: 'Which flat?' })).toEqual({ ok: true, from: 'new', to: 'needs_info' })
    })

    it('when work is finished without an after photo, then the after photo is required', () => {
      expect(transition('in_progress', 'finish')).toEqual({ ok: false, error: 'after-photo-required' })
      expect(transition('in_progress', 'finish', { afterPhotoCount: 0 })).toEqual({
        ok: false,
        error: 'after-photo-required',
      })
    })

    it.each([1, 3])('when work is finished with %i after photo(s), then the request is done', (afterPhotoCount) => {
      expect(transition('in_progress', 'finish', { afterPhotoCount })).toEqual({
        ok: true,
        from: 'in_progress',
        to: 'done',
      })
    })

    it('when an action is not allowed in the status, then that is reported before any missing input', () => {
      expect(transition('closed', 'reject')).toEqual({ ok: false, error: 'not-allowed-in-status' })
      expect(transition('done', 'plan')).toEqual({ ok: false, error: 'not-allowed-in-status' })
      expect(transition('needs_info', 'ask')).toEqual({ ok: false, error: 'not-allowed-in-status' })
      expect(transition('new', 'finish')).toEqual({ ok: false, error: 'not-allowed-in-status' })
    })

    it.each([
      ['new', 'accept'],
      ['needs_info', 'provide_info'],
      ['accepted', 'start'],
      ['done', 'close'],
      ['closed', 'reopen'],
      ['new', 'reroute'],
    ] as const)('when %s → %s is applied without any input, then it needs none', (from, action) => {
      expect(transition(from, action)).toEqual({ ok: true, from, to: TARGET[action] })
    })
  })

  describe('isOpen', () => {
    it.each(STATUSES.map((status) => ({ status, open: OPEN[status] })))(
      'when the status is $status, then isOpen is $open',
      ({ status, open }) => {
        expect(isOpen(status)).toBe(open)
      },
    )
  })

  describe('actionsFrom', () => {
    it('when a request is done, then it can only be closed or reopened', () => {
      expect(sorted(actionsFrom('done'))).toEqual(['close', 'reopen'])
    })

    it('when a request is closed or rejected, then it can only be reopened', () => {
      expect(actionsFrom('closed')).toEqual(['reopen'])
      expect(actionsFrom('rejected')).toEqual(['reopen'])
    })

    it('when a request waits for information, then the answer, acceptance, rejection, plan and reroute are offered', () => {
      expect(sorted(actionsFrom('needs_info'))).toEqual(['accept', 'plan', 'provide_info', 'reject', 'reroute'])
    })

    it.each(STATUSES)('when the status is %s, then the actions offered are those of the table', (status) => {
      expect(sorted(actionsFrom(status))).toEqual(sorted(ALLOWED[status]))
    })

    it.each(STATUSES.filter((status) => !OPEN[status]))(
      'when the request in status %s is no longer open, then no work action is offered',
      (status) => {
        for (const action of actionsFrom(status)) expect(['close', 'reopen']).toContain(action)
      },
    )
  })
})
