import type { Actor, AreaPermission } from './permissions.js'
import { holdsAnywhere } from './permissions.js'

/** What everyone sees in the bot's menu. */
export const RESIDENT_COMMANDS = ['report', 'my', 'status', 'phones', 'lang', 'help', 'cancel'] as const

/**
 * Staff commands and the permission that makes each one visible. Showing a command is only a
 * hint: the use case behind it checks the permission against the real scope again.
 */
export const STAFF_COMMANDS = {
  queue: 'queue.view',
  req: 'queue.view',
  call: 'request.create_for_caller',
  mine: 'assignments.view',
  invite: 'staff.invite',
  staff: 'staff.invite',
  revoke: 'staff.revoke',
  notice: 'notice.send',
  notices: 'notice.send',
  stats: 'stats.view',
  export: 'export.requests',
  deadletters: 'deadletters.view',
  linkchat: 'chat.link',
} as const satisfies Record<string, AreaPermission>
export type StaffCommand = keyof typeof STAFF_COMMANDS

export const isStaffCommand = (name: string): name is StaffCommand => Object.hasOwn(STAFF_COMMANDS, name)

export const mayUseCommand = (actor: Actor, command: StaffCommand): boolean =>
  holdsAnywhere(actor, STAFF_COMMANDS[command])

/** The menu one person sees: the resident's commands, then the staff commands they may use. */
export function commandsFor(actor: Actor): string[] {
  const staff = (Object.keys(STAFF_COMMANDS) as StaffCommand[]).filter((c) => mayUseCommand(actor, c))
  return [...RESIDENT_COMMANDS, ...staff]
}
