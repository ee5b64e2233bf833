// Every sign-in ends the session the browser's cookie named, whoever it belonged to, and starts one
// for the person who just proved who they are (decision 002): a password reset link as much as the
// sign-in form. A verification link signs in only a browser signed out or signed in as its owner: a
// browser signed in as A that opens B's confirmation link stays A (B's address is confirmed), or
// anyone could have a person act as an account they control by mailing them its link.
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { sessions, users } from '#app/db/schema'
import { createTestUser, unique } from '#app/demo/factories.server'
import { signUp } from '#app/domain/accounts/accounts.server'
import { startSession, validateSession } from '#app/domain/accounts/sessions.server'
import { requestPasswordReset } from '#app/domain/accounts/tokens.server'
import { action as resetAction } from '#app/routes/reset-password.$token'
import { action as verifyEmailAction } from '#app/routes/verify-email.$token'
import { loader as verifyDoneLoader } from '#app/routes/verify-email.done'
import { type Locale, supportedLocales } from '#app/utils/i18n/i18n'
import { failWritesOnPurpose } from '#tests/setup/fail-on-purpose'
import { linkInNewestEmail } from '#tests/setup/outbox'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

/** The token in the newest email of this kind to this address. */
const linkIn = async (email: string, kind: 'verify-email' | 'password-reset') =>
  (
    await linkInNewestEmail({
      to: email,
      kind,
      link: kind === 'verify-email' ? /\/verify-email\/([\w-]+)/ : /\/reset-password\/([\w-]+)/,
    })
  )[1]!

/** A new account (signed up in `locale`) with its confirmation link still unopened. */
async function signedUpWithLink(locale: Locale = 'en') {
  const email = `${unique('rotate')}@example.com`
  expect(
    await signUp({
      input: { email, displayName: 'Bea', password: 'long enough password' },
      locale,
      clientIp: `198.18.${Math.floor(Math.random() * 250)}.9`,
    }),
  ).toEqual({ ok: true })
  const [account] = await db()
    .select({ id: users.id, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(and(eq(users.email, email), sql`${users.unclaimedSince} is null`))
  return { id: account!.id, token: await linkIn(email, 'verify-email') }
}

/** A browser signed in as a fresh account: its Cookie header and session id. */
async function browserSignedInAsSomeoneElse() {
  const other = await createTestUser()
  const { sessionId, cookie } = await startSession(other.id)
  return { sessionId, cookie: cookieFrom(cookie) }
}

const sessionExists = async (sessionId: string) =>
  (await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.id, sessionId)))
    .length === 1

/** The Set-Cookie lines by name, "(ended)" for the ones that clear the cookie, in order. */
const cookieNames = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => `${line.split('=')[0]}${line.includes('Max-Age=0') ? ' (ended)' : ''}`)

/** Who the session the response hands the browser belongs to. */
async function signedInAs(response: Response) {
  const started = response.headers.getSetCookie().find((line) => !line.includes('Max-Age=0'))
  const sessionId = cookieFrom(started ?? null).split('=')[1] ?? ''
  return (await validateSession(sessionId)).user?.id ?? null
}

const openVerification = (token: string, cookie?: string) =>
  settle(() =>
    verifyEmailAction({
      request: makeRequest({ path: `/verify-email/${token}`, method: 'POST', form: {}, cookie }),
      params: { token },
      context: makeContext(),
    }),
  )

/** Makes starting a session for this person fail (as a database error would), until the returned function runs. */
const breakSessionsOf = (userId: number) =>
  failWritesOnPurpose({
    name: `fail_session_${userId}`,
    event: 'insert',
    table: 'sessions',
    when: `new.user_id = ${userId}`,
  })

describe('a verification link signs the browser in as its owner', () => {
  it('ends the session the browser had, signed out or left by its owner', async () => {
    const bea = await signedUpWithLink()
    const browser = await startSession(bea.id)

    const answer = (await openVerification(bea.token, cookieFrom(browser.cookie))) as Response
    expect(answer.status).toBe(302)
    expect(cookieNames(answer)).toEqual([
      'ideabox_session (ended)',
      'ideabox_session',
      'ideabox_lang',
    ])
    expect(await sessionExists(browser.sessionId)).toBe(false)
    expect(await signedInAs(answer)).toBe(bea.id)
  })

  it('confirms the address but keeps a browser signed in as someone else as it is, and says so', async () => {
    // Otherwise anyone could mail a person the link of an account they control and have them act
    // as it unknowingly (found in review, 2026-12-06).
    const bea = await signedUpWithLink()
    const browser = await browserSignedInAsSomeoneElse()

    const answer = (await openVerification(bea.token, browser.cookie)) as Response
    expect(answer.status).toBe(302)
    expect(answer.headers.getSetCookie()).toEqual([])
    // The page it leads to tells this browser the address is confirmed, and whose it is not.
    expect(
      await verifyDoneLoader({
        request: makeRequest({ path: answer.headers.get('Location')!, cookie: browser.cookie }),
        params: {},
        context: makeContext(),
      }),
    ).toMatchObject({ confirmed: true, otherAccount: true })
    expect(await sessionExists(browser.sessionId)).toBe(true)
    const [account] = await db()
      .select({ verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, bea.id))
    expect(account!.verifiedAt).not.toBeNull()
  })

  // The page the link lands on confirms the address as the truth allows: "your" address to its
  // owner, but to a browser signed in as someone else only that the address is confirmed (naming
  // nothing: its query is anyone's to type).
  it.each(supportedLocales)(
    'the confirmation page calls the address yours only when it is, in %s',
    async (locale) => {
      const landing = async (answer: Response, cookie?: string) =>
        (
          (await verifyDoneLoader({
            request: makeRequest({
              path: answer.headers.get('Location')!,
              cookie,
              headers: { 'Accept-Language': locale },
            }),
            params: {},
            context: makeContext(),
          })) as { confirmation: string }
        ).confirmation
      const yours = locale === 'en' ? /\byour\b/i : /\b(je|jouw) e-mailadres\b/i

      const bea = await signedUpWithLink()
      const browser = await browserSignedInAsSomeoneElse()
      const other = (await openVerification(bea.token, browser.cookie)) as Response
      const toOther = await landing(other, browser.cookie)
      expect(toOther).toBe(
        locale === 'en'
          ? 'Thank you: the email address this link was sent to is confirmed.'
          : 'Dank je: het e-mailadres waarnaar deze link is gestuurd, is bevestigd.',
      )
      expect(toOther).not.toMatch(yours)

      // Signing in switches the browser to the account's language: Ann signed up in this one.
      const ann = await signedUpWithLink(locale)
      const owner = (await openVerification(ann.token)) as Response
      const ownerCookies = owner.headers
        .getSetCookie()
        .filter((line) => !line.includes('Max-Age=0'))
        .map((line) => cookieFrom(line))
        .join('; ')
      expect(await landing(owner, ownerCookies)).toMatch(yours)
    },
  )

  it('is one transaction: when the session cannot start, the link stays unspent and the address unconfirmed', async () => {
    const bea = await signedUpWithLink()

    const repair = await breakSessionsOf(bea.id)
    try {
      expect(await openVerification(bea.token)).toBeInstanceOf(Error)
    } finally {
      await repair()
    }
    const [account] = await db()
      .select({ verifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, bea.id))
    expect(account!.verifiedAt).toBeNull()

    const again = (await openVerification(bea.token)) as Response
    expect(again.status).toBe(302)
    expect(await signedInAs(again)).toBe(bea.id)
  })
})

describe('a password reset signs the browser in as the account whose link it was', () => {
  it("ends the browser's session (another account's) and every session of the account", async () => {
    const bea = await createTestUser()
    const beaElsewhere = await startSession(bea.id)
    expect((await requestPasswordReset({ email: bea.email, clientIp: '198.18.77.1' })).ok).toBe(
      true,
    )
    const token = await linkIn(bea.email, 'password-reset')
    const browser = await browserSignedInAsSomeoneElse()

    const answer = (await settle(() =>
      resetAction({
        request: makeRequest({
          path: `/reset-password/${token}`,
          method: 'POST',
          form: { password: 'a brand new passphrase' },
          cookie: browser.cookie,
        }),
        params: { token },
        context: makeContext(),
      }),
    )) as Response
    expect(answer.status).toBe(303)
    expect(cookieNames(answer)).toEqual([
      'ideabox_session (ended)',
      'ideabox_session',
      'ideabox_lang',
    ])
    expect(await sessionExists(browser.sessionId)).toBe(false)
    expect(await sessionExists(beaElsewhere.sessionId)).toBe(false)
    expect(await signedInAs(answer)).toBe(bea.id)
  })
})
