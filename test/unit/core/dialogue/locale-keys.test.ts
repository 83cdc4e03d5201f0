import { describe, expect, it } from 'vitest'
import type { StepInput } from '../../../../src/core/dialogue/machine.js'
import type { OutboundMessage } from '../../../../src/core/dialogue/messages.js'
import { REQUEST_STATUSES } from '../../../../src/core/requests/status.js'
import type { Answers, RoutableStep } from './fixtures.js'
import {
  EMITTED_KEYS,
  GRODNO_CENTRE,
  LOCALE_KEYS,
  REPORT_STEPS,
  aCard,
  aNotice,
  aSummary,
  allKeys,
  at,
  command,
  contact,
  ctx,
  location,
  photo,
  press,
  routeTo,
  run,
  start,
  submitError,
  typed,
  unsupported,
} from './fixtures.js'

describe('the key collector', () => {
  it('when a message has nested texts and button labels, then all their keys are collected', () => {
    const message: OutboundMessage = {
      text: [
        { key: 'card.title', params: { number: 'GR-26-1', status: { text: { key: 'status.new' } } } },
        { key: 'a', params: { outer: { text: { key: 'b', params: { inner: { text: { key: 'c' } } } } } } },
      ],
      prompt: {
        kind: 'choices',
        choices: [{ value: 'x', label: { key: 'my.item', params: { status: { text: { key: 'status.done' } } } } }],
      },
    }
    expect(allKeys([message])).toEqual(['card.title', 'status.new', 'a', 'b', 'c', 'my.item', 'status.done'])
  })

  it('when the machine would emit a key missing in ru.json, then the driver fails the test', () => {
    expect(() =>
      run([press('menu:notices')], {
        answers: { 'list-notices': () => ({ type: 'notices', items: [aNotice({ kind: 'no-such-kind' })] }) },
      }),
    ).toThrow(/notice\.kind\.no-such-kind/)
  })
})

/** Many conversations, so that every text the machine can say is said at least once. */
function sweep(): void {
  const everything: StepInput[][] = [
    [start()],
    [start('c_heating_no-heat')],
    [start('d_grodno')],
    [command('help')],
    [command('foo')],
    [command('cancel')],
    [command('lang'), press('lang:be')],
    [typed('hello')],
    [{ type: 'unsupported', kind: 'voice' }],
    [press('stale')],
    [command('status'), typed('x'), typed('GR-26-1')],
    [press('menu:report'), press('top:gas'), press('cat:gas.smell')],
    [press('menu:report'), press('top:other'), press('cat:other.noise')],
    [press('menu:report'), press('top:other'), press('cat:other.stray-animals')],
    [...routeTo('report.district'), location(GRODNO_CENTRE), press('yes')],
    [...routeTo('report.district'), location({ lat: 55.75, lon: 37.61 })],
    [...routeTo('report.street'), press('menu:report'), press('resume')],
    [...routeTo('report.summary'), command('report'), press('new'), press('cancel')],
    [...routeTo('report.photos'), photo('p1'), press('clear-photos')],
    [...routeTo('report.street'), typed('1')],
    [...routeTo('report.house'), typed('x')],
    [...routeTo('report.flat'), typed('к'.repeat(41))],
    [...routeTo('report.description'), typed('short'), typed('д'.repeat(1001))],
    [
      ...routeTo('report.photos'),
      typed('x'),
      photo('a', { mimeType: 'text/plain' }),
      photo('b', { sizeBytes: 1e9 }),
      photo('c'),
    ],
    [...routeTo('report.phone'), typed('x'), contact('1', false), contact('+1')],
    [...routeTo('report.summary'), press('edit'), press('back'), press('send')],
    [press('menu:settings'), press('set:notifications')],
    [
      press('menu:settings'),
      press('set:home'),
      press('dist:lida'),
      press('stl:lida.lida'),
      typed('1'),
      typed('ул. Мира'),
    ],
    [press('menu:settings'), press('set:forget'), press('yes')],
    [command('phones'), press('dist:grodno')],
  ]
  for (const inputs of everything)
    run(inputs, { context: ctx({ profile: { homeDistrictCode: 'lida', notificationsEnabled: false } }) })
  for (const target of REPORT_STEPS satisfies RoutableStep[])
    for (const kind of ['sticker', 'voice', 'video', 'document', 'other'] as const)
      run([unsupported(kind)], { state: at(target).state })

  const summary = at('report.summary')
  for (const error of [
    'rate-limited',
    'photo-required',
    'too-many-photos',
    'photo-too-large',
    'description-too-short',
    'description-too-long',
    'unknown-category',
    'category-is-a-group',
    'unknown-district',
    'address-required',
    'hard-stop',
    'not-our-competence',
  ])
    run([press('send')], { state: summary.state, answers: { submit: () => submitError(error, '104') } })

  const statuses: Answers = {
    'list-requests': () => ({
      type: 'request-list',
      items: REQUEST_STATUSES.map((status, i) => aSummary({ id: i + 1, status })),
      hasMore: true,
    }),
    'show-request': () => ({
      type: 'request-card',
      card: aCard({
        history: REQUEST_STATUSES.map((status) => ({ at: '2026-01-12T08:30:00.000Z', status, note: null })),
        answers: (['question', 'official_answer', 'comment'] as const).map((kind) => ({
          at: '2026-01-12T08:30:00.000Z',
          kind,
          body: '…',
        })),
        organisationName: null,
      }),
    }),
    'check-before-send': () => ({
      type: 'checked',
      duplicates: [aSummary()],
      notices: (['planned_outage', 'emergency_outage', 'information'] as const).map((kind) =>
        aNotice({ kind, endsAt: null }),
      ),
    }),
  }
  run([press('menu:my'), press('page:next'), press('req:1')], { answers: statuses })
  run([press('send'), typed('?'), press('follow:41')], { state: summary.state, answers: statuses })
  run([press('send'), press('follow:41')], {
    state: summary.state,
    answers: { ...statuses, follow: () => ({ type: 'followed', number: null }) },
  })
}

describe('every text the dialogue says', () => {
  it('when the machine runs through its conversations, then every key it emits is in locales/ru', () => {
    EMITTED_KEYS.clear()
    sweep()

    const missing = [...EMITTED_KEYS].filter((key) => !LOCALE_KEYS.has(key))
    expect(missing).toEqual([])
    // the sweep did reach nested status texts and button labels
    expect(EMITTED_KEYS).toContain('status.rerouted')
    expect(EMITTED_KEYS).toContain('common.button.cancel')
    expect(EMITTED_KEYS).toContain('report.error.not-our-competence')
    expect(EMITTED_KEYS).toContain('report.location-outside')
    expect(EMITTED_KEYS).toContain('report.button.new-draft')
    expect(EMITTED_KEYS).toContain('report.button.photos-clear')
    expect(EMITTED_KEYS.size).toBeGreaterThan(150)
  })

  it('when a request has any status of the request state machine, then its status has a text', () => {
    const missing = REQUEST_STATUSES.filter((status) => !LOCALE_KEYS.has(`status.${status}`))
    expect(missing).toEqual([])
  })
})
