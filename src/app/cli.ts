// Composition root of `npm run cli -- <command>`.
import { parseArgs } from 'node:util'
import type { Config } from './config.js'
import { configOrExit } from './environment.js'
import { runDoctor } from './cli/doctor.js'
import { runInvite } from './cli/invite.js'
import { runMigrate, runSeed } from './cli/database-commands.js'
import { runViberSetWebhook } from './cli/viber-set-webhook.js'
import type { CommandOutput } from './cli/output.js'
import { CommandFailed, UsageError } from './cli/output.js'

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                         apply pending database migrations
  seed [--file F]                 load regional reference data (default: reference/grodno-region.json); idempotent
  invite --role R --org CODE      one-time staff invite link (R: executor, dispatcher)
  invite --role district_admin --district CODE
  invite --role region_admin
                                  options: --bot-username NAME (else asked from Telegram with BOT_TOKEN)
  doctor                          check database, Redis, Telegram token and webhook; say what is wrong
  viber:set-webhook               point the Viber bot at PUBLIC_URL/viber/webhook (the service must be running)
`

const commands: Record<string, (config: Config, args: string[], out: CommandOutput) => Promise<number>> = {
  migrate: runMigrate,
  seed: runSeed,
  invite: runInvite,
  doctor: runDoctor,
  'viber:set-webhook': runViberSetWebhook,
}

const { positionals } = parseArgs({ args: process.argv.slice(2), strict: false, allowPositionals: true })
const name = positionals[0]
if (name === 'help' || name === '--help' || name === '-h') {
  process.stdout.write(USAGE)
  process.exit(0)
}
const command = name === undefined ? undefined : commands[name]
if (command === undefined) {
  process.stderr.write(name === undefined ? USAGE : `Unknown command "${name}".\n\n${USAGE}`)
  process.exit(2)
}

const config = configOrExit()

/** Node's own words for a bad command line (parseArgs): a usage error like ours. */
const isArgumentError = (error: unknown): error is TypeError =>
  error instanceof TypeError && /^ERR_PARSE_ARGS_/.test(String((error as { code?: unknown }).code))

/** An unexpected error in one line: its message and, when it adds something, its cause's (no stack). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return 'unexpected error'
  const cause = error.cause instanceof Error && !error.message.includes(error.cause.message) ? error.cause.message : ''
  return [error.message, cause]
    .filter((p) => p !== '')
    .join(': ')
    .replace(/\s+/g, ' ')
}

const out: CommandOutput = (line) => {
  process.stdout.write(`${line}\n`)
}
// Results on stdout; problems in plain words on stderr: 2 when called wrongly, 1 when the work failed.
try {
  process.exitCode = await command(config, process.argv.slice(3), out)
} catch (error) {
  if (error instanceof UsageError || isArgumentError(error)) {
    process.stderr.write(`${error.message}\nSee: npm run cli -- help\n`)
    process.exitCode = 2
  } else if (error instanceof CommandFailed) {
    process.stderr.write(`${error.message}\n`)
    process.exitCode = 1
  } else {
    process.stderr.write(`${name} failed: ${reasonOf(error)}\n`)
    process.exitCode = 1
  }
}
