import type { Composer } from 'grammy'
import { holdsAnywhere } from '../../../../core/access/permissions.js'
import type { Language, Text } from '../../../../core/i18n/text.js'
import { text } from '../../../../core/i18n/text.js'
import { encodeCallback } from '../../../../core/shared/callback-data.js'
import type { StaffListEntry } from '../../../../core/staff/list-staff.js'
import { onButton } from '../../callbacks.js'
import type { BotContext } from '../../context.js'
import type { Button } from '../shared/keyboard.js'
import { keyboard } from '../shared/keyboard.js'
import { pagingOf } from '../shared/paging.js'
import { settlePress } from './buttons.js'
import type { OnboardingDeps } from './ports.js'
import { memberName, placeText, roleText } from './places.js'
import { REVOKE_ERROR } from './texts.js'

/**
 * One page stays under Telegram's 4096 characters and 100 buttons: a line may run to about 250
 * characters (two 64-character names, an organisation, a district).
 */
const SHOWN = 15

const describe = (m: StaffListEntry) => ({
  name: { text: memberName(m) },
  role: { text: roleText(m.role) },
  place: { text: placeText({ organisation: m.organisationName, district: m.districtName }) },
})

/** /staff and /revoke: the members an admin manages, a button to revoke each, a confirmation. */
export function installStaffList(composer: Composer<BotContext>, deps: OnboardingDeps): void {
  const say = (ctx: BotContext, language: Language, message: Text | Text[], buttons?: Button[]) =>
    ctx.reply(deps.translate(language, message), {
      parse_mode: 'HTML',
      ...(buttons && { reply_markup: keyboard(buttons, 2) }),
    })

  async function showList(ctx: BotContext, asked = 0): Promise<void> {
    const person = ctx.person
    if (!person) return
    const { language } = person
    const result = await deps.listStaff(person.actor)
    if (!result.ok) {
      await say(ctx, language, text('common.staff-only'))
      return
    }
    if (result.members.length === 0) {
      await say(ctx, language, text('staff.list.empty'))
      return
    }
    const paging = pagingOf(result.members.length, SHOWN, asked)
    const shown = result.members.slice(paging.offset, paging.offset + SHOWN)
    // Numbers run on across pages: "3." is the same person on whichever page it is pressed.
    const numbered = shown.map((m, i) => ({ m, n: paging.offset + i + 1 }))
    const lines: Text[] = [
      text('staff.list.title', { count: result.members.length }),
      ...numbered.map(({ m, n }) => text('staff.list.item', { n, ...describe(m) })),
    ]
    if (paging.pages > 1) lines.push(text('staff.list.page', { page: paging.page + 1, pages: paging.pages }))
    const buttons = numbered.flatMap(({ m, n }) =>
      m.revocable
        ? [
            {
              label: deps.translate(language, text('staff.button.revoke', { n, name: { text: memberName(m) } })),
              data: encodeCallback({ kind: 'staff.revoke', membershipId: m.membershipId }),
            },
          ]
        : [],
    )
    if (buttons.length > 0) lines.push(text('staff.list.revoke-hint'))
    const pageButtons = [
      ...(paging.previous === null
        ? []
        : [
            {
              label: deps.translate(language, text('staff.button.previous')),
              data: encodeCallback({ kind: 'staff.page', page: paging.previous }),
            },
          ]),
      ...(paging.next === null
        ? []
        : [
            {
              label: deps.translate(language, text('staff.button.next')),
              data: encodeCallback({ kind: 'staff.page', page: paging.next }),
            },
          ]),
    ]
    const rows = [
      ...keyboard(buttons, 2).inline_keyboard,
      ...(pageButtons.length > 0 ? keyboard(pageButtons, 2).inline_keyboard : []),
    ]
    await ctx.reply(deps.translate(language, lines), {
      parse_mode: 'HTML',
      ...(rows.length > 0 && { reply_markup: { inline_keyboard: rows } }),
    })
  }

  composer.command('staff', (ctx) => showList(ctx))
  composer.command('revoke', async (ctx) => {
    const person = ctx.person
    if (!person) return
    // Revoking goes through the list: an admin picks a person they can see, never a bare id.
    if (ctx.match.trim() !== '') await say(ctx, person.language, text('staff.revoke.usage'))
    await showList(ctx)
  })

  onButton(composer, 'staff.page', async (ctx, { page }) => {
    await settlePress(ctx, deps.log)
    await showList(ctx, page)
  })

  onButton(composer, 'staff.revoke', async (ctx, { membershipId }) => {
    const person = ctx.person
    await settlePress(ctx, deps.log)
    if (!person) return
    const { language } = person
    const listed = await deps.listStaff(person.actor)
    if (!listed.ok) {
      await say(ctx, language, text('common.staff-only'))
      return
    }
    const member = listed.members.find((m) => m.membershipId === membershipId)
    if (!member) {
      await say(ctx, language, text('staff.revoke.error.not-found'))
      return
    }
    if (!member.revocable) {
      await say(ctx, language, text('staff.revoke.error.not-allowed'))
      return
    }
    await say(ctx, language, text('staff.revoke.confirm', describe(member)), [
      {
        label: deps.translate(language, text('common.button.yes')),
        data: encodeCallback({ kind: 'staff.revoke-confirm', membershipId }),
      },
      {
        label: deps.translate(language, text('common.button.no')),
        data: encodeCallback({ kind: 'staff.revoke-keep' }),
      },
    ])
  })

  onButton(composer, 'staff.revoke-keep', async (ctx) => {
    await settlePress(ctx, deps.log)
    const person = ctx.person
    if (!person) return
    const managesStaff = holdsAnywhere(person.actor, 'staff.revoke')
    await say(ctx, person.language, text(managesStaff ? 'staff.revoke.kept' : 'common.staff-only'))
  })

  onButton(composer, 'staff.revoke-confirm', async (ctx, { membershipId }) => {
    const person = ctx.person
    await settlePress(ctx, deps.log)
    if (!person) return
    const { language } = person
    // Whoever may not see the list learns nothing and locks nothing.
    const listed = await deps.listStaff(person.actor)
    if (!listed.ok) {
      await say(ctx, language, text('common.staff-only'))
      return
    }
    const member = listed.members.find((m) => m.membershipId === membershipId)
    const result = await deps.revokeMembership(person.actor, membershipId)
    if (!result.ok) {
      await say(ctx, language, text(REVOKE_ERROR[result.error]))
      return
    }
    const names = member ? describe(member) : undefined
    await say(
      ctx,
      language,
      text('staff.revoke.done', {
        name: names?.name ?? { text: memberName({ displayName: null, userId: result.userId }) },
        role: { text: roleText(result.role) },
      }),
    )
    await tellRevoked(ctx, deps, result.userId, names?.role ?? { text: roleText(result.role) }, names?.place)
  })
}

/** The revoked person's menu goes back to what they still hold, and they are told. */
async function tellRevoked(
  ctx: BotContext,
  deps: OnboardingDeps,
  userId: number,
  role: { text: Text },
  place: { text: Text } | undefined,
): Promise<void> {
  const chatId = await deps.telegramChatOf(userId)
  if (chatId === null) return
  try {
    const actor = await deps.loadActor(userId)
    await deps.showCommandMenu(ctx.api, chatId, actor)
    const language = await deps.languageOf(userId)
    await ctx.api.sendMessage(
      chatId,
      deps.translate(
        language,
        text('staff.revoke.notice', { role, place: place ?? { text: text('staff.place.region') } }),
      ),
      { parse_mode: 'HTML' },
    )
  } catch (error) {
    // They may have blocked the bot; the revocation itself is done.
    deps.log.warn({ err: error, userId }, 'revoked member not told')
  }
}
