import type { Logger } from './logger.js'

export interface Shutdown {
  /** Steps run in reverse order of adding: what started last stops first (the bot before the database). */
  add: (name: string, step: () => Promise<void>) => void
  run: (reason: string) => Promise<void>
  /** Runs the steps on SIGINT / SIGTERM, then exits. */
  onSignals: () => void
}

export function createShutdown(logger: Logger, deadlineMs = 25_000): Shutdown {
  const steps: { name: string; step: () => Promise<void> }[] = []
  let running: Promise<void> | undefined

  const runSteps = async (reason: string): Promise<void> => {
    logger.info({ reason }, 'shutting down')
    for (const { name, step } of [...steps].reverse()) {
      try {
        await step()
      } catch (error) {
        logger.error({ err: error, step: name }, 'shutdown step failed')
      }
    }
  }

  const run = (reason: string): Promise<void> => {
    running ??= runSteps(reason)
    return running
  }

  return {
    add: (name, step) => {
      steps.push({ name, step })
    },
    run,
    onSignals: () => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        // `on`, not `once`: Ctrl-C under npm delivers SIGINT twice (the terminal's, and npm passing
        // it on), and a second one without a listener would kill the process mid-shutdown, leaving
        // the embedded database locked.
        process.on(signal, () => {
          if (running !== undefined) {
            logger.info({ signal }, 'already shutting down')
            return
          }
          // A hung step must not keep the process for ever; the orchestrator kills at its own deadline.
          setTimeout(() => {
            logger.error('shutdown took too long; exiting')
            process.exit(1)
          }, deadlineMs).unref()
          void run(signal).then(() => process.exit(0))
        })
      }
    },
  }
}
