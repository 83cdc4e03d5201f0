import { setTimeout as sleep } from 'node:timers/promises'
import type { BotPacer } from './bot-pacer.js'

/** A "go" acted on this much later than usual is not trusted (see `pass`). */
const STALE_GO_MS = 5
/** At most this many stale "go"s are asked again for one send; then it goes (a slow process stays slow). */
const MAX_REASKS = 3
/** A claimed send waits at the gate no longer than this; beyond it the claim is given back. */
const MAX_GATE_WAIT_MS = 250

export type GatePassage = { kind: 'go' } | { kind: 'back'; waitMs: number }

/**
 * The send's side of the bot gate (bot-pacer.ts), taken after the claim and right before the
 * HTTP call. The gate counts a send at the time it tells; if this process acts on a "go" late
 * (it was busy, e.g. collecting garbage), the send would leave bunched with later ones and
 * Telegram's window would see one too many. Such a send asks again, handing its count back.
 */
export function createSendGate(botPacer: BotPacer) {
  // How late a "go" is usually acted on here (a moving average): Redis may be a network hop away.
  let usualLateMs = 1
  return {
    async pass(): Promise<GatePassage> {
      const started = performance.now()
      let unused: string | undefined
      let reasks = 0
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
        usualLateMs += (late - usualLateMs) / 32
        if (!stale || reasks === MAX_REASKS) return { kind: 'go' }
        reasks += 1
        unused = gate.counted
      }
    },
  }
}

export type SendGate = ReturnType<typeof createSendGate>
