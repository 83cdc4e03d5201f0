import { existsSync } from 'node:fs'
import type { Config } from './config.js'
import { ConfigError, loadConfig } from './config.js'
import { configProblems } from './messages.js'

/** Reads ./.env when present; variables already set in the environment win. */
export function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env')
  return process.env
}

/** The configuration of this process; on bad values it names them (never their values) and exits 2. */
export function configOrExit(): Config {
  try {
    return loadConfig(readEnvironment())
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(configProblems(error.problems))
    process.exit(2)
  }
}
