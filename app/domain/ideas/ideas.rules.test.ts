import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { cursorValueFits, decodeCursor, encodeCursor } from '#app/utils/cursors'

import {
  authorActions,
  categoryFit,
  hotScore,
  ideaPageView,
  parseIdeaRef,
  slugify,
  sortCursorCast,
} from './ideas.rules'
import { similarIdeasShownFor } from './similar-shown.rules'

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

  // Issue 16: with a 12.5-hour decay, trending was "New" in practice.
  it('keeps a well-supported idea trending for days (docs/decisions/017-trending.md)', () => {
    const now = new Date('2026-05-20T12:00:00Z')
    const ago = (days: number, hours = 0) =>
      new Date(now.getTime() - (days * 24 + hours) * 3_600_000)
    // 14 votes from last week beat 1 vote from today, and 1 vote from an hour ago.
    expect(hotScore(14, ago(7))).toBeGreaterThan(hotScore(1, now))
    expect(hotScore(14, ago(7))).toBeGreaterThan(hotScore(1, ago(0, 1)))
    // … but not 2 votes from today: ten times the votes are worth a week of age.
    expect(hotScore(14, ago(7))).toBeLessThan(hotScore(2, now))
    expect(hotScore(10, ago(7))).toBeCloseTo(hotScore(1, now), 6)
    // A few old votes do not beat a popular idea from yesterday.
    expect(hotScore(3, ago(14))).toBeLessThan(hotScore(20, ago(1)))
    // A very popular idea stays above fresh single votes for weeks.
    expect(hotScore(200, ago(14))).toBeGreaterThan(hotScore(1, now))
    // Down-voted ideas sink below ideas nobody voted on, of the same day.
    expect(hotScore(-10, now)).toBeLessThan(hotScore(0, ago(6)))
  })

  it('round-trips cursors and ignores tampered ones', () => {
    const cursor = { value: '123.4567', id: 9 }
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
    expect(decodeCursor('not-base64!')).toBeNull()
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull()
    expect(decodeCursor(Buffer.from('["x", 1.5]').toString('base64url'))).toBeNull()
    expect(decodeCursor('x'.repeat(500))).toBeNull()
  })

  it('refuses forged cursors whose sort value the list query could not cast (a 500 before)', () => {
    const forged = (value: unknown, id: unknown = 1) =>
      Buffer.from(JSON.stringify([value, id])).toString('base64url')
    // What PostgreSQL writes as text for each sort column is accepted.
    expect(decodeCursor(forged('2026-11-25 22:13:29.896+00'), 'timestamptz')).toEqual({
      value: '2026-11-25 22:13:29.896+00',
      id: 1,
    })
    for (const value of [
      '2026-11-25 22:13:29+00',
      '2026-03-29 01:59:59.123456+05:30',
      '2024-02-29 00:00:00+00',
      'infinity',
      '2026-11-25T22:13:29.896Z',
    ]) {
      expect(cursorValueFits(value, 'timestamptz'), value).toBe(true)
    }
    for (const value of ['42', '-7', '0']) expect(cursorValueFits(value, 'int4'), value).toBe(true)
    for (const value of ['1234.5678901', '-0.25', '1.2345e-05', '0', 'Infinity'])
      expect(cursorValueFits(value, 'float8'), value).toBe(true)
    // Forged values are not.
    for (const value of [
      '',
      'not-a-date',
      '2026-02-30 00:00:00+00',
      '2026-13-01 00:00:00+00',
      '0000-01-01 00:00:00+00',
      '2026-01-01 24:00:00+00',
      '2026-01-01 00:00:00+99',
      "'; drop table ideas; --",
      '1e309',
    ]) {
      expect(decodeCursor(forged(value), 'timestamptz'), value).toBeNull()
    }
    for (const value of ['2026-11-25 22:13:29+00', '1.5', '2147483648', '1e3', 'abc'])
      expect(decodeCursor(forged(value), 'int4'), value).toBeNull()
    for (const value of ['1e400', '1e-400', '0x10', '1,5', 'abc'])
      expect(decodeCursor(forged(value), 'float8'), value).toBeNull()
    expect(decodeCursor(forged('1e39'), 'float4')).toBeNull()
    // A relevance cursor: the tier (1, the title matches; 0, the description only), then the hot score.
    for (const value of ['1:152.7774415', '0:-3.5', '1:1.2345e-05'])
      expect(cursorValueFits(value, 'tier:float8'), value).toBe(true)
    for (const value of [
      '152.7774415',
      '2:1.5',
      '1:',
      '1:abc',
      '1:1e400',
      ':1.5',
      '1:1; drop table ideas',
    ])
      expect(decodeCursor(forged(value), 'tier:float8'), value).toBeNull()
    // Ids outside the id column are refused whatever the list.
    expect(decodeCursor(forged('42', 9_007_199_254_740_991))).toBeNull()
    expect(decodeCursor(forged('42', 2_147_483_648))).toBeNull()
  })

  it('knows the sort value type of each order of the ideas list', () => {
    expect(sortCursorCast('new', false)).toBe('timestamptz')
    expect(sortCursorCast('top', false)).toBe('int4')
    expect(sortCursorCast('discussed', true)).toBe('int4')
    expect(sortCursorCast('trending', false)).toBe('float8')
    expect(sortCursorCast('relevance', true)).toBe('tier:float8')
    expect(sortCursorCast('relevance', false)).toBe('float8')
  })
})

describe('what an author may still do', () => {
  const posted = new Date('2026-05-01T10:00:00Z')
  const base = {
    isAuthor: true,
    createdAt: posted,
    withdrawnAt: null,
    statusCategory: 'open' as const,
    othersEngaged: false,
  }
  const at = (minutes: number) => new Date(posted.getTime() + minutes * 60_000)

  it('edits for 30 minutes while nobody else has joined in, and withdraws until the team takes it up', () => {
    expect(authorActions({ ...base, now: at(29) })).toEqual({
      edit: { allowed: true },
      withdraw: true,
    })
    expect(authorActions({ ...base, now: at(31) }).edit).toEqual({
      allowed: false,
      reason: 'tooLate',
    })
    expect(authorActions({ ...base, othersEngaged: true, now: at(1) }).edit).toEqual({
      allowed: false,
      reason: 'othersEngaged',
    })
    expect(authorActions({ ...base, statusCategory: 'active', now: at(1) })).toEqual({
      edit: { allowed: false, reason: 'decided' },
      withdraw: false,
    })
    expect(authorActions({ ...base, withdrawnAt: at(2), now: at(3) })).toEqual({
      edit: { allowed: false, reason: 'withdrawn' },
      withdraw: false,
    })
    expect(authorActions({ ...base, isAuthor: false, now: at(1) })).toEqual({
      edit: { allowed: false, reason: 'notAuthor' },
      withdraw: false,
    })
    expect(authorActions({ ...base, now: at(600) }).withdraw).toBe(true)
  })
})

describe('what an idea page shows', () => {
  const base = {
    withdrawn: false,
    held: false,
    isPublic: true,
    commentsLocked: false,
    signedIn: true,
    isAuthor: false,
    isTeam: false,
  }

  it('shows a withdrawn idea without status, promise, voting or comment form, to everyone', () => {
    for (const viewer of [{ isAuthor: true }, { isTeam: true }, { signedIn: false }, {}]) {
      expect(ideaPageView({ ...base, ...viewer, withdrawn: true, isPublic: false })).toMatchObject({
        showStatus: false,
        showPromise: false,
        voting: false,
        discussion: 'withdrawn',
      })
    }
  })

  /** Every state an idea page's viewer and idea can be in. */
  const viewStates = fc.record({
    withdrawn: fc.boolean(),
    held: fc.boolean(),
    isPublic: fc.boolean(),
    commentsLocked: fc.boolean(),
    signedIn: fc.boolean(),
    isAuthor: fc.boolean(),
    isTeam: fc.boolean(),
  })

  it('says an idea waits for a moderator only while it does: never once it is withdrawn', () => {
    fc.assert(
      fc.property(viewStates, (state) => {
        expect(ideaPageView(state).waitingForModerator).toBe(state.held && !state.withdrawn)
      }),
    )
  })

  it('promises a first answer only to its author and the team, on an idea still waiting for one', () => {
    fc.assert(
      fc.property(viewStates, (state) => {
        const waiting = !state.withdrawn && (state.isPublic || state.held)
        expect(ideaPageView(state).showPromise).toBe(waiting && (state.isAuthor || state.isTeam))
      }),
    )
  })

  it('never offers authors to report their own idea, and asks visitors to sign in to comment', () => {
    expect(ideaPageView({ ...base, isAuthor: true }).mayReportIdea).toBe(false)
    expect(ideaPageView(base).mayReportIdea).toBe(true)
    expect(ideaPageView({ ...base, signedIn: false })).toMatchObject({
      mayReportIdea: false,
      discussion: 'signIn',
    })
    expect(ideaPageView({ ...base, commentsLocked: true }).discussion).toBe('locked')
    expect(ideaPageView({ ...base, commentsLocked: true, isTeam: true }).discussion).toBe('open')
    expect(ideaPageView({ ...base, isAuthor: true }).showPromise).toBe(true)
    expect(ideaPageView(base).showPromise).toBe(false)
  })
})

describe('the similar ideas shown for a title', () => {
  const title = fc.string({ minLength: 1, maxLength: 60 })
  it('count for the same title, however it is spaced or capitalised', () => {
    fc.assert(
      fc.property(title, fc.constantFrom('', ' ', '  ', '\t', '\n'), (words, around) => {
        const respaced = `${around}${words.toUpperCase().split(' ').join('  ')}${around}`
        expect(similarIdeasShownFor({ shownFor: respaced, title: words })).toBe(true)
      }),
    )
  })

  it('do not count for a title with other words, nor when none were shown', () => {
    fc.assert(
      fc.property(title, fc.stringMatching(/^[a-z]{1,12}$/), (words, added) => {
        expect(similarIdeasShownFor({ shownFor: words, title: `${words} ${added}` })).toBe(false)
        expect(similarIdeasShownFor({ shownFor: undefined, title: words })).toBe(false)
        expect(similarIdeasShownFor({ shownFor: null, title: words })).toBe(false)
      }),
    )
    expect(
      similarIdeasShownFor({ shownFor: 'Oat milk please', title: 'Decaf options please' }),
    ).toBe(false)
    expect(similarIdeasShownFor({ shownFor: '1', title: 'Oat milk please' })).toBe(false)
  })
})

describe('a new idea’s category against its kind', () => {
  const categories = [
    { id: 1, kind: 'product' },
    { id: 7, kind: 'experience' },
  ]
  it('fits its own kind, is another kind’s, or is no category offered', () => {
    expect(categoryFit({ kind: 'product', categoryId: '1', categories })).toBe('fits')
    expect(categoryFit({ kind: 'product', categoryId: 7, categories })).toBe('otherKind')
    expect(categoryFit({ kind: 'product', categoryId: '99', categories })).toBe('unknown')
    expect(categoryFit({ kind: 'nonsense', categoryId: '7', categories })).toBe('unknown')
    expect(categoryFit({ kind: undefined, categoryId: '7', categories })).toBe('unknown')
  })
})
