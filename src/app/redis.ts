import { spawn } from 'node:child_process'
import { access, constants, mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import path from 'node:path'
import { Redis } from 'ioredis'
import type { Logger } from './logger.js'
import { safeUrl } from './logger.js'

export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379'

export interface RedisEndpoint {
  url: string
  source: 'configured' | 'local' | 'private'
  /** Stops the private redis-server, if this process started one. */
  stop: () => Promise<void>
}

export class RedisUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'RedisUnavailableError'
  }
}

/** Answers PONG within the timeout, or throws. */
export async function pingRedis(url: string, timeoutMs = 1500): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  client.on('error', () => undefined) // reported through the rejected connect()
  try {
    await client.connect()
    await client.ping()
  } finally {
    client.disconnect()
  }
}

const nothing = (): Promise<void> => Promise.resolve()

/**
 * REDIS_URL if set; else a Redis on 127.0.0.1:6379; else a private redis-server from PATH
 * with its files under DATA_DIR/redis; else an error that says how to get Redis.
 */
export async function resolveRedis(options: {
  redisUrl: string | undefined
  dataDir: string
  logger: Logger
  /** Where to look before starting a private one (tests point it elsewhere). */
  localUrl?: string
  /** Directories searched for redis-server (default: PATH). */
  searchPath?: string
}): Promise<RedisEndpoint> {
  if (options.redisUrl !== undefined) {
    try {
      await pingRedis(options.redisUrl, 5000)
    } catch (error) {
      throw new RedisUnavailableError(`REDIS_URL (${safeUrl(options.redisUrl)}) does not answer`, { cause: error })
    }
    return { url: options.redisUrl, source: 'configured', stop: nothing }
  }
  const localUrl = options.localUrl ?? LOCAL_REDIS_URL
  try {
    await pingRedis(localUrl)
    return { url: localUrl, source: 'local', stop: nothing }
  } catch {
    options.logger.info('no Redis on 127.0.0.1:6379; looking for redis-server on PATH')
  }
  const binary = await findOnPath('redis-server', options.searchPath ?? process.env.PATH ?? '')
  if (binary === undefined) {
    throw new RedisUnavailableError(
      'Redis is required and none was found. Set REDIS_URL to your Redis (6.2 or newer), ' +
        'start one on 127.0.0.1:6379, or install redis-server (e.g. `apt-get install redis-server`) ' +
        'so the service can start a private one under DATA_DIR.',
    )
  }
  return startPrivateRedis(binary, path.resolve(options.dataDir, 'redis'), options.logger)
}

async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name)
    try {
      await access(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return undefined
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => {
        resolve(port)
      })
    })
  })
}

async function startPrivateRedis(binary: string, dir: string, logger: Logger): Promise<RedisEndpoint> {
  await mkdir(dir, { recursive: true })
  const port = await freePort()
  // Persistent (append-only file) and never evicting: BullMQ's data must not silently vanish.
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
      '--logfile',
      path.join(dir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  )
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const url = `redis://127.0.0.1:${port}`
  const deadline = Date.now() + 10_000
  for (;;) {
    try {
      await pingRedis(url, 500)
      break
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL')
        throw new RedisUnavailableError(`the private redis-server did not start (see ${dir}/redis.log)`, {
          cause: error,
        })
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  logger.info({ port, dir }, 'started a private redis-server')
  return {
    url,
    source: 'private',
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
