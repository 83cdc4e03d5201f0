import { describe, expect, it } from 'vitest'
import {
  RESIDENT_COMMANDS,
  STAFF_COMMANDS,
  commandsFor,
  isStaffCommand,
  mayUseCommand,
} from '../../../src/core/access/commands.js'
import type { Actor, Membership } from '../../../src/core/access/permissions.js'

const actor = (...memberships: Membership[]): Actor => ({ userId: 7, memberships })
const executor: Membership = { role: 'executor', organisationId: 10, districtId: 1 }
const dispatcher: Membership = { role: 'dispatcher', organisationId: 10, districtId: 1 }
const districtAdmin: Membership = { role: 'district_admin', organisationId: null, districtId: 1 }
const regionAdmin: Membership = { role: 'region_admin', organisationId: null, districtId: null }

const staffPart = (a: Actor): string[] => commandsFor(a).slice(RESIDENT_COMMANDS.length)

describe('command menus', () => {
  it('when a resident asks for their menu, then it holds the resident commands only', () => {
    expect(commandsFor(actor())).toEqual([...RESIDENT_COMMANDS])
  })

  it('when an executor asks for their menu, then it adds /mine and nothing else', () => {
    expect(staffPart(actor(executor))).toEqual(['mine'])
  })

  it('when a dispatcher asks for their menu, then it adds the queue, the card, the phone call and the group chat link', () => {
    expect(staffPart(actor(dispatcher))).toEqual(['queue', 'req', 'call', 'linkchat'])
  })

  it('when a district admin asks for their menu, then it adds staff, notices, statistics and dead letters but not /mine or /linkchat', () => {
    expect(staffPart(actor(districtAdmin))).toEqual([
      'queue',
      'req',
      'call',
      'invite',
      'staff',
      'revoke',
      'notice',
      'notices',
      'stats',
      'export',
      'deadletters',
    ])
  })

  it("when a region admin asks for their menu, then it has every staff command but an executor's and a dispatcher's group link", () => {
    expect(staffPart(actor(regionAdmin))).toEqual(
      Object.keys(STAFF_COMMANDS).filter((c) => c !== 'mine' && c !== 'linkchat'),
    )
  })

  it('when a person holds two memberships, then the menu is their union, each command once', () => {
    const menu = commandsFor(actor(executor, dispatcher))
    expect(menu).toContain('mine')
    expect(menu).toContain('queue')
    expect(new Set(menu).size).toBe(menu.length)
  })

  it('when a menu is built, then resident commands come first, in their order', () => {
    expect(commandsFor(actor(regionAdmin)).slice(0, RESIDENT_COMMANDS.length)).toEqual([...RESIDENT_COMMANDS])
  })

  it('when a name is checked, then only staff commands count as staff commands', () => {
    expect(isStaffCommand('queue')).toBe(true)
    expect(isStaffCommand('start')).toBe(false)
    expect(isStaffCommand('toString')).toBe(false)
  })

  it('when a resident asks to use a staff command, then it is refused; the holder of its permission may', () => {
    expect(mayUseCommand(actor(), 'queue')).toBe(false)
    expect(mayUseCommand(actor(executor), 'queue')).toBe(false)
    expect(mayUseCommand(actor(dispatcher), 'queue')).toBe(true)
    expect(mayUseCommand(actor(districtAdmin), 'mine')).toBe(false)
    expect(mayUseCommand(actor(regionAdmin), 'mine')).toBe(false)
    expect(mayUseCommand(actor(regionAdmin), 'linkchat')).toBe(false)
    expect(mayUseCommand(actor(dispatcher), 'linkchat')).toBe(true)
  })
})
