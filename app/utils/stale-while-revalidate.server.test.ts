import { describe, expect, it } from 'vitest'

import { staleWhileRevalidate } from './stale-while-revalidate.server'

function clock() {
  let at = 0
  return { now: () => at, advance: (ms: number) => (at += ms) }
}

/** A loader that answers "v1", "v2", … and counts its calls; `release` lets a pending call finish. */
function counter() {
  let calls = 0
  const waiting: (() => void)[] = []
  return {
    load: () => {
      calls += 1
      const value = `v${calls}`
      return new Promise<string>((resolve) => waiting.push(() => resolve(value)))
    },
    release: () => waiting.splice(0).forEach((finish) => finish()),
    calls: () => calls,
  }
}

describe('staleWhileRevalidate', () => {
  it('loads once for everyone asking at the same time, then serves the value while it is young', async () => {
    const time = clock()
    const cache = staleWhileRevalidate<string>({ maxAgeMs: 1000, now: time.now })
    const source = counter()
    const first = Promise.all([
      cache('k', source.load),
      cache('k', source.load),
      cache('k', source.load),
    ])
    source.release()
    expect(await first).toEqual(['v1', 'v1', 'v1'])
    time.advance(999)
    expect(await cache('k', source.load)).toBe('v1')
    expect(source.calls()).toBe(1)
  })

  it('serves the old value at once when it is too old, and the fresh one after a single refresh', async () => {
    const time = clock()
    const cache = staleWhileRevalidate<string>({ maxAgeMs: 1000, now: time.now })
    const source = counter()
    const first = cache('k', source.load)
    source.release()
    await first
    time.advance(1000)
    expect(await Promise.all([cache('k', source.load), cache('k', source.load)])).toEqual([
      'v1',
      'v1',
    ])
    expect(source.calls()).toBe(2)
    source.release()
    await new Promise((resolve) => setImmediate(resolve))
    expect(await cache('k', source.load)).toBe('v2')
  })

  it('keeps the old value when a refresh fails, and lets a first load fail for its callers', async () => {
    const time = clock()
    const cache = staleWhileRevalidate<string>({ maxAgeMs: 1000, now: time.now })
    await expect(cache('k', () => Promise.reject(new Error('database away')))).rejects.toThrow(
      'database away',
    )
    expect(await cache('k', async () => 'v1')).toBe('v1')
    time.advance(5000)
    expect(await cache('k', () => Promise.reject(new Error('database away')))).toBe('v1')
    await new Promise((resolve) => setImmediate(resolve))
    expect(await cache('k', async () => 'v2')).toBe('v1')
    await new Promise((resolve) => setImmediate(resolve))
    expect(await cache('k', async () => 'v3')).toBe('v2')
  })

  it('keeps values per key and forgets the oldest beyond its size', async () => {
    const cache = staleWhileRevalidate<string>({ maxAgeMs: 60_000, maxEntries: 2 })
    await cache('a', async () => 'a1')
    await cache('b', async () => 'b1')
    await cache('c', async () => 'c1')
    expect(await cache('b', async () => 'b2')).toBe('b1')
    expect(await cache('a', async () => 'a2')).toBe('a2')
  })

  it('says until when a value is given unchanged: no other value before then, whatever is asked', async () => {
    const time = clock()
    const cache = staleWhileRevalidate<string>({ maxAgeMs: 1000, now: time.now })
    const source = counter()
    expect(cache.unchangedUntil('k')).toBe(0)
    const first = cache('k', source.load)
    source.release()
    expect(await first).toBe('v1')
    const until = cache.unchangedUntil('k')
    expect(until).toBe(1000)
    for (const step of [0, 400, 599]) {
      time.advance(step)
      expect(await cache('k', source.load)).toBe('v1')
      source.release()
    }
    expect(time.now()).toBeLessThan(until)
    time.advance(1)
    // Due: the stale value once more while the new one loads, then the new one, with a later bound.
    expect(await cache('k', source.load)).toBe('v1')
    source.release()
    await Promise.resolve()
    expect(await cache('k', source.load)).toBe('v2')
    expect(cache.unchangedUntil('k')).toBeGreaterThan(until)
  })
})
