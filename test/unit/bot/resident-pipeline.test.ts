import { describe, expect, it } from 'vitest'
import type { FloodVerdict } from '../../../src/bot/shared/flood-guard.js'
import type { ResidentInput, ResidentPerson, ResidentUpdate } from '../../../src/bot/shared/resident-pipeline.js'
import { RATING_REPLY, createResidentPipeline } from '../../../src/bot/shared/resident-pipeline.js'
import type { UpdateLedger } from '../../../src/bot/shared/update-ledger.js'
import type { DialogueReply, DialogueTurn } from '../../../src/core/dialogue/handle-dialogue-event.js'
import { say } from '../../../src/core/dialogue/messages.js'
import { text } from '../../../src/core/i18n/text.js'
import type { RateRequestResult } from '../../../src/core/requests/rate-request.js'

/** A ledger in memory: what was claimed, completed and released. */
function memoryLedger(): UpdateLedger & { done: Set<string>; held: Set<string> } {
  const done = new Set<string>()
  const held = new Set<string>()
  return {
    done,
    held,
    claim: (key) => {
      if (done.has(key) || held.has(key)) return Promise.resolve(false)
      held.add(key)
      return Promise.resolve(true)
    },
    complete: (key) => {
      held.delete(key)
      done.add(key)
      return Promise.resolve()
    },
    release: (key) => {
      held.delete(key)
      return Promise.resolve()
    },
  }
}

interface Setup {
  flood?: FloodVerdict
  dialogue?: (turn: DialogueTurn) => Promise<DialogueReply>
  rate?: RateRequestResult
}

function setup(options: Setup = {}) {
  const updates = memoryLedger()
  const turns: DialogueTurn[] = []
  const errors: string[] = []
  const pipeline = createResidentPipeline<ResidentPerson>({
    channel: 'telegram',
    updates,
    floodGuard: () => Promise.resolve(options.flood ?? 'ok'),
    loadPerson: () => Promise.resolve({ userId: 7, language: 'be' }),
    handleDialogueEvent: (turn) => {
      turns.push(turn)
      return options.dialogue
        ? options.dialogue(turn)
        : Promise.resolve({ language: 'be', messages: [say(text('menu.title'))] })
    },
    rate: () => Promise.resolve(options.rate ?? { ok: true, outcome: 'closed' }),
    log: { error: (_fields, message) => errors.push(message) },
  })
  return { pipeline, updates, turns, errors }
}

/** An update whose answers are collected; `failReplies` replies fail before one goes out. */
function anUpdate(input: ResidentInput | null, failReplies = 0) {
  const replies: string[][] = []
  const kinds: string[] = []
  let failures = failReplies
  const update: ResidentUpdate<ResidentPerson> = {
    externalId: '42',
    updateKey: 'u1',
    channelLanguage: 'be',
    read: () => Promise.resolve(input),
    reply: (answer, kind) => {
      if (failures > 0) {
        failures -= 1
        return Promise.reject(new Error('channel refused'))
      }
      replies.push(answer.messages.flatMap((m) => m.text.map((t) => t.key)))
      kinds.push(kind)
      return Promise.resolve()
    },
  }
  return { update, replies, kinds }
}

const startEvent: ResidentInput = { type: 'event', event: { type: 'start', payload: null } }

describe('the resident pipeline', () => {
  it('when an update comes twice, then the dialogue hears it once and it is recorded as handled', async () => {
    const { pipeline, updates, turns } = setup()
    const first = anUpdate(startEvent)
    await pipeline(first.update)
    await pipeline(anUpdate(startEvent).update)
    expect(turns).toHaveLength(1)
    expect(first.replies).toEqual([['menu.title']])
    expect(first.kinds).toEqual(['answer'])
    expect(updates.done.has('u1')).toBe(true)
  })

  it('when the person floods, then the first one over is asked to slow down and the rest is dropped unanswered', async () => {
    const warned = setup({ flood: 'warn' })
    const warn = anUpdate(startEvent)
    await warned.pipeline(warn.update)
    expect(warn.replies).toEqual([['common.flood']])
    expect(warn.kinds).toEqual(['notice'])
    const dropped = setup({ flood: 'drop' })
    const drop = anUpdate(startEvent)
    await dropped.pipeline(drop.update)
    expect(drop.replies).toEqual([])
    expect([warned.turns, dropped.turns]).toEqual([[], []])
    expect(dropped.updates.done.has('u1')).toBe(true)
  })

  it.each(Object.entries(RATING_REPLY))('when a rating comes out %s, then the person reads %s', async (code, key) => {
    const rate: RateRequestResult =
      code === 'closed' || code === 'reopened' ? { ok: true, outcome: code } : { ok: false, error: code as 'not-found' }
    const { pipeline, turns } = setup({ rate })
    const rating = anUpdate({ type: 'rating', requestId: 5, rating: 4 })
    await pipeline(rating.update)
    expect(rating.replies).toEqual([[key]])
    expect(turns).toEqual([])
  })

  it('when the dialogue fails and the apology goes out, then the person is told once and the update counts as handled', async () => {
    const { pipeline, updates } = setup({ dialogue: () => Promise.reject(new Error('database down')) })
    const failing = anUpdate(startEvent)
    await pipeline(failing.update)
    expect(failing.replies).toEqual([['common.error']])
    // A notice, not an answer: the button the person pressed stays for another try.
    expect(failing.kinds).toEqual(['notice'])
    expect(updates.done.has('u1')).toBe(true)
  })

  it('when neither the answer nor the apology can be sent, then the update is released and the failure thrown for a retry', async () => {
    const { pipeline, updates, turns } = setup()
    await expect(pipeline(anUpdate(startEvent, 2).update)).rejects.toThrow('channel refused')
    expect(updates.done.has('u1')).toBe(false)
    expect(updates.held.has('u1')).toBe(false)
    const retry = anUpdate(startEvent)
    await pipeline(retry.update)
    expect(retry.replies).toEqual([['menu.title']])
    expect(turns).toHaveLength(2)
  })

  it('when the answer went out but recording it fails, then the update does not fail (a retry would answer twice)', async () => {
    const { pipeline, updates, errors } = setup()
    updates.complete = () => Promise.reject(new Error('database down'))
    const answered = anUpdate(startEvent)
    await pipeline(answered.update)
    expect(answered.replies).toEqual([['menu.title']])
    expect(errors).toEqual(['handled update not recorded'])
  })

  it('when a photo is to be kept, then the dialogue gets a keeper bound to the person', async () => {
    const kept: number[] = []
    const { pipeline, turns } = setup({
      dialogue: async (turn) => {
        await turn.keepPhoto?.()
        return { language: 'be', messages: [] }
      },
    })
    await pipeline(
      anUpdate({
        type: 'event',
        event: { type: 'photo', photo: { ref: { uploadId: 0 }, mimeType: 'image/jpeg', sizeBytes: 10 } },
        keepPhoto: (userId) => {
          kept.push(userId)
          return Promise.resolve({ uploadId: 1 })
        },
      }).update,
    )
    expect(kept).toEqual([7])
    expect(turns[0]).toMatchObject({ channel: 'telegram', externalId: '42', userId: 7, channelLanguage: 'be' })
  })
})
