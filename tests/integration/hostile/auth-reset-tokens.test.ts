// Hostile input: password-reset links. Using one, or changing the password, voids every other
// reset link the person has outstanding (an older sibling link used to keep working).
import { and, desc, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { outbox, sessions, users, userTokens } from '#app/db/schema'
import { createTestUser, TEST_PASSWORD } from '#app/demo/factories.server'
import { findUserById } from '#app/domain/accounts/accounts.server'
import { hashPassword, verifyPassword } from '#app/domain/accounts/passwords.server'
import { changePassword as changeOwnPassword } from '#app/domain/accounts/profile.server'
import { startSession } from '#app/domain/accounts/sessions.server'
import {
  changePassword,
  checkToken,
  requestPasswordReset,
  resetPassword,
} from '#app/domain/accounts/tokens.server'
import { action as resetAction, loader as resetLoader } from '#app/routes/reset-password.$token'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

/** Asks for a reset link the way the form does and reads the token from the queued email. */
async function requestLink(email: string) {
  expect(
    (await requestPasswordReset({ email, clientIp: `10.77.${Math.floor(Math.random() * 250)}.1` }))
      .ok,
  ).toBe(true)
  const [mail] = await db()
    .select({ textBody: outbox.textBody })
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.kind, 'password-reset')))
    .orderBy(desc(outbox.id))
    .limit(1)
  return /\/reset-password\/([\w-]+)/.exec(mail?.textBody ?? '')?.[1] ?? ''
}

const resetThroughRoute = (token: string, password: string) =>
  settle(() =>
    resetAction({
      request: makeRequest({
        path: `/reset-password/${token}`,
        method: 'POST',
        form: { password },
      }),
      params: { token },
      context: makeContext(),
    } as never),
  ) as Promise<Response | { init: { status: number } }>

/** A browser with no session cookie. */
const freshBrowser = { sessionId: null, userAgent: null }

const statusOf = (answer: Response | { init: { status: number } }) =>
  answer instanceof Response ? answer.status : answer.init.status

describe('password-reset links', () => {
  it('using the newer link voids the older one (and the other way round)', async () => {
    for (const use of ['newer', 'older'] as const) {
      const person = await createTestUser()
      const older = await requestLink(person.email)
      const newer = await requestLink(person.email)
      const [first, second] = use === 'newer' ? [newer, older] : [older, newer]
      expect(statusOf(await resetThroughRoute(first, 'a brand new passphrase'))).toBe(303)
      const page = (await resetLoader({
        request: makeRequest({ path: `/reset-password/${second}` }),
        params: { token: second },
        context: makeContext(),
      } as never)) as { valid: boolean }
      expect(
        page.valid,
        `the ${use === 'newer' ? 'older' : 'newer'} link after the ${use} was used`,
      ).toBe(false)
      expect(statusOf(await resetThroughRoute(second, 'the attacker passphrase'))).toBe(410)
      const stored = await findUserById({ id: person.id })
      expect(await verifyPassword(stored!.passwordHash!, 'a brand new passphrase')).toBe(true)
    }
  })

  it('changing the password voids every outstanding reset link', async () => {
    const person = await createTestUser()
    const links = [await requestLink(person.email), await requestLink(person.email)]
    const passwordHash = await hashPassword('changed on purpose 123')
    await db().transaction((tx) =>
      changePassword({ userId: person.id, passwordHash, executor: tx }),
    )
    for (const link of links)
      expect(await checkToken({ token: link, purpose: 'password-reset' })).toBeNull()
    const open = await db()
      .select()
      .from(userTokens)
      .where(and(eq(userTokens.userId, person.id), isNull(userTokens.usedAt)))
    expect(open).toEqual([])
  })

  it('changing the password on the account page voids every outstanding reset link too', async () => {
    const person = await createTestUser()
    const links = [await requestLink(person.email), await requestLink(person.email)]
    const result = await changeOwnPassword({
      userId: person.id,
      input: { currentPassword: TEST_PASSWORD, newPassword: 'changed on the account page' },
      userAgent: null,
    })
    expect(result.ok).toBe(true)
    for (const link of links)
      expect(statusOf(await resetThroughRoute(link, 'the attacker passphrase'))).toBe(410)
  })

  it('two sibling links used at once: exactly one sets the password', async () => {
    const person = await createTestUser()
    const [a, b] = [await requestLink(person.email), await requestLink(person.email)]
    const results = await Promise.all([
      resetPassword({ token: a, password: 'first passphrase here', browser: freshBrowser }),
      resetPassword({ token: b, password: 'second passphrase here', browser: freshBrowser }),
    ])
    expect(results.filter((result) => result.ok && result.userId === person.id)).toHaveLength(1)
    expect(results.filter((result) => !result.ok)).toHaveLength(1)
  })

  it("leaves other people's links alone", async () => {
    const [one, other] = [await createTestUser(), await createTestUser()]
    const mine = await requestLink(one.email)
    const theirs = await requestLink(other.email)
    expect(
      await resetPassword({
        token: mine,
        password: 'a brand new passphrase',
        browser: freshBrowser,
      }),
    ).toMatchObject({ ok: true, userId: one.id })
    expect(await checkToken({ token: theirs, purpose: 'password-reset' })).toBe(other.id)
  })
})

describe('a reset link for an account that may not sign in', () => {
  const mayNot = {
    suspended: { suspendedUntil: new Date(Date.now() + 7 * 86_400_000) },
    banned: { bannedAt: new Date() },
  }

  it.each(Object.entries(mayNot))(
    '%s: sets the password and answers as sign-in does, with no session for anyone',
    async (_, refusal) => {
      const person = await createTestUser()
      const link = await requestLink(person.email)
      await startSession(person.id)
      await db().update(users).set(refusal).where(eq(users.id, person.id))
      // The browser is signed in as someone else: sign-in would leave that session alone too.
      const other = await createTestUser()
      const othersCookie = cookieFrom((await startSession(other.id)).cookie)
      const othersSession = othersCookie.split('=')[1]!

      const answer = await settle(() =>
        resetAction({
          request: makeRequest({
            path: `/reset-password/${link}`,
            method: 'POST',
            form: { password: 'a brand new passphrase' },
            cookie: othersCookie,
          }),
          params: { token: link },
          context: makeContext(),
        } as never),
      )

      expect(answer).not.toBeInstanceOf(Response)
      expect(answer).toMatchObject({ init: { status: 400 }, data: { formError: 'auth.suspended' } })
      expect(await db().select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([])
      expect(
        await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.id, othersSession)),
      ).toHaveLength(1)
      const stored = await findUserById({ id: person.id })
      expect(await verifyPassword(stored!.passwordHash!, 'a brand new passphrase')).toBe(true)
      expect(await checkToken({ token: link, purpose: 'password-reset' })).toBeNull()
    },
  )

  it('the command itself refuses to start a session', async () => {
    const person = await createTestUser()
    const link = await requestLink(person.email)
    await db().update(users).set(mayNot.banned).where(eq(users.id, person.id))
    expect(
      await resetPassword({
        token: link,
        password: 'another new passphrase',
        browser: freshBrowser,
      }),
    ).toEqual({ ok: false, reason: 'suspended' })
    expect(await db().select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([])
  })
})
