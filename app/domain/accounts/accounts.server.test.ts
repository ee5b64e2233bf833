import { asc, eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { outbox, users } from '#app/db/schema'
import { createTestUser, TEST_PASSWORD, unique } from '#app/demo/factories.server'
import { resetEnvCache } from '#app/utils/env.server'
import { requireRole, requireUser } from '#app/utils/http/permissions.server'
import { failWritesOnPurpose } from '#tests/setup/fail-on-purpose'

import { findUserByEmail, signIn, signUp } from './accounts.server'
import {
  endAllSessions,
  endSession,
  SESSION_COOKIE_NAME,
  startSession,
  validateSession,
} from './sessions.server'
import { verifyEmail } from './tokens.server'

// A different documentation address (TEST-NET) per call: rate limits are per address, and a random
// pick from 250 collided now and then, adding another test's attempts to this one's.
let nextHost = 0
const ip = () => {
  nextHost += 1
  return `198.51.${Math.floor(nextHost / 250)}.${nextHost % 250}`
}

const mailKinds = async (email: string) =>
  (
    await db()
      .select({ kind: outbox.kind })
      .from(outbox)
      .where(eq(outbox.toAddress, email))
      .orderBy(asc(outbox.id))
  ).map((row) => row.kind)

describe('sign-up', () => {
  afterEach(() => {
    delete process.env.ADMIN_EMAIL
    resetEnvCache()
  })

  it('creates an unverified customer and emails a link; the same email again (any case) changes nothing and tells the holder', async () => {
    const email = `${unique('ann')}@example.com`
    const first = await signUp({
      input: { email, displayName: 'Ann', password: 'long enough password' },
      locale: 'nl',
      clientIp: ip(),
    })
    expect(first).toEqual({ ok: true })
    const created = await findUserByEmail({ email })
    expect(created).toMatchObject({ role: 'customer', locale: 'nl', emailVerifiedAt: null })
    expect(await mailKinds(email)).toEqual(['verify-email'])

    const again = await signUp({
      input: {
        email: email.toUpperCase(),
        displayName: 'Impostor',
        password: 'another long password',
      },
      locale: 'en',
      clientIp: ip(),
    })
    expect(again).toEqual(first)
    expect(await findUserByEmail({ email })).toEqual(created)
    expect(await mailKinds(email)).toEqual(['verify-email', 'sign-up-attempt'])
  })

  it('is one transaction with its email: when queueing the verification email fails, no account is left behind', async () => {
    const email = `${unique('half')}@example.com`
    // The outbox refuses this address's email (as a database error would), until repaired.
    const repair = await failWritesOnPurpose({
      name: `fail_outbox_${email.replace(/\W/g, '_')}`.slice(0, 60),
      event: 'insert',
      table: 'outbox',
      when: `new.to_address = '${email}'`,
    })
    try {
      await expect(
        signUp({
          input: { email, displayName: 'Half Done', password: 'long enough password' },
          locale: 'en',
          clientIp: ip(),
        }),
      ).rejects.toThrow()
    } finally {
      await repair()
    }
    expect(await findUserByEmail({ email })).toBeUndefined()
    expect(
      await db()
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`),
    ).toEqual([])
    expect(await mailKinds(email)).toEqual([])
    // Signing up again works: nothing half-done is in the way.
    expect(
      await signUp({
        input: { email, displayName: 'Half Done', password: 'long enough password' },
        locale: 'en',
        clientIp: ip(),
      }),
    ).toEqual({ ok: true })
    expect(await mailKinds(email)).toEqual(['verify-email'])
  })

  it('makes the ADMIN_EMAIL account an admin once its address is verified', async () => {
    const email = `${unique('boss')}@example.com`
    process.env.ADMIN_EMAIL = email
    resetEnvCache()
    await signUp({
      input: { email, displayName: 'Boss', password: 'long enough password' },
      locale: 'en',
      clientIp: ip(),
    })
    expect((await findUserByEmail({ email }))?.role).toBe('customer')
    const [mail] = await db()
      .select({ textBody: outbox.textBody })
      .from(outbox)
      .where(eq(outbox.toAddress, email))
    const token = /\/verify-email\/([\w-]+)/.exec(mail?.textBody ?? '')?.[1] ?? ''
    expect(await verifyEmail({ token })).toMatchObject({ maySignIn: true })
    expect((await findUserByEmail({ email }))?.role).toBe('admin')
  })

  it('stores an argon2id hash, never the password', async () => {
    const user = await createTestUser()
    expect(user.passwordHash).toMatch(/^\$argon2id\$/)
    expect(user.passwordHash).not.toContain(TEST_PASSWORD)
  })
})

describe('sign-in', () => {
  it('says the same for a wrong password and an unknown email', async () => {
    const user = await createTestUser()
    const wrongPassword = await signIn({
      input: { email: user.email, password: 'not the password' },
      clientIp: ip(),
    })
    const unknownEmail = await signIn({
      input: { email: `${unique('nobody')}@example.com`, password: TEST_PASSWORD },
      clientIp: ip(),
    })
    expect(wrongPassword).toEqual({ ok: false, reason: 'signInFailed' })
    expect(unknownEmail).toEqual(wrongPassword)
    const right = await signIn({
      input: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
      clientIp: ip(),
    })
    expect(right.ok).toBe(true)
  })

  it('slows an account down for unknown devices after 10 failures from different addresses, even with the right password', async () => {
    const user = await createTestUser()
    for (let attempt = 0; attempt < 10; attempt++) {
      await signIn({ input: { email: user.email, password: 'wrong password' }, clientIp: ip() })
    }
    const blocked = await signIn({
      input: { email: user.email, password: TEST_PASSWORD },
      clientIp: ip(),
    })
    expect(blocked).toMatchObject({ ok: false, reason: 'tooManyAttempts' })
  })

  it('lets no more than the limit through when 40 attempts from one address arrive at once', async () => {
    const address = ip()
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        signIn({
          input: { email: `${unique(`p${index}`)}@example.com`, password: 'whatever password' },
          clientIp: address,
        }),
      ),
    )
    const limited = results.filter((result) => !result.ok && result.reason === 'tooManyAttempts')
    expect(limited).toHaveLength(10)
  })

  it('evaluates no more than 10 attempts at one account when 40 arrive at once from 40 addresses, in any letter case', async () => {
    const user = await createTestUser()
    const spellings = [user.email, user.email.toUpperCase(), ` ${user.email} `]
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        signIn({
          input: {
            email: spellings[index % spellings.length]!.trim().toLowerCase(),
            password: `wrong ${index}`,
          },
          clientIp: ip(),
        }),
      ),
    )
    expect(results.filter((result) => !result.ok && result.reason === 'signInFailed')).toHaveLength(
      10,
    )
    expect(
      results.filter((result) => !result.ok && result.reason === 'tooManyAttempts'),
    ).toHaveLength(30)
    expect(
      await signIn({ input: { email: user.email, password: TEST_PASSWORD }, clientIp: ip() }),
    ).toMatchObject({ ok: false, reason: 'tooManyAttempts' })
  })

  it('lets the right password in once the delay has passed', async () => {
    const user = await createTestUser()
    for (let attempt = 0; attempt < 11; attempt++) {
      await signIn({ input: { email: user.email, password: 'wrong password' }, clientIp: ip() })
    }
    await db().execute(
      sql`update failure_delays set blocked_until = now() - interval '1 second' where key = ${`sign-in-failures:account:${user.email}`}`,
    )
    const result = await signIn({
      input: { email: user.email, password: TEST_PASSWORD },
      clientIp: ip(),
    })
    expect(result.ok).toBe(true)
  })
})

describe('sessions and permissions', () => {
  const requestWith = (cookie: string, path = '/admin?tab=x') =>
    new Request(`http://localhost${path}`, { headers: { Cookie: cookie.split(';')[0]! } })

  it('validates, ends and ends-all sessions', async () => {
    const user = await createTestUser()
    const first = await startSession(user.id)
    const second = await startSession(user.id)
    expect(first.cookie).toContain(`${SESSION_COOKIE_NAME}=`)
    expect(first.cookie).toMatch(/HttpOnly/i)
    expect(first.cookie).toMatch(/SameSite=Lax/i)
    expect((await validateSession(first.sessionId)).user?.id).toBe(user.id)
    await endSession(first.sessionId)
    expect((await validateSession(first.sessionId)).user).toBeNull()
    expect((await validateSession(second.sessionId)).user?.displayName).toBe(user.displayName)
    await endAllSessions(user.id)
    expect((await validateSession(second.sessionId)).user).toBeNull()
  })

  it('sends visitors to sign in and back, and refuses customers the back office', async () => {
    const thrown = await requireUser(new Request('http://localhost/account?tab=1')).catch(
      (error: unknown) => error,
    )
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).headers.get('Location')).toBe(
      '/login?redirectTo=%2Faccount%3Ftab%3D1',
    )

    const customer = await createTestUser({ password: null })
    const { cookie } = await startSession(customer.id)
    const refused = await requireRole(requestWith(cookie), 'moderator').catch(
      (error: unknown) => error,
    )
    expect((refused as Response).status).toBe(403)

    const admin = await createTestUser({ role: 'admin', password: null })
    const adminSession = await startSession(admin.id)
    await expect(requireRole(requestWith(adminSession.cookie), 'moderator')).resolves.toMatchObject(
      { id: admin.id },
    )
  })
})
