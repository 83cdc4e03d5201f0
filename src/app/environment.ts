import { existsSync } from 'node:fs'

/** Reads ./.env when present; variables already set in the environment win. */
export function readEnvironment(): Record<string, string | undefined> {
  if (existsSync('.env')) process.loadEnvFile('.env')
  return process.env
}
