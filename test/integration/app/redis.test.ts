import { mkdtemp, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../src/app/logger.js'
import { pingRedis, RedisUnavailableError, resolveRedis } from '../../../src/app/redis.js'

const logger = createLogger({ level: 'silent' })
// A loopback port where nothing listens: stands for "no Redis on 127.0.0.1:6379".
const NOBODY = 'redis://127.0.0.1:1'

describe('finding Redis', () => {
  it('when REDIS_URL is set and answers, then it is used', async () => {
    const endpoint = await resolveRedis({ redisUrl: 'redis://127.0.0.1:6379', dataDir: '/nonexistent', logger })
    expect(endpoint.source).toBe('configured')
  })

  it('when REDIS_URL is set but does not answer, then start fails naming it without its password', async () => {
    const error = await resolveRedis({ redisUrl: 'redis://:pw-secret@127.0.0.1:1', dataDir: '/x', logger }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(RedisUnavailableError)
    expect((error as Error).message).toContain('REDIS_URL')
    expect((error as Error).message).not.toContain('pw-secret')
  })

  it('when nothing answers locally but redis-server is on PATH, then a private, persistent one runs under DATA_DIR', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 's115-redis-'))
    const endpoint = await resolveRedis({ redisUrl: undefined, dataDir, logger, localUrl: NOBODY })
    try {
      expect(endpoint.source).toBe('private')
      await pingRedis(endpoint.url)
      expect((await stat(path.join(dataDir, 'redis'))).isDirectory()).toBe(true)
    } finally {
      await endpoint.stop()
    }
    await expect(pingRedis(endpoint.url, 500)).rejects.toThrow()
  })

  it('when there is no Redis and no redis-server, then the error says how to get one', async () => {
    const error = await resolveRedis({
      redisUrl: undefined,
      dataDir: '/x',
      logger,
      localUrl: NOBODY,
      searchPath: '/nonexistent',
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RedisUnavailableError)
    expect((error as Error).message).toMatch(/REDIS_URL.*redis-server/s)
  })
})
