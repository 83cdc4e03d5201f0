import type { Composer } from 'grammy'
import { INVITE_PAYLOAD_PREFIX } from '../../../../core/access/invites.js'
import { text } from '../../../../core/i18n/text.js'
import type { BotContext } from '../../context.js'
import type { OnboardingDeps } from './ports.js'
import { placeText, roleText } from './places.js'
import { NEXT_STEP, REDEEM_ERROR } from './texts.js'

/**
 * `/start inv_<token>` in a private chat: the invite is redeemed here, before the resident
 * dialogue sees /start. A plain /start from a staff member refreshes their command menu and
 * goes on to the dialogue's greeting.
 */
export function installRedeem(composer: Composer<BotContext>, deps: OnboardingDeps): void {
  composer.command('start', async (ctx, next) => {
    const person = ctx.person
    if (ctx.chat.type !== 'private' || !person) return next()
    const payload = ctx.match.trim()
    if (!payload.startsWith(INVITE_PAYLOAD_PREFIX)) {
      if (person.actor.memberships.length > 0)
        await deps.showCommandMenu(ctx.api, ctx.chat.id, person.actor).catch((error: unknown) => {
          deps.log.warn({ err: error }, 'staff command menu not set')
        })
      return next()
    }
    const say = (message: Parameters<OnboardingDeps['translate']>[1]) =>
      ctx.reply(deps.translate(person.language, message), { parse_mode: 'HTML' })
    const from = ctx.from
    const displayName = from ? [from.first_name, from.last_name].filter(Boolean).join(' ') : null
    const result = await deps.redeemInvite({
      userId: person.userId,
      token: payload.slice(INVITE_PAYLOAD_PREFIX.length),
      displayName,
    })
    if (!result.ok) {
      if (result.error !== 'already-member') {
        await say(text(REDEEM_ERROR[result.error]))
        return
      }
      const place = placeText(await deps.placeNames(result.membership))
      await say(
        text('staff.invite.already-member', {
          role: { text: roleText(result.membership.role) },
          place: { text: place },
        }),
      )
      return
    }
    const { membership } = result
    const place = placeText(await deps.placeNames(membership))
    const actor = await deps.loadActor(person.userId)
    await deps.showCommandMenu(ctx.api, ctx.chat.id, actor)
    await say(
      text('staff.welcome', {
        role: { text: roleText(membership.role) },
        place: { text: place },
        next: { text: text(NEXT_STEP[membership.role]) },
      }),
    )
  })
}
