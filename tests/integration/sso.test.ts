// Single sign-on against a real OpenID Connect provider (oidc-provider) started on loopback: the
// routes are called with real Requests, the provider is reached over HTTP as a browser would.
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ssoIdentities, users } from '#app/db/schema'
import { startSession, validateSession } from '#app/domain/accounts/sessions.server'
import { findOrCaptureCustomer } from '#app/domain/intake/intake.server'
import {
  SSO_FLOW_COOKIE,
  SSO_LINK_COOKIE,
  SSO_SESSION_COOKIE,
} from '#app/domain/sso/sso-flow.server'
import { loader as personLoader } from '#app/routes/admin.people.$userId'
import { action as startAction } from '#app/routes/auth.sso.$providerId'
import { loader as callbackLoader } from '#app/routes/auth.sso.$providerId_.callback'
import { action as linkAction, loader as linkLoader } from '#app/routes/auth.sso.link'
import { action as loginAction } from '#app/routes/login'
import { action as logoutAction } from '#app/routes/logout'
import { publicBaseUrl, resetEnvCache } from '#app/utils/env.server'
import { createTestUser, TEST_PASSWORD, unique } from '#tests/factories'
import {
  passThroughProvider,
  type RunningOidcProvider,
  startOidcProvider,
} from '#tests/setup/oidc-provider'
import { cookieFrom, makeContext, makeRequest, settle } from '#tests/setup/request'

type DataResult = {
  type: 'DataWithResponseInit'
  data: Record<string, unknown>
  init: { status?: number } | null
}

let provider: RunningOidcProvider
const closedPort = 9 // discard: nothing listens there on loopback

beforeAll(async () => {
  provider = await startOidcProvider({ appUrls: ['http://localhost:3000'] })
  const common = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
  }
  process.env.OIDC_PROVIDERS = JSON.stringify([
    {
      id: 'example',
      label: 'Example ID',
      ...common,
      roleMapping: {
        claim: 'groups',
        map: { 'ideabox-admins': 'admin', 'ideabox-moderators': 'moderator' },
      },
    },
    {
      id: 'staff',
      label: 'Staff ID',
      audience: 'staff',
      passwordSignIn: false,
      ...common,
      roleMapping: { claim: 'groups', map: { 'ideabox-agents': 'agent' } },
    },
    { id: 'customers', label: 'Customer ID', audience: 'customers', ...common },
    { id: 'plain', label: 'Plain ID', ...common },
    { id: 'down', label: 'Down ID', ...common, issuer: `http://127.0.0.1:${closedPort}` },
  ])
  delete process.env.APP_URL
  resetEnvCache()
})

afterAll(async () => {
  delete process.env.OIDC_PROVIDERS
  delete process.env.SSO_REQUIRED_FOR_STAFF
  resetEnvCache()
  await provider?.close()
})

const call = (
  fn: (args: never) => Promise<unknown>,
  request: Request,
  params: Record<string, string> = {},
) => settle(() => fn({ request, params, context: makeContext() } as never))

function cookieNamed(response: Response, name: string) {
  return cookieFrom(
    response.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${name}=`) && !line.includes('Max-Age=0')) ?? null,
  )
}

function newAccount(
  overrides: Partial<{
    email: string
    email_verified: boolean
    name: string
    groups: string[]
  }> = {},
) {
  const login = unique('login')
  provider.accounts[login] = {
    email: `${login}@example.test`,
    email_verified: true,
    name: 'Sam Sso',
    ...overrides,
  }
  return { login, ...provider.accounts[login]! }
}

/** Presses "Continue with …", signs in at the provider, and comes back: the callback's answer. */
async function signInThrough({
  providerId = 'example',
  login,
  redirectTo = '/ideas',
  tamper,
  cancel = false,
  sessionCookie,
  userAgent,
}: {
  providerId?: string
  login: string
  redirectTo?: string
  tamper?: (url: URL) => void
  cancel?: boolean
  /** The session this browser already has (name=value), sent back with the flow cookie. */
  sessionCookie?: string
  /** The browser's User-Agent on the way back. */
  userAgent?: string
}) {
  const started = (await call(
    startAction,
    makeRequest({ path: `/auth/sso/${providerId}`, method: 'POST', form: { redirectTo } }),
    { providerId },
  )) as Response
  expect(started.status).toBe(303)
  const flowCookie = cookieNamed(started, SSO_FLOW_COOKIE)
  const back = await passThroughProvider({
    authorizationUrl: started.headers.get('Location')!,
    login,
    cancel,
  })
  expect(`${back.origin}${back.pathname}`).toBe(
    `${publicBaseUrl()}/auth/sso/${providerId}/callback`,
  )
  tamper?.(back)
  const callback = () =>
    call(
      callbackLoader,
      makeRequest({
        path: `${back.pathname}${back.search}`,
        cookie: sessionCookie ? `${flowCookie}; ${sessionCookie}` : flowCookie,
        headers: userAgent ? { 'User-Agent': userAgent } : {},
      }),
      { providerId },
    )
  return { result: await callback(), again: callback, started }
}

const statusOf = (result: unknown) =>
  result instanceof Response ? result.status : ((result as DataResult).init?.status ?? 200)
const reasonOf = (result: unknown) => (result as DataResult).data?.reason

async function signedInUser(response: Response) {
  const session = cookieNamed(response, 'ideabox_session')
  return (await validateSession(session.split('=')[1]!)).user
}

describe('single sign-on: sign-in', () => {
  it('sends the browser to the provider with PKCE, state and nonce, and remembers them in a short-lived httpOnly cookie', async () => {
    const started = (await call(
      startAction,
      makeRequest({ path: '/auth/sso/example', method: 'POST', form: {} }),
      { providerId: 'example' },
    )) as Response
    const url = new URL(started.headers.get('Location')!)
    expect(url.origin).toBe(provider.issuer)
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('state')).toBeTruthy()
    expect(url.searchParams.get('nonce')).toBeTruthy()
    expect(url.searchParams.get('redirect_uri')).toBe(
      `${publicBaseUrl()}/auth/sso/example/callback`,
    )
    const cookie = started.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${SSO_FLOW_COOKIE}=`))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Max-Age=600/)
  })

  it('creates the account from the verified email and name on the first sign-in, claims what staff captured, and shows it on the timeline', async () => {
    const account = newAccount({ name: 'Nora Newcomer' })
    const captured = await findOrCaptureCustomer({
      customer: { email: account.email, name: 'Nora at the store', phone: '' },
    })
    const { result } = await signInThrough({ login: account.login })
    expect(statusOf(result)).toBe(302)
    expect((result as Response).headers.get('Location')).toBe('/ideas')
    const user = await signedInUser(result as Response)
    expect(user).toMatchObject({
      email: account.email,
      displayName: 'Nora Newcomer',
      role: 'customer',
    })
    const [row] = await db().select().from(users).where(eq(users.id, user!.id))
    expect(row!.emailVerifiedAt).not.toBeNull()
    expect(row!.passwordHash).toBeNull()
    const [claimed] = await db()
      .select({ claimedById: users.claimedById })
      .from(users)
      .where(eq(users.id, captured!.id))
    expect(claimed!.claimedById).toBe(user!.id)
    const [link] = await db().select().from(ssoIdentities).where(eq(ssoIdentities.userId, user!.id))
    expect(link).toMatchObject({ providerId: 'example', subject: account.login, origin: 'created' })

    const admin = await createTestUser({ role: 'admin', password: null })
    const adminCookie = cookieFrom((await startSession(admin.id)).cookie)
    const page = (await call(
      personLoader,
      makeRequest({ path: `/admin/people/${user!.id}`, cookie: adminCookie }),
      { userId: String(user!.id) },
    )) as { timeline: { kind: string; provider?: string }[] }
    expect(page.timeline).toContainEqual(
      expect.objectContaining({ kind: 'ssoCreated', provider: 'Example ID' }),
    )
  })

  it('signs in a login the example provider does not know, as the verified <login>@example.test (never a 500 at the provider)', async () => {
    const login = unique('Someone New').replace(/\s/g, '.')
    const { result } = await signInThrough({ login })
    expect(statusOf(result)).toBe(302)
    const user = await signedInUser(result as Response)
    expect(user).toMatchObject({ email: `${login.toLowerCase()}@example.test` })
    expect(user!.displayName.length).toBeGreaterThanOrEqual(2)
  })

  it('signs the same person in again as the same account, with a new session each time', async () => {
    const account = newAccount()
    const first = await signedInUser(
      (await signInThrough({ login: account.login })).result as Response,
    )
    const second = (await signInThrough({ login: account.login })).result as Response
    expect((await signedInUser(second))?.id).toBe(first!.id)
  })

  it('maps staff roles from the groups claim', async () => {
    const account = newAccount({ groups: ['staff', 'ideabox-admins'] })
    const { result } = await signInThrough({ login: account.login })
    expect((await signedInUser(result as Response))?.role).toBe('admin')
    // The provider is the source of the role: taken out of the group, the next sign-in is a customer.
    provider.accounts[account.login]!.groups = []
    const again = (await signInThrough({ login: account.login })).result as Response
    expect((await signedInUser(again))?.role).toBe('customer')
  })

  it('makes the ADMIN_EMAIL address admin on its first sign-in, as a verified sign-up does', async () => {
    const viaCustomers = newAccount()
    const viaPlain = newAccount()
    try {
      process.env.ADMIN_EMAIL = viaCustomers.email
      resetEnvCache()
      // A customers-only provider makes no admin.
      expect(
        (
          await signedInUser(
            (await signInThrough({ providerId: 'customers', login: viaCustomers.login }))
              .result as Response,
          )
        )?.role,
      ).toBe('customer')
      process.env.ADMIN_EMAIL = viaPlain.email
      resetEnvCache()
      expect(
        (
          await signedInUser(
            (await signInThrough({ providerId: 'plain', login: viaPlain.login }))
              .result as Response,
          )
        )?.role,
      ).toBe('admin')
    } finally {
      delete process.env.ADMIN_EMAIL
      resetEnvCache()
    }
  })

  it('refuses an address the provider has not verified, with its own page', async () => {
    const account = newAccount({ email_verified: false })
    const { result } = await signInThrough({ login: account.login })
    expect(statusOf(result)).toBe(403)
    expect(reasonOf(result)).toBe('emailNotVerified')
    expect(await db().select().from(users).where(eq(users.email, account.email))).toEqual([])
  })

  it('shows the cancelled page when the person cancels at the provider (error=access_denied)', async () => {
    const account = newAccount()
    const { result } = await signInThrough({ login: account.login, cancel: true })
    expect(statusOf(result)).toBe(200)
    expect(reasonOf(result)).toBe('cancelled')
  })
})

describe('single sign-on: what is refused', () => {
  it('refuses a tampered state', async () => {
    const account = newAccount()
    const { result } = await signInThrough({
      login: account.login,
      tamper: (url) => url.searchParams.set('state', `${url.searchParams.get('state')}x`),
    })
    expect(statusOf(result)).toBe(400)
    expect(reasonOf(result)).toBe('state')
  })

  it('refuses a callback without the flow cookie (another browser) and a forged cookie', async () => {
    const account = newAccount()
    const started = (await call(
      startAction,
      makeRequest({ path: '/auth/sso/example', method: 'POST', form: {} }),
      { providerId: 'example' },
    )) as Response
    const back = await passThroughProvider({
      authorizationUrl: started.headers.get('Location')!,
      login: account.login,
    })
    for (const cookie of [undefined, `${SSO_FLOW_COOKIE}=e30.forged`]) {
      const result = await call(
        callbackLoader,
        makeRequest({ path: `${back.pathname}${back.search}`, cookie }),
        { providerId: 'example' },
      )
      expect(reasonOf(result)).toBe('state')
    }
  })

  it('refuses a code used twice', async () => {
    const account = newAccount()
    const { result, again } = await signInThrough({ login: account.login })
    expect(statusOf(result)).toBe(302)
    const reused = await again()
    expect(statusOf(reused)).toBe(400)
    expect(reasonOf(reused)).toBe('code')
  })

  it('refuses an ID token made out to another client (wrong audience)', async () => {
    const account = newAccount()
    provider.issueIdTokensFor('another-site')
    try {
      const { result } = await signInThrough({ login: account.login })
      expect(statusOf(result)).toBe(400)
      expect(reasonOf(result)).toBe('invalidToken')
    } finally {
      provider.issueIdTokensFor(null)
    }
    expect(await db().select().from(users).where(eq(users.email, account.email))).toEqual([])
  })

  it('shows the provider-down page when the provider does not answer (closed port)', async () => {
    const started = (await call(
      startAction,
      makeRequest({ path: '/auth/sso/down', method: 'POST', form: {} }),
      { providerId: 'down' },
    )) as Response
    expect(started.status).toBe(303)
    const location = started.headers.get('Location')!
    expect(location).toBe('/auth/sso/down/callback?failed=providerDown')
    const page = await call(callbackLoader, makeRequest({ path: location }), { providerId: 'down' })
    expect(statusOf(page)).toBe(502)
    expect(reasonOf(page)).toBe('providerDown')
  })

  it('answers an unknown provider with a 404 page, not a 500', async () => {
    const page = await call(
      callbackLoader,
      makeRequest({ path: '/auth/sso/nope/callback?code=x&state=y' }),
      { providerId: 'nope' },
    )
    expect(statusOf(page)).toBe(404)
    expect(reasonOf(page)).toBe('unknownProvider')
  })

  it('refuses a staff account on a customers-only provider, and a customer on a staff-only one (wrong audience)', async () => {
    const staffAccount = newAccount({ groups: ['ideabox-agents'] })
    const onCustomers = await signInThrough({ providerId: 'customers', login: staffAccount.login })
    expect(statusOf(onCustomers.result)).toBe(302) // no mapping on the customers provider: a customer
    const moderator = await createTestUser({ role: 'moderator' })
    const staffLogin = newAccount({ email: moderator.email })
    const refused = await signInThrough({ providerId: 'customers', login: staffLogin.login })
    expect(reasonOf(refused.result)).toBe('wrongAudience')
    const customer = newAccount({ groups: [] })
    const refusedOnStaff = await signInThrough({ providerId: 'staff', login: customer.login })
    expect(statusOf(refusedOnStaff.result)).toBe(403)
    expect(reasonOf(refusedOnStaff.result)).toBe('wrongAudience')
  })
})

describe('single sign-on: the cookies it answers with', () => {
  /** The Set-Cookie lines of a response, each as its name and whether it clears the cookie. */
  const cookieLines = (response: Response) =>
    response.headers
      .getSetCookie()
      .map((line) => [line.split('=')[0], line.includes('Max-Age=0') ? 'cleared' : 'set'])

  it('clears the flow cookie, ends the session the browser had and starts a new one on sign-in', async () => {
    const before = await createTestUser({ password: null })
    const old = cookieFrom((await startSession(before.id)).cookie)
    const account = newAccount()
    const { result } = await signInThrough({ login: account.login, sessionCookie: old })
    expect(statusOf(result)).toBe(302)
    expect(cookieLines(result as Response)).toEqual([
      [SSO_FLOW_COOKIE, 'cleared'],
      ['ideabox_session', 'cleared'],
      ['ideabox_session', 'set'],
      ['ideabox_lang', 'set'],
      [SSO_SESSION_COOKIE, 'set'],
    ])
    expect((await validateSession(old.split('=')[1]!)).user).toBeNull()
    expect((await signedInUser(result as Response))?.email).toBe(account.email)
  })

  it('clears the flow cookie on a failure and keeps the session the browser had', async () => {
    const before = await createTestUser({ password: null })
    const old = cookieFrom((await startSession(before.id)).cookie)
    const account = newAccount({ email_verified: false })
    const { result } = await signInThrough({ login: account.login, sessionCookie: old })
    expect(statusOf(result)).toBe(403)
    expect(
      new Headers((result as { init: { headers: HeadersInit } }).init.headers).getSetCookie(),
    ).toEqual([expect.stringMatching(new RegExp(`^${SSO_FLOW_COOKIE}=;.*Max-Age=0`))])
    expect((await validateSession(old.split('=')[1]!)).user?.id).toBe(before.id)
  })

  it('asks for proof with the link cookie (no session yet), then links, ending the session the browser had', async () => {
    const existing = await createTestUser()
    await db().update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, existing.id))
    const before = await createTestUser({ password: null })
    const old = cookieFrom((await startSession(before.id)).cookie)
    const account = newAccount({ email: existing.email })
    const { result } = await signInThrough({ login: account.login, sessionCookie: old })
    expect((result as Response).headers.get('Location')).toBe('/auth/sso/link')
    expect(cookieLines(result as Response)).toEqual([
      [SSO_FLOW_COOKIE, 'cleared'],
      [SSO_LINK_COOKIE, 'set'],
    ])
    expect((await validateSession(old.split('=')[1]!)).user?.id).toBe(before.id)
    const linked = (await call(
      linkAction,
      makeRequest({
        path: '/auth/sso/link',
        method: 'POST',
        form: { password: TEST_PASSWORD },
        cookie: `${cookieNamed(result as Response, SSO_LINK_COOKIE)}; ${old}`,
      }),
    )) as Response
    expect(linked.status).toBe(303)
    expect(linked.headers.get('Location')).toBe('/ideas')
    expect(cookieLines(linked)).toEqual([
      [SSO_LINK_COOKIE, 'cleared'],
      ['ideabox_session', 'cleared'],
      ['ideabox_session', 'set'],
      ['ideabox_lang', 'set'],
      [SSO_SESSION_COOKIE, 'set'],
    ])
    expect((await validateSession(old.split('=')[1]!)).user).toBeNull()
    expect((await signedInUser(linked))?.id).toBe(existing.id)
  })

  it('answers a wrong password for the link with the form’s refusal (400), and too many with 429', async () => {
    const existing = await createTestUser()
    await db().update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, existing.id))
    const account = newAccount({ email: existing.email })
    const { result } = await signInThrough({ login: account.login })
    const linkCookie = cookieNamed(result as Response, SSO_LINK_COOKIE)
    const attempt = (password: string) =>
      call(
        linkAction,
        makeRequest({
          path: '/auth/sso/link',
          method: 'POST',
          form: { password },
          cookie: linkCookie,
        }),
      ) as Promise<DataResult>
    const wrong = await attempt('not the password')
    expect(wrong.init?.status).toBe(400)
    expect(wrong.data).toEqual({ fieldErrors: {}, formError: 'auth.signInFailed', values: {} })
    const empty = await attempt('')
    expect(empty.init?.status).toBe(400)
    expect(empty.data).toEqual({ fieldErrors: { password: ['validation.required'] }, values: {} })
    let answer = wrong
    for (let tries = 0; tries < 30 && answer.init?.status !== 429; tries += 1)
      answer = await attempt('still not the password')
    expect(answer.init?.status).toBe(429)
    expect(answer.data).toEqual({ fieldErrors: {}, formError: 'auth.tooManyAttempts', values: {} })
  })
})

describe('single sign-on: the link and the session commit together', () => {
  // A browser whose session cannot be written (a trigger refuses its User-Agent): whatever the
  // sign-in would have linked or changed must not outlive the failure, or an identity is linked
  // (an account created, taken over) for a browser that never got in.
  const refusedAgent = 'sso-test-refuses-the-session'
  beforeAll(async () => {
    await db().execute(
      sql.raw(`
      create or replace function sso_test_refuse_session() returns trigger language plpgsql as $$
      begin
        if new.user_agent = '${refusedAgent}' then raise exception 'session refused by the test'; end if;
        return new;
      end $$`),
    )
    await db().execute(
      sql.raw(`
      create trigger sso_test_refuse_session before insert on sessions
      for each row execute function sso_test_refuse_session()`),
    )
  })
  afterAll(async () => {
    await db().execute(sql.raw('drop trigger if exists sso_test_refuse_session on sessions'))
    await db().execute(sql.raw('drop function if exists sso_test_refuse_session()'))
  })

  const identitiesOf = (login: string) =>
    db().select().from(ssoIdentities).where(eq(ssoIdentities.subject, login))

  it('creates no account and links nothing on a first sign-in whose session fails', async () => {
    const account = newAccount()
    const { result } = await signInThrough({ login: account.login, userAgent: refusedAgent })
    expect(result).toBeInstanceOf(Error)
    expect(await identitiesOf(account.login)).toEqual([])
    expect(await db().select().from(users).where(eq(users.email, account.email))).toEqual([])
  })

  it('takes over no unverified account when the session fails', async () => {
    const unverified = await createTestUser()
    const account = newAccount({ email: unverified.email })
    const { result } = await signInThrough({ login: account.login, userAgent: refusedAgent })
    expect(result).toBeInstanceOf(Error)
    expect(await identitiesOf(account.login)).toEqual([])
    const [after] = await db().select().from(users).where(eq(users.id, unverified.id))
    expect(after).toMatchObject({ emailVerifiedAt: null, passwordHash: unverified.passwordHash })
  })

  it('links nothing when the password proves the account but the session fails, and links on the next try', async () => {
    const existing = await createTestUser()
    await db().update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, existing.id))
    const account = newAccount({ email: existing.email })
    const { result } = await signInThrough({ login: account.login })
    const link = (userAgent: string) =>
      call(
        linkAction,
        makeRequest({
          path: '/auth/sso/link',
          method: 'POST',
          form: { password: TEST_PASSWORD },
          cookie: cookieNamed(result as Response, SSO_LINK_COOKIE),
          headers: { 'User-Agent': userAgent },
        }),
      )
    expect(await link(refusedAgent)).toBeInstanceOf(Error)
    expect(await identitiesOf(account.login)).toEqual([])
    const linked = (await link('Firefox')) as Response
    expect(linked.status).toBe(303)
    expect((await signedInUser(linked))?.id).toBe(existing.id)
    expect(await identitiesOf(account.login)).toMatchObject([{ userId: existing.id }])
  })
})

describe('single sign-on: linking an existing account', () => {
  // An account whose address was confirmed: only its password proves the provider's person owns it.
  async function verifiedUser() {
    const user = await createTestUser()
    await db().update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id))
    return user
  }

  it('links only after the password of the existing account proves it, then signs in directly', async () => {
    const existing = await verifiedUser()
    const account = newAccount({ email: existing.email })
    const { result } = await signInThrough({ login: account.login, redirectTo: '/my/ideas' })
    expect(statusOf(result)).toBe(302)
    expect((result as Response).headers.get('Location')).toBe('/auth/sso/link')
    expect(cookieNamed(result as Response, 'ideabox_session')).toBe('')
    const linkCookie = cookieNamed(result as Response, SSO_LINK_COOKIE)

    const page = (await call(
      linkLoader,
      makeRequest({ path: '/auth/sso/link', cookie: linkCookie }),
    )) as { pending: { email: string; hasPassword: boolean } }
    expect(page.pending).toMatchObject({ email: existing.email, hasPassword: true })

    const wrong = await call(
      linkAction,
      makeRequest({
        path: '/auth/sso/link',
        method: 'POST',
        form: { password: 'not the password' },
        cookie: linkCookie,
      }),
    )
    expect(statusOf(wrong)).toBe(400)
    expect(
      await db().select().from(ssoIdentities).where(eq(ssoIdentities.userId, existing.id)),
    ).toEqual([])

    const linked = (await call(
      linkAction,
      makeRequest({
        path: '/auth/sso/link',
        method: 'POST',
        form: { password: TEST_PASSWORD },
        cookie: linkCookie,
      }),
    )) as Response
    expect(linked.status).toBe(303)
    expect(linked.headers.get('Location')).toBe('/my/ideas')
    expect((await signedInUser(linked))?.id).toBe(existing.id)
    const [link] = await db()
      .select()
      .from(ssoIdentities)
      .where(and(eq(ssoIdentities.userId, existing.id), eq(ssoIdentities.providerId, 'example')))
    expect(link).toMatchObject({ subject: account.login, origin: 'linked' })

    // Used once: the same pending link cannot link again.
    const replay = await call(
      linkAction,
      makeRequest({
        path: '/auth/sso/link',
        method: 'POST',
        form: { password: TEST_PASSWORD },
        cookie: linkCookie,
      }),
    )
    expect(statusOf(replay)).toBe(400)

    const next = (await signInThrough({ login: account.login })).result as Response
    expect((await signedInUser(next))?.id).toBe(existing.id)
  })

  it('takes over an account whose address was never verified: linked, verified, password and sessions gone, on the timeline', async () => {
    // Someone signed up with Grace's address and never confirmed it; the real Grace signs in with the provider.
    const squatter = await createTestUser()
    const squatterSession = await startSession(squatter.id)
    const account = newAccount({ email: squatter.email, name: 'Grace Real' })
    const { result } = await signInThrough({ login: account.login, redirectTo: '/my/ideas' })
    expect(statusOf(result)).toBe(302)
    expect((result as Response).headers.get('Location')).toBe('/my/ideas')
    expect((await signedInUser(result as Response))?.id).toBe(squatter.id)
    const [row] = await db().select().from(users).where(eq(users.id, squatter.id))
    expect(row!.emailVerifiedAt).not.toBeNull()
    expect(row!.passwordHash).toBeNull()
    expect(row!.displayName).toBe('Grace Real')
    expect((await validateSession(squatterSession.sessionId)).user).toBeNull()
    const [link] = await db()
      .select()
      .from(ssoIdentities)
      .where(eq(ssoIdentities.userId, squatter.id))
    expect(link).toMatchObject({
      providerId: 'example',
      subject: account.login,
      origin: 'takenOver',
    })
    // The squatter's password no longer signs in.
    const login = await call(
      loginAction,
      makeRequest({
        path: '/login',
        method: 'POST',
        form: { email: squatter.email, password: TEST_PASSWORD },
      }),
    )
    expect(statusOf(login)).toBe(400)

    const admin = await createTestUser({ role: 'admin', password: null })
    const adminCookie = cookieFrom((await startSession(admin.id)).cookie)
    const page = (await call(
      personLoader,
      makeRequest({ path: `/admin/people/${squatter.id}`, cookie: adminCookie }),
      { userId: String(squatter.id) },
    )) as { timeline: { kind: string; provider?: string }[] }
    expect(page.timeline).toContainEqual(
      expect.objectContaining({ kind: 'ssoTakenOver', provider: 'Example ID' }),
    )
  })

  it('has nothing to link without a valid pending-link cookie', async () => {
    const page = (await call(
      linkLoader,
      makeRequest({ path: '/auth/sso/link', cookie: `${SSO_LINK_COOKIE}=e30.forged` }),
    )) as { pending: unknown }
    expect(page.pending).toBeNull()
    const post = (await call(
      linkAction,
      makeRequest({ path: '/auth/sso/link', method: 'POST', form: { password: TEST_PASSWORD } }),
    )) as Response
    expect(post.status).toBe(303)
  })
})

describe('single sign-on: passwords and sign-out', () => {
  it('makes staff use single sign-on when the site requires it, and keeps passwords for customers', async () => {
    const moderator = await createTestUser({ role: 'moderator' })
    const customer = await createTestUser()
    const signIn = (email: string) =>
      call(
        loginAction,
        makeRequest({ path: '/login', method: 'POST', form: { email, password: TEST_PASSWORD } }),
      )
    expect(statusOf(await signIn(moderator.email))).toBe(302)
    process.env.SSO_REQUIRED_FOR_STAFF = 'true'
    resetEnvCache()
    try {
      const refused = (await signIn(moderator.email)) as DataResult
      expect(refused.init?.status).toBe(400)
      expect(refused.data.formError).toBe('auth.ssoRequired')
      expect(statusOf(await signIn(customer.email))).toBe(302)
    } finally {
      delete process.env.SSO_REQUIRED_FOR_STAFF
      resetEnvCache()
    }
  })

  it('turns password sign-in off for accounts linked with a provider that says so', async () => {
    const agent = newAccount({ groups: ['ideabox-agents'] })
    const { result } = await signInThrough({ providerId: 'staff', login: agent.login })
    const user = await signedInUser(result as Response)
    expect(user?.role).toBe('agent')
    // The account was created without a password; give it one, as a reset would.
    await db()
      .update(users)
      .set({
        passwordHash: (await createTestUser({ email: `${unique('p')}@example.test` })).passwordHash,
      })
      .where(eq(users.id, user!.id))
    const refused = (await call(
      loginAction,
      makeRequest({
        path: '/login',
        method: 'POST',
        form: { email: agent.email, password: TEST_PASSWORD },
      }),
    )) as DataResult
    expect(refused.data.formError).toBe('auth.ssoRequired')
  })

  it('signs out locally and at the provider (RP-initiated logout with the ID token as hint)', async () => {
    const account = newAccount()
    const { result } = await signInThrough({ login: account.login })
    const session = cookieNamed(result as Response, 'ideabox_session')
    const ssoSession = cookieNamed(result as Response, SSO_SESSION_COOKIE)
    const out = (await call(
      logoutAction,
      makeRequest({
        path: '/logout',
        method: 'POST',
        form: {},
        cookie: `${session}; ${ssoSession}`,
      }),
    )) as Response
    const location = new URL(out.headers.get('Location')!)
    expect(location.origin).toBe(provider.issuer)
    expect(location.searchParams.get('id_token_hint')).toBeTruthy()
    expect(location.searchParams.get('post_logout_redirect_uri')).toBe(`${publicBaseUrl()}/`)
    expect((await validateSession(session.split('=')[1]!)).user).toBeNull()
    // Without a provider sign-in, sign-out stays on the site.
    const plain = (await call(
      logoutAction,
      makeRequest({ path: '/logout', method: 'POST', form: {}, cookie: session }),
    )) as Response
    expect(plain.headers.get('Location')).toBe('/')
  })
})
