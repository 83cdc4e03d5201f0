import type { Text } from '../i18n/text.js'
import { text } from '../i18n/text.js'
import { findDistrict } from './catalogue.js'
import { choices, say } from './messages.js'
import type { DialogueState } from './state.js'
import type { StepContext, StepOutput } from './step-kit.js'
import { ask, BACK, button, menu } from './step-kit.js'

export function askPhonesDistrict(state: DialogueState, ctx: StepContext): StepOutput {
  const districts = ctx.catalogue.districts.map((d) => ({
    value: `dist:${d.code}`,
    label: text('common.name', { name: { localized: d.name } }),
  }))
  return ask(state, 'phones.district', say(text('phones.ask-district'), choices([...districts, BACK], 2)))
}

/** Useful numbers of a district: its organisations, the region-wide ones, emergencies; no request is made. */
export function showPhones(state: DialogueState, ctx: StepContext, districtCode: string): StepOutput {
  const district = findDistrict(ctx.catalogue, districtCode)
  if (!district) return askPhonesDistrict(state, ctx)
  const lines: Text[] = [text('phones.title', { district: { localized: district.name } })]
  for (const organisation of ctx.catalogue.organisations.filter(
    (o) => o.districtId === district.id || o.districtId === null,
  )) {
    for (const phone of organisation.phones) {
      // Unverified numbers are never presented as real.
      lines.push(
        text(phone.placeholder ? 'phones.organisation-unverified' : 'phones.organisation', {
          name: { localized: organisation.name },
          phone: phone.number,
          hours: organisation.workingHours ?? '',
        }),
      )
    }
  }
  lines.push(text('phones.emergency-title'))
  for (const e of ctx.catalogue.emergencyNumbers)
    lines.push(text('phones.emergency', { name: { localized: e.name }, phone: e.phone }))
  lines.push(text('phones.faq'))
  return menu(state, [say(lines, choices([button('menu:phones-other', 'phones.other-district')]))])
}
