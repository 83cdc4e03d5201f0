import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dailyTrend, organisationStats, ratingCounts } from '../../../src/db/repositories/stats.js'
import { aRequestWith } from '../../support/admin-requests.js'
import { idOf } from '../../support/fixtures.js'
import type { TestDatabase } from '../../support/test-database.js'
import { createTestDatabase } from '../../support/test-database.js'

const DAY = 86_400_000
const HOUR = 3_600_000
const FROM = new Date('2026-11-01T00:00:00Z')
const TO = new Date('2026-12-01T00:00:00Z')
const NOW = new Date('2026-11-29T12:00:00Z')

describe('statistics per organisation (SQL on PostgreSQL)', () => {
  let t: TestDatabase

  beforeAll(async () => {
    t = await createTestDatabase()
    const day = (n: number) => new Date(FROM.getTime() + n * DAY)
    // Lida housing: 4 received in November — 2 done (one on time, one late), 1 open overdue, 1 open in time.
    await aRequestWith(t.db, {
      organisation: 'lida-housing',
      createdAt: day(1),
      status: 'closed',
      acceptedAfterH: 1,
      doneAfterH: 10,
      rating: 5,
    })
    await aRequestWith(t.db, {
      organisation: 'lida-housing',
      createdAt: day(2),
      status: 'done',
      acceptedAfterH: 3,
      doneAfterH: 60,
      rating: 2,
      reopened: true,
    })
    await aRequestWith(t.db, { organisation: 'lida-housing', createdAt: day(3), status: 'accepted', acceptedAfterH: 2 })
    await aRequestWith(t.db, { organisation: 'lida-housing', createdAt: new Date(NOW.getTime() - HOUR), status: 'new' })
    // Lida water: 1 rejected.
    await aRequestWith(t.db, { organisation: 'lida-water', createdAt: day(5), status: 'rejected' })
    // Outside the period, or another district: never counted here.
    await aRequestWith(t.db, { organisation: 'lida-housing', createdAt: new Date(FROM.getTime() - DAY), status: 'new' })
    await aRequestWith(t.db, { organisation: 'slonim-housing', district: 'slonim', createdAt: day(4), status: 'new' })
  })
  afterAll(async () => {
    await t.drop()
  })

  it('when a district is asked for, then each of its organisations gets exact figures for the period', async () => {
    const stats = await organisationStats(t.db, {
      from: FROM,
      to: TO,
      districtId: await idOf(t.db, 'districts', 'lida'),
      now: NOW,
    })
    expect(stats.map((s) => s.code)).toEqual(['lida-housing', 'lida-water'])
    expect(stats[0]).toMatchObject({
      received: 4,
      open: 2,
      overdue: 1,
      doneOnTime: 1,
      doneOnTimePct: 50,
      // accepted after 1, 2 and 3 hours; done after 10 and 60 hours
      medianAcceptMinutes: 120,
      medianFinishMinutes: 35 * 60,
      reopenPct: 25,
      averageRating: 3.5,
    })
    expect(stats[1]).toMatchObject({
      received: 1,
      open: 0,
      overdue: 0,
      doneOnTimePct: null,
      medianAcceptMinutes: null,
      reopenPct: 0,
      averageRating: null,
    })
  })

  it('when the whole region is asked for, then other districts count too', async () => {
    const stats = await organisationStats(t.db, { from: FROM, to: TO, districtId: null, now: NOW })
    expect(stats.map((s) => [s.code, s.received])).toEqual([
      ['lida-housing', 4],
      ['lida-water', 1],
      ['slonim-housing', 1],
    ])
  })

  it('when the daily trend is asked for, then each request counts on the Minsk day it was received, and again on the day it was done', async () => {
    const days = await dailyTrend(t.db, {
      from: FROM,
      to: TO,
      districtId: await idOf(t.db, 'districts', 'lida'),
      timeZone: 'Europe/Minsk',
    })
    // Received at 00:00 UTC = 03:00 in Minsk; done 10 h and 60 h later.
    expect(days).toEqual([
      { day: '2026-11-02', received: 1, done: 1 },
      { day: '2026-11-03', received: 1, done: 0 },
      { day: '2026-11-04', received: 1, done: 0 },
      { day: '2026-11-05', received: 0, done: 1 },
      { day: '2026-11-06', received: 1, done: 0 },
      { day: '2026-11-29', received: 1, done: 0 },
    ])
  })

  it('when ratings are counted, then each given rating of the requests received in the period and area is counted once', async () => {
    const lida = await idOf(t.db, 'districts', 'lida')
    expect(await ratingCounts(t.db, { from: FROM, to: TO, districtId: lida })).toEqual([
      { rating: 2, count: 1 },
      { rating: 5, count: 1 },
    ])
    const slonim = await idOf(t.db, 'districts', 'slonim')
    expect(await ratingCounts(t.db, { from: FROM, to: TO, districtId: slonim })).toEqual([])
  })
})
