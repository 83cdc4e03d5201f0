import { describe, expect, it } from 'vitest'
import type { StepInput } from '../../../../src/core/dialogue/machine.js'
import type { RoutableStep, Run } from './fixtures.js'
import {
  GRODNO_CENTRE,
  REPORT_STEPS,
  at,
  contact,
  keys,
  line,
  location,
  photo,
  press,
  prompt,
  run,
  typed,
  unsupported,
  values,
} from './fixtures.js'

/** Steps that take typed text as their answer. */
const TEXT_STEPS: RoutableStep[] = ['report.street', 'report.house', 'report.flat', 'report.description']

/** What a step says to typed text when it wants something else. */
const TEXT_REPLY: Partial<Record<RoutableStep, string>> = {
  'report.photos': 'report.expected-photo',
  'report.phone': 'report.expected-contact',
}

/** Sends `input` at `target` and checks: the explanation, then the same prompt again; nothing else changes. */
function expectAskedAgain(reached: Run, input: StepInput, explanation: string): Run {
  const after = run([input], { state: reached.state })

  expect(keys(after.last)).toEqual([explanation, ...keys({ messages: [prompt(reached.last)] })])
  expect(prompt(after.last)).toEqual(prompt(reached.last))
  expect(after.state).toEqual(reached.state)
  expect(after.last.commands).toEqual([])
  return after
}

const KINDS = ['sticker', 'voice', 'video', 'document', 'other'] as const

describe.each(REPORT_STEPS)('at %s', (target) => {
  const reached = at(target)

  it.each(KINDS)('when a %s arrives, then it is explained and the same question is asked again', (kind) => {
    expectAskedAgain(reached, unsupported(kind), `common.unexpected.${kind}`)
  })

  if (!TEXT_STEPS.includes(target))
    it('when text arrives where buttons are expected, then the step says what it wants and asks again', () => {
      expectAskedAgain(reached, typed('привет'), TEXT_REPLY[target] ?? 'common.use-buttons')
    })

  if (target !== 'report.photos')
    it('when a photo arrives, then it is not taken and the question is asked again', () => {
      expectAskedAgain(reached, photo('stray'), 'common.unexpected.photo')
    })

  if (target !== 'report.district')
    it('when a location arrives, then it is not taken and the question is asked again', () => {
      expectAskedAgain(reached, location(GRODNO_CENTRE), 'common.unexpected.location')
    })

  if (target !== 'report.phone')
    it('when a contact arrives, then it is not taken and the question is asked again', () => {
      expectAskedAgain(reached, contact('+375291234567'), 'common.unexpected.contact')
    })
})

describe('the street', () => {
  const reached = at('report.street')

  it.each(['12', '--', 'А', ' ', '', 'ул. Советская; DROP TABLE', 'у'.repeat(101)])(
    'when the street %j is typed, then it is refused and asked again',
    (street) => {
      expectAskedAgain(reached, typed(street), 'report.bad-street')
    },
  )

  it.each([
    'Ул',
    'ул. Советская',
    'пр-т Космонавтов',
    'ул. 17 Сентября',
    'вул. Савецкая',
    '«Заречная»',
    'у'.repeat(100),
  ])('when the street %j is typed, then the house is asked', (street) => {
    const { state } = run([typed(street)], { state: reached.state })
    expect(state.step).toBe('report.house')
    expect(state.draft?.street).toBe(street)
  })
})

describe('the house', () => {
  const reached = at('report.house')

  it.each(['abc', '12345', '', '   ', '12 подъезд 3', 'дом 5', '12/', '-5', '0', '012', '0/1', '00'])(
    'when the house %j is typed, then it is refused and asked again',
    (house) => {
      expectAskedAgain(reached, typed(house), 'report.bad-house')
    },
  )

  it.each([
    ['12', '12'],
    ['1', '1'],
    ['10', '10'],
    ['102', '102'],
    ['12А', '12А'],
    ['12а', '12а'],
    ['12/1', '12/1'],
    ['5 к2', '5 к2'],
    ['5 корп. 2', '5 корп. 2'],
    ['7-9', '7-9'],
    ['1234', '1234'],
    ['  12  /  1 ', '12 / 1'],
  ])('when the house %j is typed, then it is taken as %j and the flat is asked', (typedHouse, stored) => {
    const { state } = run([typed(typedHouse)], { state: reached.state })
    expect(state.step).toBe('report.flat')
    expect(state.draft?.house).toBe(stored)
  })
})

describe('the flat', () => {
  const reached = at('report.flat')

  it('when the flat is 41 characters long, then it is refused with the limit', () => {
    const after = expectAskedAgain(reached, typed('к'.repeat(41)), 'report.bad-flat')
    expect(line(after.last, 'report.bad-flat').params).toEqual({ max: 40 })
  })

  it('when the flat is 40 characters long (with spaces around), then the address is confirmed', () => {
    const { state } = run([typed(`  ${'к'.repeat(40)}  `)], { state: reached.state })
    expect(state.step).toBe('report.confirm-address')
    expect(state.draft?.flat).toBe('к'.repeat(40))
  })

  it.each([' ', '    ', '\t \n'])('when only spaces (%j) are typed as the flat, then there is no flat', (flat) => {
    const { state, last } = run([typed(flat)], { state: reached.state })

    expect(state.step).toBe('report.confirm-address')
    expect(state.draft?.flat).toBeNull()
    expect(line(last, 'report.confirm-address').params).toEqual({ address: 'Лида, ул. Советская, 5' })
  })
})

describe('the description', () => {
  const reached = at('report.description')

  it('when the description has 9 characters, then it is refused as too short with its length', () => {
    const after = expectAskedAgain(reached, typed('123456789'), 'report.description-too-short')
    expect(line(after.last, 'report.description-too-short').params).toEqual({ min: 10, length: 9 })
  })

  it('when 9 characters are padded with spaces to 13, then the trimmed length counts and it is refused', () => {
    const after = expectAskedAgain(reached, typed('  123456789  '), 'report.description-too-short')
    expect(line(after.last, 'report.description-too-short').params).toEqual({ min: 10, length: 9 })
  })

  it('when the description is five emoji, then each counts as one character and it is too short', () => {
    const after = expectAskedAgain(reached, typed('🔥🔥🔥🔥🔥'), 'report.description-too-short')
    expect(line(after.last, 'report.description-too-short').params).toEqual({ min: 10, length: 5 })
  })

  it('when the description is ten emoji, then it has 10 characters and is taken', () => {
    const { state } = run([typed('🔥'.repeat(10))], { state: reached.state })
    expect(state.step).toBe('report.photos')
    expect(state.draft?.description).toBe('🔥'.repeat(10))
  })

  it('when the description has 1001 characters, then it is refused as too long with its length', () => {
    const after = expectAskedAgain(reached, typed('д'.repeat(1001)), 'report.description-too-long')
    expect(line(after.last, 'report.description-too-long').params).toEqual({ max: 1000, length: 1001 })
  })

  it.each([
    ['10 characters', '1234567890'],
    ['10 characters with spaces around', '   1234567890   '],
    ['1000 characters', 'д'.repeat(1000)],
    ['1000 characters with spaces around', ` ${'д'.repeat(1000)} `],
  ])('when the description has %s, then photos are asked', (_label, description) => {
    const { state } = run([typed(description)], { state: reached.state })
    expect(state.step).toBe('report.photos')
    expect(state.draft?.description).toBe(description.trim())
  })
})

describe('photos', () => {
  const reached = at('report.photos')

  it('when a file that is not an image is sent as a photo, then it is refused', () => {
    expectAskedAgain(reached, photo('pdf', { mimeType: 'application/pdf' }), 'report.photo-not-image')
  })

  it('when a photo is larger than 10 MB, then it is refused with the limit in MB', () => {
    const after = expectAskedAgain(reached, photo('big', { sizeBytes: 10 * 1024 * 1024 + 1 }), 'report.photo-too-large')
    expect(line(after.last, 'report.photo-too-large').params).toEqual({ maxMb: 10 })
  })

  it('when a bad photo follows a good one, then the good one is kept and the count is shown again', () => {
    const one = run([photo('p1')], { state: reached.state })
    const after = expectAskedAgain(one, photo('pdf', { mimeType: 'application/pdf' }), 'report.photo-not-image')
    expect(after.state.draft?.photos).toHaveLength(1)
    expect(keys(after.last)).toEqual(['report.photo-not-image', 'report.photo-received'])
  })
})

describe('a category that needs a photo', () => {
  const reached = run([
    press('menu:report'),
    press('top:roads'),
    press('cat:roads.pothole'),
    press('dist:grodno'),
    typed('ул. Ожешко'),
    typed('1'),
    press('skip'),
    press('yes'),
    typed('Яма на проезжей части у дома'),
  ])

  it('when the photos step is reached, then it asks for a photo and offers no skip', () => {
    expect(reached.state.step).toBe('report.photos')
    expect(keys(reached.last)).toEqual(['report.ask-photos-required'])
    expect(values(reached.last)).toEqual(['back', 'cancel'])
  })

  it('when "skip" is pressed anyway (an old or forged button), then it is stale and the photo is asked again', () => {
    expectAskedAgain(reached, press('skip'), 'common.stale-button')
  })

  it('when "done" is pressed with no photo, then it is stale and the photo is asked again', () => {
    expectAskedAgain(reached, press('done'), 'common.stale-button')
  })

  it('when a photo arrives, then "done" is offered', () => {
    const { state, last } = run([photo('p1')], { state: reached.state })
    expect(state.step).toBe('report.photos')
    expect(values(last)).toEqual(['done', 'clear-photos', 'back', 'cancel'])
  })

  it('when the photos are cleared, then the photo is asked for again with no skip', () => {
    const { state, last } = run([photo('p1'), press('clear-photos')], { state: reached.state })

    expect(state.step).toBe('report.photos')
    expect(state.draft?.photos).toEqual([])
    expect(keys(last)).toEqual(['report.ask-photos-required'])
    expect(values(last)).toEqual(['back', 'cancel'])
  })
})

describe('the contact', () => {
  const reached = at('report.phone')

  it("when somebody else's contact is shared, then it is refused and the own number is asked", () => {
    expectAskedAgain(reached, contact('+375291112233', false), 'report.contact-not-own')
  })
})
