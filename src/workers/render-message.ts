import type { MessageViews } from '../core/delivery/message-views.js'
import type { RenderedMessage } from '../core/delivery/ports.js'
import type { RatingTimerStore } from '../core/delivery/rating-timers.js'
import type { RecipientStore } from '../core/delivery/recipients.js'
import type { DispatchDeliveryStore } from '../core/dispatch/delivery.js'
import { escalation, newRequestCard } from '../core/dispatch/messages.js'
import { noticeMessage } from '../core/notices/notice-message.js'
import { ratingRequest, statusUpdate } from '../core/requests/messages.js'
import type { OutgoingMessage } from '../core/messages/messages.js'
import type { Language } from '../core/i18n/text.js'
import { text } from '../core/i18n/text.js'
import type { Translate } from '../core/i18n/translate.js'
import type { MessageRef } from './jobs.js'
import { assignmentMessage, infoProvidedMessage, officialAnswerMessage } from '../core/dispatch/messages.js'

/** Where each kind of message is read from. */
export interface MessageSources {
  views: MessageViews
  dispatch: Pick<DispatchDeliveryStore, 'cardView' | 'assignmentView' | 'officialAnswerView' | 'infoProvidedView'>
  recipients: Pick<RecipientStore, 'requestRouting'>
  ratings: Pick<RatingTimerStore, 'ratingState'>
}

/** The message a reference stands for, read from the database now (so it shows the current state). */
export async function messageFor(store: MessageSources, ref: MessageRef): Promise<OutgoingMessage | null> {
  switch (ref.type) {
    case 'status-update': {
      const view = await store.views.statusUpdateView(ref.requestId, ref.eventId)
      return view ? statusUpdate(view) : null
    }
    case 'request-card': {
      const view = await store.dispatch.cardView(ref.requestId, ref.copy)
      return view ? newRequestCard(view) : null
    }
    case 'reopened': {
      const request = await store.recipients.requestRouting(ref.requestId)
      return request ? { text: [text('staff.reopened', { number: request.number })], buttons: [], photo: null } : null
    }
    case 'rating': {
      const request = await store.ratings.ratingState(ref.requestId)
      // Rated or changed meanwhile: the question is no longer asked.
      if (request?.status !== 'done' || request.ratedAt !== null) return null
      return ratingRequest({ requestId: request.id, number: request.number, reminder: ref.reminder })
    }
    case 'escalation': {
      const request = await store.recipients.requestRouting(ref.requestId)
      if (!request) return null
      const dueAt = ref.deadline === 'accept' ? request.acceptDueAt : request.fixDueAt
      return escalation({
        number: request.number,
        deadline: ref.deadline,
        dueAt: dueAt.toISOString(),
        level: ref.level,
      })
    }
    case 'notice': {
      const view = await store.views.noticeView(ref.noticeId)
      return view ? noticeMessage(view) : null
    }
    case 'assignment': {
      const view = await store.dispatch.assignmentView(ref.requestId)
      return view ? assignmentMessage(view) : null
    }
    case 'official-answer': {
      const view = await store.dispatch.officialAnswerView(ref.requestId, ref.eventId)
      return view ? officialAnswerMessage(view) : null
    }
    case 'info-provided': {
      const view = await store.dispatch.infoProvidedView(ref.requestId, ref.eventId)
      return view ? infoProvidedMessage(view) : null
    }
  }
}

export const render = (translate: Translate, language: Language, message: OutgoingMessage): RenderedMessage => ({
  html: translate(language, message.text),
  buttons: message.buttons.map((row) => row.map((b) => ({ text: translate(language, b.label), data: b.value }))),
  photo: message.photo,
})
