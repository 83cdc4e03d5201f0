import { describe, expect, it } from 'vitest'
import type { DialogueStateStore, ResidentServices } from '../../../../src/core/dialogue/handle-dialogue-event.js'
import { makeHandleDialogueEvent } from '../../../../src/core/dialogue/handle-dialogue-event.js'
import type { InboundEvent } from '../../../../src/core/dialogue/messages.js'
import type { DialogueState } from '../../../../src/core/dialogue/state.js'
import { MAX_PHOTO_BYTES } from '../../../../src/core/requests/request.js'
import { at, catalogue, keys } from './fixtures.js'

function memoryStates(initial?: DialogueState): DialogueStateStore & { stored: () => DialogueState | undefined } {
  let state = initial && { ...initial, version: 1 }
  return {
    stored: () => state,
    load: () => Promise.resolve(state ?? null),
    save: (_key, next, expectedVersion) => {
      if ((state?.version ?? 0) !== expectedVersion) return Promise.resolve(false)
      state = next
      return Promise.resolve(true)
    },
  }
}

const residents = {
  profile: () =>
    Promise.resolve({ language: 'ru', consentGiven: false, homeDistrictCode: null, notificationsEnabled: true }),
} as unknown as ResidentServices

/** A picture whose bytes are held only for now: `keepPhoto` counts how often it was kept. */
function heldPicture(overrides: { mimeType?: string; sizeBytes?: number } = {}) {
  let kept = 0
  const event: InboundEvent = {
    type: 'photo',
    photo: { ref: { uploadId: 0 }, mimeType: 'image/jpeg', sizeBytes: 50_000, ...overrides },
  }
  return {
    event,
    keepPhoto: () => {
      kept += 1
      return Promise.resolve({ uploadId: 100 + kept })
    },
    kept: () => kept,
  }
}

function dialogue(initial?: DialogueState) {
  const states = memoryStates(initial)
  const handle = makeHandleDialogueEvent({
    states,
    residents,
    catalogue: () => Promise.resolve(catalogue),
    newId: () => 'draft-1',
  })
  return {
    states,
    send: (turn: { event: InboundEvent; keepPhoto?: () => Promise<{ uploadId: number }> }) =>
      handle({ channel: 'viber', externalId: 'v1', userId: 1, channelLanguage: 'ru', ...turn }),
  }
}

describe('a picture the channel holds only for now is kept only when the dialogue takes it', () => {
  it('when the photo step takes the picture, then it is kept once and the draft points at the kept upload', async () => {
    const { states, send } = dialogue(at('report.photos').state)
    const picture = heldPicture()
    const reply = await send(picture)
    expect(keys(reply)).toContain('report.photo-received')
    expect(picture.kept()).toBe(1)
    expect(states.stored()?.draft?.photos.map((p) => p.ref)).toEqual([{ uploadId: 101 }])
  })

  it('when no photo is asked for, then the picture is answered and not kept', async () => {
    const { states, send } = dialogue(at('report.description').state)
    const picture = heldPicture()
    await send(picture)
    expect(picture.kept()).toBe(0)
    expect(states.stored()?.draft?.photos).toEqual([])
  })

  it('when the picture is over the size limit or no image, then the photo step refuses it and nothing is kept', async () => {
    const { send } = dialogue(at('report.photos').state)
    const large = heldPicture({ sizeBytes: MAX_PHOTO_BYTES + 1 })
    expect(keys(await send(large))).toContain('report.photo-too-large')
    const fake = heldPicture({ mimeType: 'application/octet-stream' })
    expect(keys(await send(fake))).toContain('report.photo-not-image')
    expect(large.kept() + fake.kept()).toBe(0)
  })

  it('when three pictures are taken, then a fourth is not kept', async () => {
    const { states, send } = dialogue(at('report.photos').state)
    const pictures = [heldPicture(), heldPicture(), heldPicture(), heldPicture()]
    for (const picture of pictures) await send(picture)
    expect(pictures.map((p) => p.kept())).toEqual([1, 1, 1, 0])
    expect(states.stored()?.draft?.photos).toHaveLength(3)
  })
})
