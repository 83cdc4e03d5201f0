import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../src/app/config.js'

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('loadConfig', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    expect(loadConfig({})).toEqual({
      botToken: undefined,
      telegramApiRoot: 'https://api.telegram.org',
      webhook: undefined,
      http: { host: '127.0.0.1', port: 8080 },
      databaseUrl: undefined,
      redisUrl: undefined,
      redisPrefix: 's115',
      dataDir: './data',
      viber: undefined,
      publicUrl: undefined,
      timeZone: 'Europe/Minsk',
      adminTelegramIds: [],
      floodLimit: 20,
      sendRatePerSecond: 25,
      sweepEveryMs: 30_000,
      dashboardPassword: undefined,
      logLevel: 'info',
    })
  })

  it('when values are given, then they are parsed (ports as numbers, ids as a list, trailing slashes dropped)', () => {
    const config = loadConfig({
      BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
      WEBHOOK_URL: 'https://115.example.org/',
      WEBHOOK_SECRET: 'secret_token-0123456789',
      HTTP_PORT: '9090',
      ADMIN_TELEGRAM_IDS: ' 11, 22 ,33',
      VIBER_AUTH_TOKEN: '4453b6ac1s345678-e02c5f12174805f9-daec9cbb5448c51r',
      TIMEZONE: 'Europe/Warsaw',
      DASHBOARD_PASSWORD: 'a long operators password',
    })
    expect(config.dashboardPassword).toBe('a long operators password')
    expect(config.webhook).toEqual({ url: 'https://115.example.org', secret: 'secret_token-0123456789' })
    expect(config.publicUrl).toBe('https://115.example.org')
    expect(config.http.port).toBe(9090)
    expect(config.adminTelegramIds).toEqual([11, 22, 33])
    expect(config.viber?.apiRoot).toBe('https://chatapi.viber.com/pa')
    expect(config.timeZone).toBe('Europe/Warsaw')
  })

  it('when a variable is empty, then it counts as not set', () => {
    expect(loadConfig({ BOT_TOKEN: '', DATABASE_URL: '  ', HTTP_PORT: '' })).toMatchObject({
      botToken: undefined,
      databaseUrl: undefined,
      http: { port: 8080 },
    })
  })

  it('when several values are wrong, then every one is named and no value appears', () => {
    const problems = problemsOf({
      BOT_TOKEN: 'hunter2-secret',
      HTTP_PORT: '70000',
      DATABASE_URL: 'mysql://db/x',
      REDIS_URL: 'not a url',
      WEBHOOK_URL: 'https://example.org',
      ADMIN_TELEGRAM_IDS: '12,abc',
      LOG_LEVEL: 'loud',
      TIMEZONE: 'Nowhere/Land',
      DASHBOARD_PASSWORD: 'short',
    })
    const names = problems.map((p) => p.split(':')[0])
    expect(names.sort()).toEqual(
      [
        'ADMIN_TELEGRAM_IDS',
        'BOT_TOKEN',
        'DASHBOARD_PASSWORD',
        'DATABASE_URL',
        'HTTP_PORT',
        'LOG_LEVEL',
        'REDIS_URL',
        'TIMEZONE',
        'WEBHOOK_SECRET',
      ].sort(),
    )
    expect(problems.join('\n')).not.toContain('hunter2')
  })
})
