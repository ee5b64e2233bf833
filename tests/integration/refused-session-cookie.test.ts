// A suspended or banned person's browser still holding a session cookie is sent to sign in, and told
// to forget the cookie: the redirect carries the blank session cookie (Max-Age=0), not only a 302.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { users } from '#app/db/schema'
import { createTestUser } from '#app/demo/factories.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import { loader } from '#app/routes/notifications'
import { cookieFrom, makeContext, makeRequest } from '#tests/setup/request'

async function refusedAnswer(change: Partial<typeof users.$inferInsert>) {
  const person = await createTestUser({ password: null })
  const cookie = cookieFrom((await startSession(person.id)).cookie)
  await db().update(users).set(change).where(eq(users.id, person.id))
  try {
    await loader({
      request: makeRequest({ path: '/notifications', cookie }),
      params: {},
      context: makeContext(),
    })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
  throw new Error('the loader let a refused session in')
}

describe('a refused session', () => {
  for (const [who, change] of [
    ['suspended', { suspendedUntil: new Date(Date.now() + 86_400_000) }],
    ['banned', { bannedAt: new Date() }],
  ] as const) {
    it(`sends a ${who} person to sign in with the blank session cookie`, async () => {
      const response = await refusedAnswer(change)
      expect(response.status).toBe(302)
      expect(response.headers.get('Location')).toMatch(/^\/login\?/)
      const setCookie = response.headers.get('Set-Cookie') ?? ''
      expect(setCookie).toContain('Max-Age=0')
    })
  }
})
