import type { Redis } from 'ioredis'
import type { DialogueState } from '../../core/dialogue/state.js'
import type { DialogueStateStore } from '../../core/dialogue/handle-dialogue-event.js'

/** A draft lives this long after the last message; then the conversation starts afresh. */
export const DIALOGUE_TTL_SECONDS = 24 * 3600

// Compare-and-set on the version: one Lua script, so no other writer slips in between.
const SAVE = `
local stored = redis.call('HGET', KEYS[1], 'v')
if (stored or '0') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[3], 's', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
`

function parseState(json: string | undefined): DialogueState | null {
  if (json === undefined) return null
  try {
    const value = JSON.parse(json) as Partial<DialogueState>
    // A state written by an older release that no longer fits starts afresh rather than crashing.
    if (typeof value.version !== 'number' || typeof value.step !== 'string' || !Array.isArray(value.expected))
      return null
    return value as DialogueState
  } catch {
    return null
  }
}

export function createDialogueStateStore(redis: Redis, prefix = 's115:dialogue:'): DialogueStateStore {
  return {
    load: async (key) => {
      const stored = await redis.hget(prefix + key, 's')
      return parseState(stored ?? undefined)
    },
    save: async (key, state, expectedVersion) => {
      const saved = await redis.eval(
        SAVE,
        1,
        prefix + key,
        JSON.stringify(state),
        String(expectedVersion),
        String(state.version),
        String(DIALOGUE_TTL_SECONDS),
      )
      return saved === 1
    },
  }
}
