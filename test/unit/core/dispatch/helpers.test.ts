import { describe, expect, it } from 'vitest'
import { newRequestCard } from '../../../../src/core/dispatch/messages.js'
import { cardActionsFor, cardButtons } from '../../../../src/core/dispatch/card-actions.js'
import { makeLinkChat } from '../../../../src/core/dispatch/link-chat.js'
import { normalizeBelarusPhone } from '../../../../src/core/dispatch/phone.js'
import { queueAreaOf } from '../../../../src/core/dispatch/queue.js'
import { makeRegisterCall } from '../../../../src/core/dispatch/register-call.js'
import type { RequestDraft } from '../../../../src/core/requests/request.js'
import type { SubmitRequestResult } from '../../../../src/core/requests/submit-request.js'
import { actor, districtAdmin, executor, HOUSING, OTHER_DISTRICT, OWN_DISTRICT, ownDispatcher } from './world.js'

describe('card buttons', () => {
  it('when a request is new, then accept, ask, answer, reroute, reject and plan are offered, not assign', () => {
    expect(cardActionsFor('new')).toEqual(['accept', 'ask', 'answer', 'reroute', 'reject', 'plan'])
  })

  it('when a request is accepted, then it can be assigned but not accepted again', () => {
    expect(cardActionsFor('accepted')).toEqual(['assign', 'ask', 'answer', 'reroute', 'reject', 'plan'])
  })

  it('when a request is closed or rejected, then nothing is offered', () => {
    expect(cardActionsFor('closed')).toEqual([])
    expect(cardActionsFor('rejected')).toEqual([])
  })

  it('when buttons are built, then their data is rq:<action>:<id>, two to a row, within 64 bytes', () => {
    const rows = cardButtons(123456789, 'new')
    expect(rows.map((r) => r.length)).toEqual([2, 2, 2])
    expect(rows.flat().map((b) => b.value)).toContain('rq:accept:123456789')
    expect(rows.flat().every((b) => Buffer.byteLength(b.value) <= 64)).toBe(true)
  })
})

describe('Belarusian phone numbers', () => {
  it.each([
    ['+375 29 123-45-67', '+375291234567'],
    ['375291234567', '+375291234567'],
    ['8 029 123 45 67', '+375291234567'],
    ['(29) 123-45-67', '+375291234567'],
    ['8 0152 12-34-56', '+375152123456'],
  ])('when "%s" is typed, then it reads %s', (typed, e164) => {
    expect(normalizeBelarusPhone(typed)).toBe(e164)
  })

  it.each(['12345', '+7 912 123-45-67', '80291234', 'телефон', '+375 09 123-45-67'])(
    'when "%s" is typed, then it is not a number',
    (typed) => {
      expect(normalizeBelarusPhone(typed)).toBeNull()
    },
  )
})

describe('whose requests a queue shows', () => {
  it('when a dispatcher asks, then their organisations', () => {
    expect(queueAreaOf(ownDispatcher)).toEqual({
      all: false,
      organisationIds: [HOUSING],
      districtIds: [],
      triage: false,
    })
  })

  it('when a district admin asks, then their district', () => {
    expect(queueAreaOf(districtAdmin)).toEqual({
      all: false,
      organisationIds: [],
      districtIds: [OWN_DISTRICT],
      triage: false,
    })
  })

  it('when a contact-centre dispatcher asks, then the triage queue too', () => {
    const operator = actor(9, { role: 'dispatcher', organisationId: 99, districtId: null })
    expect(queueAreaOf(operator)?.triage).toBe(true)
  })

  it('when an executor or a resident asks, then there is no queue', () => {
    expect(queueAreaOf(executor)).toBeNull()
    expect(queueAreaOf(actor(1))).toBeNull()
  })
})

describe('registering a phone call', () => {
  const world = () => {
    const drafts: RequestDraft[] = []
    const register = makeRegisterCall({
      callers: { ensurePhoneCaller: (phone) => Promise.resolve(phone === '+375295551234' ? 77 : 78) },
      submitRequest: (draft) => {
        drafts.push(draft)
        return Promise.resolve({ ok: false, error: 'unknown-category' } as SubmitRequestResult)
      },
    })
    return { drafts, register }
  }
  const call = {
    phone: '8 029 555-12-34',
    callerName: 'Иван',
    categoryId: 5,
    districtId: OWN_DISTRICT,
    addressText: 'Лида, ул. Мицкевича, 7',
    description: 'Нет отопления в квартире',
    idempotencyKey: 'k1',
  }

  it('when the district’s dispatcher registers it, then a phone request is submitted for the caller', async () => {
    const { drafts, register } = world()
    await register({ actor: ownDispatcher, ...call })
    expect(drafts).toEqual([
      expect.objectContaining({
        authorUserId: 77,
        source: 'phone',
        contactPhone: '+375295551234',
        districtId: OWN_DISTRICT,
      }),
    ])
  })

  it('when the call is for another district, or comes from an executor, then it is refused', async () => {
    const { drafts, register } = world()
    expect(await register({ actor: ownDispatcher, ...call, districtId: OTHER_DISTRICT })).toEqual({
      ok: false,
      error: 'not-allowed',
    })
    expect(await register({ actor: executor, ...call })).toEqual({ ok: false, error: 'not-allowed' })
    expect(drafts).toEqual([])
  })

  it('when the phone is not a number, then it is refused', async () => {
    const { register } = world()
    expect(await register({ actor: ownDispatcher, ...call, phone: '123' })).toEqual({
      ok: false,
      error: 'invalid-phone',
    })
  })
})

describe('linking a group chat', () => {
  const world = () => {
    const links: { chatId: string; organisationId: number }[] = []
    const linkChat = makeLinkChat({
      store: {
        organisation: (id) => Promise.resolve({ id, districtId: OWN_DISTRICT }),
        link: (chatId, organisationId) => {
          links.push({ chatId, organisationId })
          return Promise.resolve()
        },
      },
    })
    return { links, linkChat }
  }

  it('when a dispatcher links a group, then it becomes their organisation’s', async () => {
    const { links, linkChat } = world()
    expect(await linkChat({ actor: ownDispatcher, chatId: '-100', chatType: 'supergroup', language: 'ru' })).toEqual({
      ok: true,
      organisationId: HOUSING,
    })
    expect(links).toEqual([{ chatId: '-100', organisationId: HOUSING }])
  })

  it('when it is a private chat, or an executor tries, then nothing is linked', async () => {
    const { links, linkChat } = world()
    expect(await linkChat({ actor: ownDispatcher, chatId: '5', chatType: 'private', language: 'ru' })).toEqual({
      ok: false,
      error: 'not-a-group',
    })
    expect(await linkChat({ actor: executor, chatId: '-100', chatType: 'group', language: 'ru' })).toEqual({
      ok: false,
      error: 'not-allowed',
    })
    expect(links).toEqual([])
  })
})

describe('the new request card', () => {
  const view = {
    number: 'GR-26-000042',
    emergency: true,
    categoryName: { ru: 'Прорыв трубы', be: 'Прарыў трубы', en: 'Burst pipe' },
    addressText: 'Лида, ул. Советская, 5',
    location: null,
    description: 'Течёт с потолка',
    acceptDueAt: '2026-11-20T10:30:00Z',
    fixDueAt: '2026-11-20T14:00:00Z',
    copy: false,
    requestId: 42,
    status: 'new' as const,
    photo: 'AgAC-photo',
    photoCount: 2,
  }

  it('when an emergency with photos is new, then it is marked, shows the first photo and the next actions', () => {
    const card = newRequestCard(view)
    expect(card.text.map((t) => t.key)).toEqual(
      expect.arrayContaining(['staff.card.title-emergency', 'dispatch.card.photos']),
    )
    expect(card.photo).toBe('AgAC-photo')
    expect(card.buttons.flat().map((b) => b.value)).toContain('rq:accept:42')
  })

  it('when the card is a copy for information, then it has no buttons', () => {
    expect(newRequestCard({ ...view, copy: true }).buttons).toEqual([])
  })
})
