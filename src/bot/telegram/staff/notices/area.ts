import { htmlToPlain } from '../../../../core/i18n/translate.js'
import type { NoticeArea, StreetPart } from '../../../../core/notices/notice.js'
import type { NoticePlace } from '../../../../core/notices/notice-places.js'
import { parseStreets } from '../../../../core/notices/streets.js'
import { pressedOf } from '../../callbacks.js'
import { unlessHarmless } from '../../harmless-errors.js'
import { keyboard } from '../shared/keyboard.js'
import { waitForButton, waitForOwn } from '../shared/wait.js'
import { WHOLE_SETTLEMENT, areaButtons, districtButtons, settlementButtons } from './compose-rules.js'
import { districtPicker, toggled } from './districts.js'
import { failureText } from './texts.js'
import type { NoticeWizard } from './wizard.js'
import { HTML, REFUSED, actorOf } from './wizard.js'

/** Several districts at once; an admin of one district has nothing to choose. */
async function pickDistricts(w: NoticeWizard, districts: readonly NoticePlace[]): Promise<NoticeArea> {
  let chosen = districts.length === 1 ? districts.map((d) => d.id) : []
  if (districts.length <= 1) return { scope: 'districts', districtIds: chosen }
  await w.ctx.reply(w.t('admin.notice.ask-districts'), {
    ...HTML,
    reply_markup: districtPicker(districts, chosen, w.t),
  })
  for (;;) {
    const pressed = await waitForButton(
      w.conversation,
      w.from,
      ['notice.district-toggle', 'notice.districts-done'],
      (c) => c.reply(w.t('admin.notice.use-buttons')),
    )
    const done = pressed.value.kind === 'notice.districts-done'
    if (done && chosen.length > 0) {
      await pressed.ctx.answerCallbackQuery()
      await w.takeButtonsAway(pressed.ctx)
      return { scope: 'districts', districtIds: chosen }
    }
    if (pressed.value.kind === 'notice.districts-done') {
      await pressed.ctx.answerCallbackQuery({ text: htmlToPlain(w.t('admin.notice.error.area-empty')) })
      continue
    }
    chosen = toggled(chosen, pressed.value.districtId, districts)
    // The tick shows before the button stops spinning.
    await pressed.ctx
      .editMessageReplyMarkup({ reply_markup: districtPicker(districts, chosen, w.t) })
      .catch(unlessHarmless(w.log, 'ticking a district'))
    await pressed.ctx.answerCallbackQuery()
  }
}

/** Streets (with houses) typed one per line, or the whole settlement by its button. */
async function pickStreets(w: NoticeWizard): Promise<StreetPart[]> {
  await w.ctx.reply(w.t('admin.notice.ask-streets'), {
    ...HTML,
    reply_markup: keyboard([{ label: w.t('admin.notice.whole-settlement'), data: WHOLE_SETTLEMENT }]),
  })
  for (;;) {
    const answer = await waitForOwn(
      w.conversation,
      w.from,
      (c) => c.message?.text ?? (pressedOf(c, 'notice.whole-settlement') ? null : undefined),
      (c) => c.reply(w.t('admin.notice.use-text')),
    )
    if (answer.value === null) {
      await answer.ctx.answerCallbackQuery()
      return []
    }
    const parsed = parseStreets(answer.value)
    if (parsed.ok) return parsed.streets
    await w.ctx.reply(w.translate(w.language, failureText(parsed.error)), HTML)
  }
}

/**
 * A district (asked only of an admin of several), one of its settlements, then streets, with the
 * settlements offered; null for a district not offered (they have been told).
 */
async function pickSettlement(
  w: NoticeWizard,
  districts: readonly NoticePlace[],
): Promise<{ area: NoticeArea; settlements: NoticePlace[] } | null> {
  let districtId = districts[0]?.id ?? 0
  if (districts.length > 1) {
    await w.ctx.reply(w.t('admin.notice.ask-district'), {
      ...HTML,
      reply_markup: keyboard(districtButtons(districts, w.t), 2),
    })
    districtId = (await w.choose('notice.district')).districtId
    // Only a district offered above: a forged button shows no other district's places.
    if (!districts.some((d) => d.id === districtId)) {
      await w.ctx.reply(w.t('admin.notice.error.not-allowed'), HTML)
      return null
    }
  }
  const settlements = await w.conversation.external(() => w.ports.settlementsOf(districtId))
  await w.ctx.reply(w.t('admin.notice.ask-settlement'), {
    ...HTML,
    reply_markup: keyboard(settlementButtons(settlements, w.t), 2),
  })
  const settlementId = (await w.choose('notice.settlement')).settlementId
  return { area: { scope: 'settlement', settlementId, streets: await pickStreets(w) }, settlements }
}

export interface ChosenArea {
  area: NoticeArea
  districts: NoticePlace[]
  settlements: NoticePlace[]
}

/**
 * Step "area": the whole region, districts, or a settlement and streets, among the places the
 * admin may send notices to, with the places offered (their names go into the preview). Null when
 * they may send none (they have been told).
 */
export async function askArea(w: NoticeWizard): Promise<ChosenArea | null> {
  const where = await w.conversation.external((outside) => {
    const actor = actorOf(outside)
    return actor ? w.ports.areaChoices(actor) : REFUSED
  })
  if (!where.ok) {
    await w.ctx.reply(w.t('admin.notice.error.not-allowed'), HTML)
    return null
  }
  const { districts } = where
  await w.ctx.reply(w.t('admin.notice.ask-area'), { ...HTML, reply_markup: keyboard(areaButtons(where.region, w.t)) })
  const scope = (await w.choose('notice.area')).area
  if (scope === 'district') return { area: await pickDistricts(w, districts), districts, settlements: [] }
  if (scope !== 'region') {
    const picked = await pickSettlement(w, districts)
    return picked ? { ...picked, districts } : null
  }
  return { area: { scope: 'region' }, districts, settlements: [] }
}
