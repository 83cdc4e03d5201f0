import type { Composer } from 'grammy'
import type { InviteSpec } from '../../../../core/access/invites.js'
import type { Actor, StaffRole } from '../../../../core/access/permissions.js'
import { holdsAnywhere, STAFF_ROLES } from '../../../../core/access/permissions.js'
import type { Language, LocalizedText, Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import { invitableRoles, mayInviteIn, mayOfferInvite, roleScope } from '../../../../core/staff/invite-choices.js'
import { onButton } from '../../callbacks.js'
import type { BotContext } from '../../context.js'
import type { Button } from '../shared/keyboard.js'
import { keyboard } from '../shared/keyboard.js'
import { settlePress } from './buttons.js'
import type { OnboardingDeps } from './ports.js'
import { placeText, roleText } from './places.js'
import { INVITE_ERROR } from './texts.js'

const isRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value)

/** An admin's /invite: role, then district, then organisation (buttons or arguments); answers with the link. */
export function installInvite(composer: Composer<BotContext>, deps: OnboardingDeps): void {
  const say = (ctx: BotContext, language: Language, message: Text, buttons?: Button[]) =>
    ctx.reply(deps.translate(language, message), {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(buttons && { reply_markup: keyboard(buttons, 2) }),
    })

  const name = (language: Language, localized: LocalizedText) =>
    deps.translate(language, text('common.name', { name: { localized } }))

  async function issue(ctx: BotContext, actor: Actor, language: Language, spec: InviteSpec): Promise<void> {
    const result = await deps.createInvite(actor, spec)
    if (!result.ok) {
      await say(ctx, language, text(INVITE_ERROR[result.error]))
      return
    }
    const place = placeText(await deps.placeNames(spec))
    await say(
      ctx,
      language,
      text('staff.invite.created', {
        role: { text: roleText(spec.role) },
        place: { text: place },
        link: `https://t.me/${ctx.me.username}?start=${result.startPayload}`,
        until: { datetime: result.expiresAt.toISOString() },
      }),
    )
  }

  async function chooseDistrict(ctx: BotContext, actor: Actor, language: Language, role: StaffRole): Promise<void> {
    const districts = (await deps.districts()).filter((d) => mayInviteIn(actor, d.id))
    const buttons = districts.map((d) => ({
      label: name(language, d.name),
      data: encodeCallback({ kind: 'invite.district', role, districtId: d.id }),
    }))
    // Organisations serving the whole region (the contact centre) sit outside every district.
    if (roleScope(role) === 'organisation' && mayInviteIn(actor, null))
      buttons.push({
        label: deps.translate(language, text('staff.invite.region-wide')),
        data: encodeCallback({ kind: 'invite.district', role, districtId: null }),
      })
    await say(ctx, language, text('staff.invite.choose-district', { role: { text: roleText(role) } }), buttons)
  }

  async function chooseOrganisation(
    ctx: BotContext,
    language: Language,
    role: StaffRole,
    districtId: number | null,
  ): Promise<void> {
    const organisations = await deps.organisationsOf(districtId)
    if (organisations.length === 0) {
      await say(ctx, language, text('staff.invite.no-organisations'))
      return
    }
    const buttons = organisations.map((o) => ({
      label: name(language, o.name),
      data: encodeCallback({ kind: 'invite.organisation', role, organisationId: o.id }),
    }))
    await say(ctx, language, text('staff.invite.choose-organisation', { role: { text: roleText(role) } }), buttons)
  }

  composer.command('invite', async (ctx) => {
    const person = ctx.person
    if (!person) return
    const { actor, language } = person
    const [role, code, ...rest] = ctx.match.trim().split(/\s+/).filter(Boolean)
    if (role === undefined) {
      const roles = invitableRoles(actor)
      const buttons = roles.map((r) => ({
        label: deps.translate(language, roleText(r)),
        data: encodeCallback({ kind: 'invite.role', role: r }),
      }))
      await say(ctx, language, text('staff.invite.choose-role'), buttons)
      return
    }
    if (!isRole(role) || rest.length > 0) {
      await say(ctx, language, text('staff.invite.usage'))
      return
    }
    const scope = roleScope(role)
    if (scope === 'region') {
      await issue(ctx, actor, language, { role, organisationId: null, districtId: null })
      return
    }
    if (code === undefined) {
      await chooseDistrict(ctx, actor, language, role)
      return
    }
    if (scope === 'organisation') {
      const organisation = await deps.organisationByCode(code)
      if (!organisation) {
        await say(ctx, language, text('staff.invite.error.unknown-organisation'))
        return
      }
      await issue(ctx, actor, language, { role, organisationId: organisation.id, districtId: null })
      return
    }
    const district = await deps.districtByCode(code)
    if (!district) {
      await say(ctx, language, text('staff.invite.error.unknown-district'))
      return
    }
    await issue(ctx, actor, language, { role, organisationId: null, districtId: district.id })
  })

  onButton(composer, ['invite.role', 'invite.district', 'invite.organisation'], async (ctx, pressed) => {
    const person = ctx.person
    await settlePress(ctx, deps.log)
    if (!person) return
    const { actor, language } = person
    // Before any picker is shown: an admin, the role theirs to hand out, the district theirs.
    if (!holdsAnywhere(actor, 'staff.invite')) {
      await say(ctx, language, text('common.staff-only'))
      return
    }
    const { role } = pressed
    const districtId = pressed.kind === 'invite.district' ? pressed.districtId : undefined
    if (!isRole(role) || !mayOfferInvite(actor, role, districtId)) {
      await say(ctx, language, text('staff.invite.error.not-allowed'))
      return
    }
    const scope = roleScope(role)
    if (pressed.kind === 'invite.role') {
      if (scope === 'region') await issue(ctx, actor, language, { role, organisationId: null, districtId: null })
      else await chooseDistrict(ctx, actor, language, role)
      return
    }
    if (pressed.kind === 'invite.organisation' && scope === 'organisation') {
      await issue(ctx, actor, language, { role, organisationId: pressed.organisationId, districtId: null })
      return
    }
    if (pressed.kind === 'invite.district' && scope === 'district') {
      await issue(ctx, actor, language, { role, organisationId: null, districtId: pressed.districtId })
      return
    }
    if (pressed.kind === 'invite.district' && scope === 'organisation') {
      await chooseOrganisation(ctx, language, role, pressed.districtId)
      return
    }
    await say(ctx, language, text('staff.stale-button'))
  })
}
