import { describe, expect, it } from 'vitest'
import { authorActions, decodeCursor, encodeCursor, hotScore, parseIdeaRef, slugify } from './ideas.rules'

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

describe('what an author may still do', () => {
  const posted = new Date('2026-05-01T10:00:00Z')
  const base = { isAuthor: true, createdAt: posted, withdrawnAt: null, statusCategory: 'open' as const, othersEngaged: false }
  const at = (minutes: number) => new Date(posted.getTime() + minutes * 60_000)

  it('edits for 30 minutes while nobody else has joined in, and withdraws until the team takes it up', () => {
    expect(authorActions({ ...base, now: at(29) })).toEqual({ edit: { allowed: true }, withdraw: true })
    expect(authorActions({ ...base, now: at(31) }).edit).toEqual({ allowed: false, reason: 'tooLate' })
    expect(authorActions({ ...base, othersEngaged: true, now: at(1) }).edit).toEqual({ allowed: false, reason: 'othersEngaged' })
    expect(authorActions({ ...base, statusCategory: 'active', now: at(1) })).toEqual({ edit: { allowed: false, reason: 'decided' }, withdraw: false })
    expect(authorActions({ ...base, withdrawnAt: at(2), now: at(3) })).toEqual({ edit: { allowed: false, reason: 'withdrawn' }, withdraw: false })
    expect(authorActions({ ...base, isAuthor: false, now: at(1) })).toEqual({ edit: { allowed: false, reason: 'notAuthor' }, withdraw: false })
    expect(authorActions({ ...base, now: at(600) }).withdraw).toBe(true)
  })
})
