import { inArray, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { failureDelays, rateLimits } from '#app/db/schema'
import { unique } from '#app/demo/factories.server'

import { pruneExpiredLimits } from './rate-limits.server'

describe('pruneExpiredLimits', () => {
  it('forgets expired windows and failure counters, and keeps the live ones', async () => {
    const [expired, live] = [unique('expired'), unique('live')]
    await db()
      .insert(rateLimits)
      .values([
        { bucket: expired, hits: 3, resetAt: sql`now() - interval '1 minute'` },
        { bucket: live, hits: 3, resetAt: sql`now() + interval '1 minute'` },
      ])
    await db()
      .insert(failureDelays)
      .values([
        { key: expired, failures: 4, forgetAt: sql`now() - interval '1 minute'` },
        { key: live, failures: 4, forgetAt: sql`now() + interval '1 hour'` },
      ])
    const pruned = await pruneExpiredLimits({ force: true })
    expect(pruned.rateLimits).toBeGreaterThanOrEqual(1)
    expect(pruned.failureDelays).toBeGreaterThanOrEqual(1)
    const windows = await db()
      .select({ key: rateLimits.bucket })
      .from(rateLimits)
      .where(inArray(rateLimits.bucket, [expired, live]))
    const counters = await db()
      .select({ key: failureDelays.key })
      .from(failureDelays)
      .where(inArray(failureDelays.key, [expired, live]))
    expect(windows.map((row) => row.key)).toEqual([live])
    expect(counters.map((row) => row.key)).toEqual([live])
    // Within five minutes of a run, another instance's call does nothing.
    expect(await pruneExpiredLimits()).toEqual({ rateLimits: 0, failureDelays: 0 })
  })
})
