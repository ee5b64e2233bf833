import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, hotScore, parseIdeaRef, slugify } from './ideas.rules'

describe('idea rules', () => {
  it('slugifies titles', () => {
    expect(slugify('Oat milk at NO extra charge!')).toBe('oat-milk-at-no-extra-charge')
    expect(slugify('Crème brûlée latte ☕')).toBe('creme-brulee-latte')
    expect(slugify('!!!')).toBe('idea')
    expect(slugify('a'.repeat(200)).length).toBeLessThanOrEqual(60)
  })

  it('reads ids from /ideas/<id>-<slug> and refuses anything else', () => {
    expect(parseIdeaRef('42-oat-milk')).toBe(42)
    expect(parseIdeaRef('42')).toBe(42)
    expect(parseIdeaRef('0')).toBeNull()
    expect(parseIdeaRef('abc')).toBeNull()
    expect(parseIdeaRef("1' or 1=1")).toBeNull()
    expect(parseIdeaRef('99999999999')).toBeNull()
    expect(parseIdeaRef(undefined)).toBeNull()
  })

  it('ranks newer ideas above older ones at equal score, and higher scores at equal age', () => {
    const earlier = new Date('2026-01-01T00:00:00Z')
    const later = new Date('2026-01-02T00:00:00Z')
    expect(hotScore(5, later)).toBeGreaterThan(hotScore(5, earlier))
    expect(hotScore(50, earlier)).toBeGreaterThan(hotScore(5, earlier))
    expect(hotScore(-5, earlier)).toBeLessThan(hotScore(0, earlier))
  })

  it('round-trips cursors and ignores tampered ones', () => {
    const cursor = { value: '123.4567', id: 9 }
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
    expect(decodeCursor('not-base64!')).toBeNull()
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull()
    expect(decodeCursor(Buffer.from('["x", 1.5]').toString('base64url'))).toBeNull()
    expect(decodeCursor('x'.repeat(500))).toBeNull()
  })
})
