// The OpenID Connect side of single sign-on, through openid-client (certified; no crypto of our own):
// discovery, the authorization code flow with PKCE, state and nonce, ID token validation, and
// RP-initiated logout. What the flow must remember between the two redirects travels in a signed,
// short-lived, httpOnly cookie, never in process memory: any instance may receive the callback.
import * as oidc from 'openid-client'

import { safeRedirectPath } from '#app/domain/accounts/accounts.rules'
import { sign, verify } from '#app/domain/mail/secrets.server'
import { env, publicBaseUrl } from '#app/utils/env.server'

import { isLoopbackIssuer, type SsoFailure } from './sso.rules'
import type { SsoProvider } from './sso.schema'

export const SSO_FLOW_COOKIE = 'ideabox_sso_flow'
export const SSO_LINK_COOKIE = 'ideabox_sso_link'
export const SSO_SESSION_COOKIE = 'ideabox_sso_session'
const FLOW_SECONDS = 10 * 60
const LINK_SECONDS = 15 * 60
const DISCOVERY_SECONDS = 10 * 60

function ssoProviders(): readonly SsoProvider[] {
  return env().OIDC_PROVIDERS
}

export function findSsoProvider(id: string | undefined) {
  return ssoProviders().find((provider) => provider.id === id) ?? null
}

/** What the login page shows: a button per provider, labels only. */
export function ssoButtons() {
  return ssoProviders().map(({ id, label }) => ({ id, label }))
}

// Discovery documents per provider, kept a few minutes; a failed discovery is never kept.
const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>()

function configurationFor(provider: SsoProvider) {
  const key = `${provider.id}|${provider.issuer}|${provider.clientId}`
  const cached = discovered.get(key)
  if (cached && Date.now() - cached.at < DISCOVERY_SECONDS * 1000) return cached.config
  const config = oidc.discovery(
    new URL(provider.issuer),
    provider.clientId,
    undefined,
    oidc.ClientSecretBasic(provider.clientSecret),
    // Plain http only for an issuer on this machine (tests, the example provider); never otherwise.
    {
      timeout: 5,
      ...(isLoopbackIssuer(provider.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
    },
  )
  discovered.set(key, { at: Date.now(), config })
  config.catch(() => discovered.delete(key))
  return config
}

const redirectUri = (provider: SsoProvider) => `${publicBaseUrl()}/auth/sso/${provider.id}/callback`

function cookie(name: string, value: string, maxAge: number, path = '/') {
  const config = env()
  const secure = config.SESSION_COOKIE_SECURE ?? config.NODE_ENV === 'production'
  return `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`
}

export const clearedSsoCookie = (name: string) =>
  cookie(name, '', 0, name === SSO_FLOW_COOKIE ? '/auth/sso' : '/')

/** A signed JSON payload that expires; `purpose` keeps one kind of cookie from passing for another. */
async function sealed(purpose: string, payload: object, seconds: number) {
  return sign(JSON.stringify({ purpose, expiresAt: Date.now() + seconds * 1000, ...payload }))
}

async function unsealed<T>(purpose: string, token: string | null | undefined): Promise<T | null> {
  if (!token || token.length > 8000) return null
  const text = await verify(token)
  if (!text) return null
  try {
    const value = JSON.parse(text) as { purpose?: string; expiresAt?: number }
    return value.purpose === purpose &&
      typeof value.expiresAt === 'number' &&
      value.expiresAt > Date.now()
      ? (value as T)
      : null
  } catch {
    return null
  }
}

type Flow = {
  providerId: string
  state: string
  nonce: string
  codeVerifier: string
  redirectTo: string
}

/** Failures on the way to the provider or back, sorted into the reasons people are shown. */
function failureOf(error: unknown): SsoFailure {
  if (error instanceof oidc.AuthorizationResponseError)
    return error.error === 'access_denied' ? 'cancelled' : 'providerError'
  if (error instanceof oidc.ResponseBodyError)
    return error.error === 'invalid_grant' ? 'code' : 'providerError'
  const code = (error as { code?: unknown } | null)?.code
  // The provider answered, but not as a provider should (an error page, HTML, a 500).
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON')
    return 'providerError'
  // The answer failed a check: ID token signature, issuer, audience, expiry, nonce, state.
  if (typeof code === 'string' && code.startsWith('OAUTH_')) return 'invalidToken'
  // Anything else is the network: refused, reset, timed out, or a name that does not resolve.
  return 'providerDown'
}

export type SsoStart = { ok: true; url: string; cookie: string } | { ok: false; reason: SsoFailure }

/** The provider's sign-in page to send the browser to, and the cookie that remembers the checks. */
export async function startSsoSignIn({
  provider,
  redirectTo,
}: {
  provider: SsoProvider
  redirectTo: string | null
}): Promise<SsoStart> {
  let config: oidc.Configuration
  try {
    config = await configurationFor(provider)
  } catch (error) {
    return { ok: false, reason: failureOf(error) }
  }
  const codeVerifier = oidc.randomPKCECodeVerifier()
  const flow: Flow = {
    providerId: provider.id,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier,
    redirectTo: safeRedirectPath(redirectTo),
  }
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(provider),
    scope: provider.scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  })
  return {
    ok: true,
    url: url.href,
    cookie: cookie(
      SSO_FLOW_COOKIE,
      await sealed('sso-flow', flow, FLOW_SECONDS),
      FLOW_SECONDS,
      '/auth/sso',
    ),
  }
}

export type SsoClaims = {
  subject: string
  email: string | null
  emailVerified: boolean
  name: string | null
  claims: Record<string, unknown>
}
export type SsoFinish =
  | { ok: true; identity: SsoClaims; idToken: string | null; redirectTo: string }
  | { ok: false; reason: SsoFailure }

/**
 * The provider sent the browser back: the flow cookie must match (provider and state), then the
 * code is exchanged with the PKCE verifier and the ID token checked by the library (signature,
 * issuer, audience, expiry, nonce).
 */
export async function finishSsoSignIn({
  provider,
  query,
  flowCookie,
}: {
  provider: SsoProvider
  query: URLSearchParams
  flowCookie: string | null
}): Promise<SsoFinish> {
  const flow = await unsealed<Flow>('sso-flow', flowCookie)
  if (query.get('error') === 'access_denied' && flow?.providerId === provider.id)
    return { ok: false, reason: 'cancelled' }
  if (
    !flow ||
    flow.providerId !== provider.id ||
    !query.get('state') ||
    query.get('state') !== flow.state
  )
    return { ok: false, reason: 'state' }
  try {
    const config = await configurationFor(provider)
    // The address the provider redirected to, as this site names itself (not as a proxy forwarded it).
    const currentUrl = new URL(`${redirectUri(provider)}?${query}`)
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()
    if (!claims) return { ok: false, reason: 'invalidToken' }
    const text = (value: unknown) =>
      typeof value === 'string' && value.trim() ? value.trim() : null
    return {
      ok: true,
      idToken: tokens.id_token ?? null,
      redirectTo: flow.redirectTo,
      identity: {
        subject: claims.sub,
        email: text(claims.email)?.toLowerCase() ?? null,
        emailVerified: claims.email_verified === true,
        name:
          text(claims.name) ??
          ([text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ') || null),
        claims: { ...claims },
      },
    }
  } catch (error) {
    return { ok: false, reason: failureOf(error) }
  }
}

/** Remembers, for sign-out, which provider signed this browser in (and its ID token, as the hint). */
export async function ssoSessionCookie({
  providerId,
  idToken,
}: {
  providerId: string
  idToken: string | null
}) {
  return cookie(
    SSO_SESSION_COOKIE,
    await sealed('sso-session', { providerId, idToken }, 30 * 24 * 60 * 60),
    30 * 24 * 60 * 60,
  )
}

/**
 * Where sign-out continues: the provider's end-session endpoint (RP-initiated logout) when the
 * browser signed in with a provider that has one, else null (the local sign-out is all).
 */
export async function ssoLogoutUrl({ sessionCookie }: { sessionCookie: string | null }) {
  const session = await unsealed<{ providerId: string; idToken: string | null }>(
    'sso-session',
    sessionCookie,
  )
  const provider = session && findSsoProvider(session.providerId)
  if (!provider) return null
  try {
    const config = await configurationFor(provider)
    if (!config.serverMetadata().end_session_endpoint) return null
    return oidc.buildEndSessionUrl(config, {
      post_logout_redirect_uri: `${publicBaseUrl()}/`,
      ...(session.idToken ? { id_token_hint: session.idToken } : {}),
    }).href
  } catch {
    // The provider is down: the local session has ended all the same.
    return null
  }
}

export type PendingLink = {
  providerId: string
  subject: string
  userId: number
  name: string | null
  role: string | null
  idToken: string | null
  redirectTo: string
}

/** A sign-in waiting for proof that the person owns the existing account with the provider's address. */
export async function pendingLinkCookie(link: PendingLink) {
  return cookie(SSO_LINK_COOKIE, await sealed('sso-link', link, LINK_SECONDS), LINK_SECONDS)
}

export function readPendingLink(token: string | null) {
  return unsealed<PendingLink>('sso-link', token)
}
