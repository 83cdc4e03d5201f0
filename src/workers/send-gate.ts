import { setTimeout as sleep } from 'node:timers/promises'
import type { BotPacer } from './bot-pacer.js'

/** A "go" acted on this much later than this process's usual is not trusted (see `pass`). */
const STALE_GO_MS = 5
/** A claimed send waits at the gate no longer than this; beyond it the claim is given back. */
const MAX_GATE_WAIT_MS = 250
/** When no prompt "go" came in that time, the job comes back after this. */
const RETRY_AFTER_STALE_MS = 100

export type GatePassage = { kind: 'go' } | { kind: 'back'; waitMs: number }

/**
 * The send's side of the bot gate (bot-pacer.ts), taken after the claim and right before the
 * HTTP call. The gate counts a send at the time it tells; if this process acts on a "go" late
 * (it was busy, e.g. collecting garbage), the send would leave bunched with later ones and
 * Telegram's window would see one too many. Such a send asks again, handing its count back; a
 * send that gets no prompt "go" in MAX_GATE_WAIT_MS gives its claim back rather than go late.
 */
export function createSendGate(botPacer: BotPacer) {
  // How late a "go" is acted on here when all is well: Redis may be a network hop away. It follows
  // a faster process at once and a slower one only slowly, so that a busy spell is not taken for
  // the usual.
  let usualLateMs = 1
  const learn = (late: number) => {
    usualLateMs += (late - usualLateMs) / (late < usualLateMs ? 4 : 64)
  }
  return {
    async pass(): Promise<GatePassage> {
      const started = performance.now()
      let unused: string | undefined
      for (;;) {
        const asked = performance.now()
        const gate = await botPacer.enter(unused)
        unused = undefined
        if (gate.kind === 'paused') return { kind: 'back', waitMs: gate.waitMs }
        if (gate.kind === 'wait') {
          if (performance.now() - started + gate.waitMs > MAX_GATE_WAIT_MS) return { kind: 'back', waitMs: gate.waitMs }
          await sleep(gate.waitMs)
          continue
        }
        if (gate.inMs > 0) await sleep(gate.inMs)
        const late = performance.now() - asked - gate.inMs
        const stale = late > usualLateMs + STALE_GO_MS
        learn(late)
        if (!stale) return { kind: 'go' }
        if (performance.now() - started > MAX_GATE_WAIT_MS) {
          await botPacer.release(gate.counted)
          return { kind: 'back', waitMs: RETRY_AFTER_STALE_MS }
        }
        unused = gate.counted
      }
    },
  }
}

export type SendGate = ReturnType<typeof createSendGate>
