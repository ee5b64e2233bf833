// The parts of answering a kept page after one statement (decision 040) that need no database: the
// key a request is kept under, how long an answer is kept, and which sessions may skip validation.
import type express from 'express'
import { describe, expect, it } from 'vitest'

import { sessionStanding } from '#app/domain/accounts/sessions.server'

import { createKeptAnswers, keptAnswerKey } from './kept-answers.server'

const request = (headers: Record<string, string>, url = '/ideas/1-soup') =>
  ({
    protocol: 'https',
    originalUrl: url,
    get: (name: string) => headers[name.toLowerCase()],
  }) as unknown as express.Request

describe('the key of a kept answer', () => {
  it('is the same for two sessions (who they are is in the version), and differs by all else a loader reads', () => {
    const key = (headers: Record<string, string>, url?: string, version = 'v1') =>
      keptAnswerKey(request({ host: 'ideas.example', ...headers }, url), 'build-1', version)
    const ann = key({ cookie: 'ideabox_session=ann-secret; ideabox_lang=nl' })
    expect(key({ cookie: 'ideabox_session=bob-secret; ideabox_lang=nl' })).toBe(ann)
    expect(ann).not.toContain('ann-secret')
    expect(key({ cookie: 'ideabox_lang=nl; ideabox_session=bob-secret' })).not.toBe(ann)
    for (const other of [
      key({ cookie: 'ideabox_session=ann-secret; ideabox_lang=en' }),
      key({ cookie: 'ideabox_session=ann-secret; ideabox_lang=nl', 'accept-language': 'nl' }),
      key({ cookie: 'ideabox_session=ann-secret; ideabox_lang=nl', 'content-type': 'text/plain' }),
      key({ cookie: 'ideabox_session=ann-secret; ideabox_lang=nl' }, '/ideas/1-soup?posted=1'),
      key({ cookie: 'ideabox_session=ann-secret; ideabox_lang=nl' }, undefined, 'v2'),
      key({ cookie: 'ideabox_lang=nl' }),
    ])
      expect(other).not.toBe(ann)
  })
})

describe('kept answers', () => {
  const page = { templateKey: 'template', oneTimeStrings: 1 }

  it('are given until the moment they were kept for, not after', () => {
    const kept = createKeptAnswers({ checkEvery: 50 })
    kept.keep('key', page, 1_000)
    expect(kept.get('key', 999)).toEqual(page)
    expect(kept.get('key', 1_000)).toBeUndefined()
    expect(kept.get('key', 999)).toBeUndefined()
  })

  it('are checked every so many, and every one when checkEvery is 1 (strict)', () => {
    const sometimes = createKeptAnswers({ checkEvery: 3 })
    expect([1, 2, 3, 4, 5, 6].map(() => sometimes.check('route'))).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
    ])
    expect(sometimes.strict).toBe(false)
    const always = createKeptAnswers({ checkEvery: 1 })
    always.checked('route', 1_000, 0)
    expect([1, 2].map(() => always.check('route', 1))).toEqual([true, true])
    expect(always.strict).toBe(true)
  })

  it("wait until a route's checks have taken at most 1/checkEvery of the time", () => {
    const kept = createKeptAnswers({ checkEvery: 2 })
    kept.check('slow', 0)
    expect(kept.check('slow', 0)).toBe(true)
    // A check of 30 ms at 0: the next no sooner than 30 ms later (30 of 60 ms checking).
    kept.checked('slow', 30, 30)
    const asked = (route: string, at: number) => [kept.check(route, at), kept.check(route, at)]
    expect(asked('slow', 59)).toEqual([false, false])
    expect(asked('other', 59)).toEqual([false, true])
    expect(asked('slow', 60)).toEqual([false, true])
  })

  it('stop for a route whose answer differed', () => {
    const kept = createKeptAnswers({ checkEvery: 1 })
    expect(kept.answerable('routes/ideas.$ideaRef')).toBe(true)
    kept.distrust('routes/ideas.$ideaRef')
    expect(kept.answerable('routes/ideas.$ideaRef')).toBe(false)
    expect(kept.stats.differed).toBe(1)
  })
})

describe('a session a kept answer may skip validating', () => {
  const now = Date.UTC(2026, 11, 6, 12)
  const day = 86_400_000
  const session = {
    expiresAt: new Date(now + 29 * day),
    lastSeenAt: new Date(now - 60_000),
    suspendedUntil: null,
    bannedAt: null,
  }

  it('stands as it is when fresh and seen lately; is to be marked seen when not seen lately', () => {
    expect(sessionStanding(session, now)).toBe('current')
    expect(sessionStanding({ ...session, lastSeenAt: new Date(now - 6 * 60_000) }, now)).toBe(
      'unseen',
    )
    expect(sessionStanding({ ...session, lastSeenAt: null }, now)).toBe('unseen')
  })

  it('is validated (extended, or ended) in the second half of its life, expired, or for someone suspended or banned', () => {
    expect(sessionStanding({ ...session, expiresAt: new Date(now + 15 * day) }, now)).toBeNull()
    expect(sessionStanding({ ...session, expiresAt: new Date(now - 1) }, now)).toBeNull()
    expect(sessionStanding({ ...session, suspendedUntil: new Date(now + day) }, now)).toBeNull()
    expect(sessionStanding({ ...session, bannedAt: new Date(now - day) }, now)).toBeNull()
    expect(sessionStanding({ ...session, suspendedUntil: new Date(now - day) }, now)).toBe(
      'current',
    )
  })
})
