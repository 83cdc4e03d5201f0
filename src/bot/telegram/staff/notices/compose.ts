import type { Context } from 'grammy'
import type { Language } from '../../../../core/i18n/text.js'
import type { Translate } from '../../../../core/i18n/translate.js'
import type { StaffLog } from '../shared/boundary.js'
import { askArea } from './area.js'
import type { NoticePorts } from './ports.js'
import { decideAndSend, showPreview } from './preview.js'
import { askBody, askKind, askPhoto, askService, askWindow } from './steps.js'
import type { NoticeConversation } from './wizard.js'
import { noticeWizard } from './wizard.js'

export const COMPOSE_NOTICE = 'notice-compose'

/**
 * /notice: kind → area (the region, districts, or a settlement and streets) → service → time
 * window → text → photo → preview → send, schedule or drop.
 * Every database read and the clock go through `conversation.external`; Bot API calls never do.
 */
export function composeNotice(ports: NoticePorts, translate: Translate, log: StaffLog) {
  return async function compose(conversation: NoticeConversation, ctx: Context, language: Language): Promise<void> {
    const from = ctx.from?.id
    if (from === undefined) return
    const w = noticeWizard({ conversation, ctx, language, from, ports, translate, log })
    const kind = await askKind(w)
    if (kind === null) return
    const where = await askArea(w)
    if (where === null) return
    const service = await askService(w)
    if (service === null) return
    const window = await askWindow(w)
    const body = await askBody(w)
    const photo = await askPhoto(w, body)
    const draft = { kind, service, area: where.area, ...window, body, photo }
    await showPreview(w, draft, where)
    await decideAndSend(w, draft)
  }
}
