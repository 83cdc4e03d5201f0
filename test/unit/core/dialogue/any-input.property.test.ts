import type { Api } from 'grammy'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadDictionarySync } from '../../../../src/app/locales.js'
import { createRenderer } from '../../../../src/bot/telegram/render.js'
import { createViberRenderer } from '../../../../src/bot/viber/render.js'
import { findCategory, findDistrict } from '../../../../src/core/dialogue/catalogue.js'
import type { CommandResult, DialogueCommand } from '../../../../src/core/dialogue/commands.js'
import type { StepInput } from '../../../../src/core/dialogue/machine.js'
import { step } from '../../../../src/core/dialogue/machine.js'
import type { OutboundMessage } from '../../../../src/core/dialogue/messages.js'
import { STREET } from '../../../../src/core/dialogue/report-flow.js'
import type { DialogueState, Draft } from '../../../../src/core/dialogue/state.js'
import { initialState } from '../../../../src/core/dialogue/state.js'
import type { Language } from '../../../../src/core/i18n/text.js'
import { createTranslator, htmlToPlain } from '../../../../src/core/i18n/translate.js'
import {
  DESCRIPTION_MAX_LENGTH,
  DESCRIPTION_MIN_LENGTH,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
} from '../../../../src/core/requests/request.js'
import { characters, visibleCharacters } from '../../../../src/core/shared/characters.js'
import type { RoutableStep } from './fixtures.js'
import {
  DESCRIPTION,
  FLAT,
  HOUSE,
  LIDA_CENTRE,
  LOCALE_KEYS,
  REPORT_STEPS,
  STREET as A_STREET,
  aCard,
  aNotice,
  aSummary,
  allKeys,
  catalogue,
  ctx,
  routeTo,
} from './fixtures.js'

/*
 * The resident dialogue driven by random sequences of whatever a person or a forged client can send,
 * in every step and language, rendered for both channels. Fixed seed and bounded runs: a failure
 * prints the seed, the path and the shrunk sequence, and replays with them.
 */
const RUNS = { seed: 115_2026, numRuns: 150, endOnFailure: true }

const LANGUAGES: Language[] = ['ru', 'be', 'en']
const dictionaries = { ru: loadDictionarySync('ru'), be: loadDictionarySync('be'), en: loadDictionarySync('en') }
const translate = createTranslator({ dictionaries, timeZone: 'Europe/Minsk' })

// ---------------------------------------------------------------------------------------------
// What may arrive.
// ---------------------------------------------------------------------------------------------

/** Pick the n-th button the last prompt offered (a real press), or a stale one if there is none. */
type Move = StepInput | { type: 'pick'; n: number }

const HOSTILE_TEXTS = [
  '\u0000',
  `кв.\u0000 5`,
  `Течёт\u0000 крыша над подъездом`,
  '\u200B'.repeat(30),
  '\u200E\u200F\u202E\u2066\u2069'.repeat(5),
  '\u0301'.repeat(15),
  ` \t\n\u00A0\u3000 `,
  'x'.repeat(5000),
  '😀'.repeat(1200),
  '&'.repeat(4500),
  '<b>жирный</b> <a href="javascript:x">ссылка</a> &amp; &lt;',
  '\uD800\uD800 одинокие \uDC00 суррогаты',
  'GR-26-004217',
  '/start',
]
const VALID_TEXTS = [A_STREET, HOUSE, FLAT, DESCRIPTION, '12а', 'ул. Мицкевича', 'Лида-2']

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.constantFrom(...HOSTILE_TEXTS),
  fc.constantFrom(...VALID_TEXTS),
)

const FORGED_BUTTONS = [
  'follow:99999999999',
  'req:99999999999',
  'req:-1',
  'req:abc',
  'dist:nowhere',
  'cat:heating',
  'cat:gas.smell',
  'top:nope',
  'stl:lida.nowhere',
  'edit:everything',
  'page:next',
  'lang:xx',
  'menu:nothing',
  'rate:99999999999:1',
  'send',
  'yes',
  '',
]

const moves: fc.Arbitrary<Move> = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 40 }).map((n): Move => ({ type: 'pick', n })) },
  { weight: 4, arbitrary: text.map((t): Move => ({ type: 'text', text: t })) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.constantFrom(...FORGED_BUTTONS), fc.string({ maxLength: 64 }))
      .map((value): Move => ({ type: 'choice', value })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        mimeType: fc.constantFrom('image/jpeg', 'image/png', 'application/pdf', 'text/html', ''),
        sizeBytes: fc.oneof(fc.integer({ min: 1, max: MAX_PHOTO_BYTES }), fc.constant(MAX_PHOTO_BYTES + 1)),
        id: fc.string({ minLength: 1, maxLength: 20 }),
      })
      .map((p): Move => ({
        type: 'photo',
        photo: { ref: { telegramFileId: p.id }, mimeType: p.mimeType, sizeBytes: p.sizeBytes },
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.record({
          lat: fc.double({ min: -90, max: 90, noNaN: true }),
          lon: fc.double({ min: -180, max: 180, noNaN: true }),
        }),
        fc.constant(LIDA_CENTRE),
      )
      .map((p): Move => ({ type: 'location', ...p })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        phone: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('+375291112233')),
        own: fc.boolean(),
        verified: fc.boolean(),
      })
      .map((c): Move => ({ type: 'contact', ...c })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        name: fc.oneof(
          fc.constantFrom(
            'start',
            'cancel',
            'menu',
            'help',
            'report',
            'new',
            'my',
            'status',
            'lang',
            'phones',
            'settings',
          ),
          fc.stringMatching(/^[a-z_]{1,32}$/),
        ),
        args: text,
      })
      .map((c): Move => ({ type: 'command', ...c })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.constant(null),
        fc.constantFrom('c_heating_no-heat', 'd_lida', 'c_gas_smell', 'c_', 'd_'),
        fc.string({ maxLength: 64 }),
      )
      .map((payload): Move => ({ type: 'start', payload })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('sticker', 'voice', 'video', 'document', 'other')
      .map((kind): Move => ({ type: 'unsupported', kind })),
  },
)

// ---------------------------------------------------------------------------------------------
// The world the commands reach: requests stored by the draft's id, as the database does.
// ---------------------------------------------------------------------------------------------

interface World {
  created: Map<string, number>
  submits: number
}

/** Submission's own checks, as `submitRequest` makes them: a draft only reaches it when it passes. */
function refusal(draft: Draft): string | null {
  const description = draft.description ?? ''
  if (visibleCharacters(description) < DESCRIPTION_MIN_LENGTH) return 'description-too-short'
  if (characters(description) > DESCRIPTION_MAX_LENGTH) return 'description-too-long'
  const found = draft.categoryCode === null ? undefined : findCategory(catalogue, draft.categoryCode)
  if (!found) return 'unknown-category'
  if (found.leaf.photoRequired && draft.photos.length === 0) return 'photo-required'
  if (draft.districtCode === null) return 'address-required'
  return null
}

function answer(world: World, command: DialogueCommand, duplicates: boolean): CommandResult | null {
  switch (command.type) {
    case 'check-before-send':
      return {
        type: 'checked',
        duplicates: duplicates ? [aSummary({ id: 41, addressText: 'Лида, ул. Советская, 5, кв. 99' })] : [],
        notices: duplicates ? [aNotice({ body: 'x\u0000'.repeat(10) })] : [],
      }
    case 'submit': {
      world.submits += 1
      const refused = refusal(command.draft)
      if (refused !== null) return { type: 'submitted', outcome: { ok: false, error: refused } }
      const known = world.created.get(command.draft.id)
      world.created.set(command.draft.id, known ?? world.created.size + 1)
      return {
        type: 'submitted',
        outcome: {
          ok: true,
          number: `GR-26-00000${known ?? world.created.size}`,
          organisationName: null,
          fixDueAt: '2026-12-14T21:00:00.000Z',
          created: known === undefined,
        },
      }
    }
    case 'list-requests':
      return { type: 'request-list', items: [aSummary()], hasMore: command.page < 2 }
    case 'show-request':
      return { type: 'request-card', card: aCard({ own: false, description: 'x'.repeat(4000) }) }
    case 'follow':
      return { type: 'followed', number: 'GR-26-004217' }
    case 'list-notices':
      return { type: 'notices', items: [aNotice({ body: '&'.repeat(3500) })] }
    case 'save-profile':
      return null
    case 'forget-me':
      return { type: 'forgotten' }
  }
}

// ---------------------------------------------------------------------------------------------
// What must hold.
// ---------------------------------------------------------------------------------------------

// What neither PostgreSQL nor Telegram takes.
const UNSENDABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function expectValidDraft(draft: Draft | null): void {
  if (draft === null) return
  // (JSON.stringify would hide them as \u escapes: the fields themselves are looked at.)
  for (const field of [draft.description, draft.street, draft.house, draft.flat, draft.phone])
    if (field !== null) expect(field).not.toMatch(UNSENDABLE)
  if (draft.description !== null) {
    expect(visibleCharacters(draft.description)).toBeGreaterThanOrEqual(DESCRIPTION_MIN_LENGTH)
    expect(characters(draft.description)).toBeLessThanOrEqual(DESCRIPTION_MAX_LENGTH)
  }
  if (draft.street !== null) expect(draft.street).toMatch(STREET)
  if (draft.flat !== null) expect(draft.flat.length).toBeLessThanOrEqual(40)
  expect(draft.photos.length).toBeLessThanOrEqual(MAX_PHOTOS)
  for (const p of draft.photos) {
    expect(p.mimeType.startsWith('image/')).toBe(true)
    expect(p.sizeBytes).toBeLessThanOrEqual(MAX_PHOTO_BYTES)
  }
  if (draft.categoryCode !== null) expect(findCategory(catalogue, draft.categoryCode)).toBeDefined()
  if (draft.districtCode !== null) expect(findDistrict(catalogue, draft.districtCode)).toBeDefined()
  expect(JSON.stringify(draft.offered)).not.toContain('кв.')
}

/** Balanced tags and whole entities: what Telegram's HTML parser accepts. */
function expectTelegramHtml(html: string): void {
  expect(html.length).toBeGreaterThan(0)
  expect(html.length).toBeLessThanOrEqual(4096)
  expect(html).not.toMatch(UNSENDABLE)
  const open: string[] = []
  for (const m of html.matchAll(/<(\/?)([a-z-]+)[^>]*>/g)) {
    expect(['b', 'i', 'u', 's', 'a', 'code', 'pre', 'tg-spoiler', 'blockquote']).toContain(m[2])
    if (m[1] === '') open.push(m[2] ?? '')
    else expect(open.pop()).toBe(m[2])
  }
  expect(open).toEqual([])
  expect(html.replace(/<[^>]+>/g, '')).toMatch(/^(?:[^&<>]|&(?:amp|lt|gt|quot);)*$/)
}

interface Sent {
  method: string
  text: string
  callbackData: string[]
}

/** A stand-in for grammY's Api that keeps what the Telegram renderer sends. */
function recordingApi(sent: Sent[]): Api {
  const keep = (method: string, body: string, options?: { reply_markup?: unknown }) => {
    const markup = options?.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined
    sent.push({
      method,
      text: body,
      callbackData: (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? ''),
    })
    return Promise.resolve(true)
  }
  const api = {
    sendMessage: (_chat: number, body: string, options?: { reply_markup?: unknown }) =>
      keep('sendMessage', body, options),
    sendPhoto: () => keep('sendPhoto', 'photo'),
    sendMediaGroup: () => keep('sendMediaGroup', 'album'),
  }
  return api as unknown as Api
}

const renderTelegram = createRenderer(translate)
const renderViber = createViberRenderer({ translate, photoUrl: (id) => `https://115.example.org/media/${id}` })

async function expectRendered(language: Language, messages: OutboundMessage[]): Promise<void> {
  for (const key of allKeys(messages)) expect(LOCALE_KEYS.has(key), `locale key ${key}`).toBe(true)
  const sent: Sent[] = []
  await renderTelegram(recordingApi(sent), 1, language, messages)
  for (const s of sent.filter((x) => x.method === 'sendMessage')) {
    expectTelegramHtml(s.text)
    for (const data of s.callbackData) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64)
  }
  for (const m of renderViber(language, messages)) {
    if (m.type !== 'text') continue
    expect(m.text.length).toBeLessThanOrEqual(7000)
    expect(m.text).not.toMatch(UNSENDABLE)
  }
  // Nothing said is lost on the way: every line of every message reaches the chat.
  const all = sent.map((s) => htmlToPlain(s.text)).join('')
  for (const m of messages)
    expect(all.replace(/\s/g, '')).toContain(htmlToPlain(translate(language, m.text)).replace(/\s/g, ''))
}

function moveToInput(move: Move, state: DialogueState): StepInput {
  if (move.type !== 'pick') return move
  const offered = state.expected
  const value = offered.length === 0 ? 'menu:report' : (offered[move.n % offered.length] ?? 'menu:report')
  return { type: 'choice', value }
}

async function drive(language: Language, start: RoutableStep | null, sequence: Move[], duplicates: boolean) {
  const world: World = { created: new Map(), submits: 0 }
  const context = ctx({ profile: { language, consentGiven: duplicates } })
  let state: DialogueState = initialState(language)
  const inputs: Move[] = [...(start === null ? [] : routeTo(start)), ...sequence]
  for (const move of inputs) {
    const input = moveToInput(move, state)
    let out = step(state, input, context)
    const messages = [...out.messages]
    let submitted = false
    for (let round = 0; round < 4 && out.commands.length > 0; round++) {
      const commands: DialogueCommand[] = []
      let next = out.state
      for (const c of out.commands) {
        if (c.type === 'submit') submitted = true
        const r = answer(world, c, duplicates)
        if (r === null) continue
        const after = step(next, { type: 'result', result: r }, context)
        messages.push(...after.messages)
        commands.push(...after.commands)
        next = after.state
      }
      out = { state: next, messages: [], commands }
    }
    state = out.state
    expectValidDraft(state.draft)
    // "Send" either files the request or says why not.
    if (submitted)
      expect(allKeys(messages).some((k) => k.startsWith('report.sent') || k.startsWith('report.error.'))).toBe(true)
    // Every turn answers: a person never meets silence.
    const answered = messages.length > 0
    expect(answered || input.type === 'result').toBe(true)
    await expectRendered(state.language, messages)
  }
  // One draft, one request: however often "send" came, each draft id was created once at most.
  expect(new Set(world.created.values()).size).toBe(world.created.size)
}

describe('the resident dialogue under any input', () => {
  it('when random sequences of anything arrive in any step and language, then it never throws, always answers in valid, localized, sendable messages and keeps only valid drafts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LANGUAGES),
        fc.option(fc.constantFrom(...REPORT_STEPS), { nil: null }),
        fc.array(moves, { minLength: 1, maxLength: 25 }),
        fc.boolean(),
        async (language, start, sequence, duplicates) => {
          await drive(language, start, sequence, duplicates)
        },
      ),
      RUNS,
    )
  }, 120_000)
})
