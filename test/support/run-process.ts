import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

/** The environment a child gets: this one's PATH and HOME, nothing that configures the service. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LOG_LEVEL: 'info',
    ...extra,
  }
}

/** Starts one of the service's entry points (src/app/*.ts) as its own process, as npm would. */
export function startEntry(entry: 'main' | 'cli', args: string[], env: Record<string, string>, cwd = PROJECT_ROOT) {
  return startScript(`src/app/${entry}.ts`, args, env, cwd)
}

/** Starts a TypeScript file of the project (path from the project root) as its own process. */
export function startScript(script: string, args: string[], env: Record<string, string>, cwd = PROJECT_ROOT) {
  const child = spawn(process.execPath, ['--import', 'tsx', `${PROJECT_ROOT}${script}`, ...args], {
    cwd,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const finished = new Promise<Finished>((resolve) => {
    child.once('exit', (code) => {
      resolve({ code, stdout, stderr })
    })
  })
  return { child, finished, output: () => ({ stdout, stderr }) }
}

export async function runEntry(entry: 'main' | 'cli', args: string[], env: Record<string, string>): Promise<Finished> {
  return startEntry(entry, args, env).finished
}

/** Waits until the child's stdout has a line for which `match` returns something. */
export async function waitForLine<T>(
  started: { child: ChildProcess; output: () => { stdout: string } },
  match: (line: string) => T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    for (const line of started.output().stdout.split('\n')) {
      const found = match(line)
      if (found !== undefined) return found
    }
    if (started.child.exitCode !== null)
      throw new Error(`process exited (${started.child.exitCode}) before the line came`)
    if (Date.now() > deadline) throw new Error('timed out waiting for a line')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
