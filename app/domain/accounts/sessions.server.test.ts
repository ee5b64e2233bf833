import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db, listenToQueries } from '#app/db/db.server'
import { sessions, users } from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'

import { sessionStanding, startSession, validateSession } from './sessions.server'

describe('sessionStanding', () => {
  it('says what validateSession does with a session: nothing, only mark it seen, or more', async () => {
    const person = await createTestUser({ password: null })
    const day = 86_400_000
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: -1, max: 30, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        async (expiresInDays, seenMinutesAgo, suspended) => {
          const { sessionId } = await startSession(person.id)
          const row = {
            expiresAt: new Date(Date.now() + expiresInDays * day),
            lastSeenAt: new Date(Date.now() - seenMinutesAgo * 60_000),
          }
          await db().update(sessions).set(row).where(eq(sessions.id, sessionId))
          const suspendedUntil = suspended ? new Date(Date.now() + day) : null
          await db().update(users).set({ suspendedUntil }).where(eq(users.id, person.id))
          const standing = sessionStanding({ ...row, suspendedUntil, bannedAt: null })
          // Half a minute either side of a boundary: the two calls read the clock at other moments.
          const nearBoundary =
            Math.abs(expiresInDays - 15) * day < 30_000 || Math.abs(expiresInDays) * day < 30_000
          fc.pre(!nearBoundary && seenMinutesAgo !== 5)
          const validated = await validateSession(sessionId)
          const [after] = await db().select().from(sessions).where(eq(sessions.id, sessionId))
          if (standing === null) {
            expect(validated.cookie).toBeDefined()
          } else {
            expect(validated.cookie).toBeUndefined()
            expect(validated.user?.id).toBe(person.id)
            const marked = after!.lastSeenAt.getTime() !== row.lastSeenAt.getTime()
            expect(marked).toBe(standing === 'unseen')
          }
        },
      ),
      { numRuns: 40 },
    )
    await db().update(users).set({ suspendedUntil: null }).where(eq(users.id, person.id))
  })
})

describe('validateSession', () => {
  it('looks up the sessions that arrive together in one statement, each answered for itself', async () => {
    const people = await Promise.all(
      Array.from({ length: 4 }, () => createTestUser({ password: null })),
    )
    const started = await Promise.all(people.map((person) => startSession(person.id)))
    // Suspending ends a person's sessions; one that survives must still be refused.
    const suspended = people[3]!
    await db()
      .update(users)
      .set({ suspendedUntil: new Date(Date.now() + 86_400_000) })
      .where(eq(users.id, suspended.id))

    const statements: string[] = []
    const stop = listenToQueries((query) => {
      if (query.includes('"sessions"')) statements.push(query)
    })
    let answers
    try {
      answers = await Promise.all([
        ...started.map(({ sessionId }) => validateSession(sessionId)),
        validateSession(started[0]!.sessionId),
        validateSession('nosuchsession0000000000000000000000000000'),
      ])
    } finally {
      stop()
    }
    expect(answers.slice(0, 3).map((answer) => answer.user?.id)).toEqual(
      people.slice(0, 3).map((person) => person.id),
    )
    expect(answers.slice(0, 3).every((answer) => answer.cookie === undefined)).toBe(true)
    expect(answers[4]!.user?.id).toBe(people[0]!.id)
    for (const refused of [answers[3]!, answers[5]!]) {
      expect(refused.user).toBeNull()
      expect(refused.cookie).toContain('Max-Age=0')
    }
    // One lookup for all six; the suspended person's session was then deleted.
    expect(statements.filter((query) => query.startsWith('select')).length).toBe(1)
  })

  it('answers a cookie that cannot name a session without asking the database, and spoils no one else', async () => {
    const person = await createTestUser({ password: null })
    const { sessionId } = await startSession(person.id)
    const answers = await Promise.all([
      validateSession('bad\u0000id'),
      validateSession('x'.repeat(10_000)),
      validateSession("' or 1=1 --"),
      validateSession(sessionId),
    ])
    expect(answers.slice(0, 3).map((answer) => answer.user)).toEqual([null, null, null])
    expect(answers[3]!.user?.id).toBe(person.id)
  })
})
