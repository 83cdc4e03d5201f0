import { createConversation } from '@grammyjs/conversations'
import { Composer } from 'grammy'
import type { BotContext, StaffFeature } from '../../context.js'
import { behindErrorBoundary } from '../shared/boundary.js'
import { installAssignments } from './assignments.js'
import type { ExecutorDeps } from './ports.js'
import { FINISH_WIZARD, finishWizard } from './finish-wizard.js'

/** The executor's work: /mine, "start", and the "done" wizard (after photos, comment, confirmation). */
export function createExecutorFeature(deps: ExecutorDeps): StaffFeature {
  const feature: StaffFeature = {
    install: (composer) => {
      const own = new Composer<BotContext>()
      own.use(createConversation(finishWizard(deps), { id: FINISH_WIZARD }))
      installAssignments(own, deps)
      composer.filter((ctx) => ctx.chat?.type === 'private', own)
    },
  }
  return behindErrorBoundary('executor', feature, deps)
}
