// Composition root of `npm run cli -- <command>`.
import { parseArgs } from 'node:util'
import type { Config } from './config.js'
import { configOrExit } from './environment.js'
import { createLogger } from './logger.js'
import { runDoctor } from './cli/doctor.js'
import { runInvite } from './cli/invite.js'
import { runMigrate, runSeed } from './cli/database-commands.js'
import { runViberSetWebhook } from './cli/viber-set-webhook.js'
import type { CommandOutput } from './cli/output.js'

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
const command = name === undefined ? undefined : commands[name]
if (command === undefined) {
  process.stderr.write(name === undefined || name === 'help' ? USAGE : `Unknown command "${name}".\n\n${USAGE}`)
  process.exit(name === undefined || name === 'help' ? 0 : 2)
}

const config = configOrExit()

const out: CommandOutput = (line) => {
  process.stdout.write(`${line}\n`)
}
try {
  process.exitCode = await command(config, process.argv.slice(3), out)
} catch (error) {
  createLogger({ level: 'error' }).error({ err: error }, `${name ?? ''} failed`)
  process.exitCode = 1
}
