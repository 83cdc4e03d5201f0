import { createHash, randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { Api } from 'grammy'
import type { StaffRole } from '../../core/access/permissions.js'
import { STAFF_ROLES } from '../../core/access/permissions.js'
import { makeCreateInvite } from '../../core/access/invites.js'
import { createInviteStore } from '../../db/repositories/invite-store.js'
import { createTransact } from '../../db/transact.js'
import type { Config } from '../config.js'
import { withDatabase } from './with-database.js'
import type { CommandOutput } from './output.js'
import { CommandFailed, UsageError } from './output.js'

export const newInviteToken = (): string => randomBytes(24).toString('base64url')
export const hashInviteToken = (token: string): string => createHash('sha256').update(token).digest('hex')

const isRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value)

const ERRORS = {
  'not-allowed': 'not allowed',
  'unknown-organisation': 'no active organisation with that code',
  'unknown-district': 'no active district with that code',
  'scope-mismatch': 'executors and dispatchers need --org, district admins --district, region admins neither',
} as const

export async function runInvite(config: Config, args: string[], out: CommandOutput): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      district: { type: 'string' },
      'bot-username': { type: 'string' },
    },
  })
  const role = values.role ?? ''
  if (!isRole(role)) throw new UsageError(`--role must be one of: ${STAFF_ROLES.join(', ')}`)
  const botUsername = values['bot-username'] ?? (await askBotUsername(config))

  return withDatabase(config, async (db) => {
    const organisation =
      values.org === undefined
        ? undefined
        : await db.selectFrom('organisations').select('id').where('code', '=', values.org).executeTakeFirst()
    const district =
      values.district === undefined
        ? undefined
        : await db.selectFrom('districts').select('id').where('code', '=', values.district).executeTakeFirst()
    if (values.org !== undefined && !organisation)
      throw new CommandFailed(`${ERRORS['unknown-organisation']}: ${values.org}`)
    if (values.district !== undefined && !district)
      throw new CommandFailed(`${ERRORS['unknown-district']}: ${values.district}`)
    const createInvite = makeCreateInvite({
      transact: createTransact(db, createInviteStore),
      newToken: newInviteToken,
      hashToken: hashInviteToken,
      now: () => new Date(),
    })
    const result = await createInvite(
      { kind: 'operator' },
      { role, organisationId: organisation?.id ?? null, districtId: district?.id ?? null },
    )
    if (!result.ok) {
      const reason = `invite not created: ${ERRORS[result.error]}`
      throw result.error === 'scope-mismatch' ? new UsageError(reason) : new CommandFailed(reason)
    }
    out(`https://t.me/${botUsername}?start=${result.startPayload}`)
    out(`one-time link for a ${role}; valid until ${result.expiresAt.toISOString()}`)
    return 0
  })
}

async function askBotUsername(config: Config): Promise<string> {
  if (config.botToken === undefined)
    throw new UsageError(
      "BOT_TOKEN is not set: the link needs the bot's username. Set BOT_TOKEN, or pass --bot-username NAME.",
    )
  try {
    const me = await new Api(config.botToken, { apiRoot: config.telegramApiRoot }).getMe()
    return me.username
  } catch (error) {
    throw new CommandFailed(
      `Telegram did not tell the bot's username (${error instanceof Error ? error.message : String(error)}). ` +
        'Check BOT_TOKEN and the network, or pass --bot-username NAME.',
      { cause: error },
    )
  }
}
