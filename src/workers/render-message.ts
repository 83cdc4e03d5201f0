import type { OutgoingMessage } from '../core/delivery/outgoing.js'
import { escalation, newRequestCard, noticeMessage, ratingRequest, statusUpdate } from '../core/delivery/outgoing.js'
import type { RenderedMessage } from '../core/delivery/ports.js'
import type { DeliveryStore } from '../core/delivery/stores.js'
import type { Language } from '../core/i18n/text.js'
import { text } from '../core/i18n/text.js'
import type { Translate } from '../core/i18n/translate.js'
import type { MessageRef } from './jobs.js'
import { assignmentMessage, infoProvidedMessage, officialAnswerMessage } from '../core/dispatch/messages.js'

/** The message a reference stands for, read from the database now (so it shows the current state). */
export async function messageFor(store: DeliveryStore, ref: MessageRef): Promise<OutgoingMessage | null> {
  switch (ref.type) {
    case 'status-update': {
      const view = await store.statusUpdateView(ref.requestId, ref.eventId)
      return view ? statusUpdate(view) : null
    }
    case 'request-card': {
      const view = await store.cardView(ref.requestId, ref.copy)
      return view ? newRequestCard(view) : null
    }
    case 'reopened': {
      const request = await store.requestRouting(ref.requestId)
      return request ? { text: [text('staff.reopened', { number: request.number })], buttons: [], photo: null } : null
    }
    case 'rating': {
      const request = await store.ratingState(ref.requestId)
      // Rated or changed meanwhile: the question is no longer asked.
      if (request?.status !== 'done' || request.rated_at !== null) return null
      return ratingRequest({ requestId: request.id, number: request.number, reminder: ref.reminder })
    }
    case 'escalation': {
      const request = await store.requestRouting(ref.requestId)
      if (!request) return null
      const dueAt = ref.deadline === 'accept' ? request.accept_due_at : request.fix_due_at
      return escalation({
        number: request.number,
        deadline: ref.deadline,
        dueAt: dueAt.toISOString(),
        level: ref.level,
      })
    }
    case 'notice': {
      const view = await store.noticeView(ref.noticeId)
      return view ? noticeMessage(view) : null
    }
    case 'assignment': {
      const view = await store.assignmentView(ref.requestId)
      return view ? assignmentMessage(view) : null
    }
    case 'official-answer': {
      const view = await store.officialAnswerView(ref.requestId, ref.eventId)
      return view ? officialAnswerMessage(view) : null
    }
    case 'info-provided': {
      const view = await store.infoProvidedView(ref.requestId, ref.eventId)
      return view ? infoProvidedMessage(view) : null
    }
  }
}

export const render = (translate: Translate, language: Language, message: OutgoingMessage): RenderedMessage => ({
  html: translate(language, message.text),
  buttons: message.buttons.map((row) => row.map((b) => ({ text: translate(language, b.label), data: b.value }))),
  photo: message.photo,
})
