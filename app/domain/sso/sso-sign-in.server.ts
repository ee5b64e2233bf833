// The single sign-on commands the routes call, each ending in a new session for the browser (the
// one it had ends), started in the transaction that links the identity (sso.server.ts): the
// provider's callback, and the password that proves an existing account before it is linked. The
// cookies they set come back as Set-Cookie values, in order.
import { findUserById } from '#app/domain/accounts/accounts.server'
import type { SigningInBrowser } from '#app/domain/accounts/sessions.server'
import type { Locale } from '#app/utils/i18n/i18n'

import { type SsoFailure, ssoFailures } from './sso.rules'
import { type LinkResult, linkWithPassword, signInWithSso } from './sso.server'
import {
  clearedSsoCookie,
  findSsoProvider,
  finishSsoSignIn,
  pendingLinkCookie,
  readPendingLink,
  SSO_FLOW_COOKIE,
  SSO_LINK_COOKIE,
  ssoSessionCookie,
} from './sso-flow.server'

/** Every outcome clears the flow's cookie: the callback comes once. */
export type SsoCallbackResult = { cookies: string[] } & (
  | { ok: true; redirectTo: string }
  /** The address has a verified account: the pending link's cookie, for the proof at /auth/sso/link. */
  | { ok: false; reason: 'needsProof' }
  | { ok: false; reason: SsoFailure; providerLabel: string | null }
)

/**
 * The provider sent the browser back (or the start sent it here with `?failed=`): the flow is
 * checked and the code exchanged (finishSsoSignIn), then the identity signs in (signInWithSso) or
 * waits for proof.
 */
export async function completeSsoSignIn({
  providerId,
  query,
  flowCookie,
  locale,
  browser,
}: {
  providerId: string | undefined
  query: URLSearchParams
  flowCookie: string | null
  locale: Locale
  browser: SigningInBrowser
}): Promise<SsoCallbackResult> {
  const flowCleared = clearedSsoCookie(SSO_FLOW_COOKIE)
  const provider = findSsoProvider(providerId)
  const fail = (reason: SsoFailure) => ({
    ok: false as const,
    reason,
    providerLabel: provider?.label ?? null,
    cookies: [flowCleared],
  })
  if (!provider) return fail('unknownProvider')
  // A failure found before the provider was reached (see auth.sso.$providerId.ts).
  const early = ssoFailures.find((reason) => reason === query.get('failed'))
  if (early) return fail(early)
  const finished = await finishSsoSignIn({ provider, query, flowCookie })
  if (!finished.ok) return fail(finished.reason)
  const result = await signInWithSso({ provider, identity: finished.identity, locale, browser })
  if (!result.ok && result.reason === 'needsProof') {
    const link = { ...result.link, idToken: finished.idToken, redirectTo: finished.redirectTo }
    return {
      ok: false,
      reason: 'needsProof',
      cookies: [flowCleared, await pendingLinkCookie(link)],
    }
  }
  if (!result.ok) return fail(result.reason)
  const cookies = [
    flowCleared,
    ...result.cookies,
    await ssoSessionCookie({ providerId: provider.id, idToken: finished.idToken }),
  ]
  return { ok: true, redirectTo: finished.redirectTo, cookies }
}

/** The sign-in waiting for proof: its cookie genuine and fresh, its provider and account still there. */
async function findPendingLink(linkCookie: string | null) {
  const link = await readPendingLink(linkCookie)
  const provider = link && findSsoProvider(link.providerId)
  const account = link && provider ? await findUserById({ id: link.userId }) : undefined
  return link && provider && account ? { link, provider, account } : null
}

/** The linking page: which provider, which account, and whether it has a password to prove it with. */
export async function getSsoLinkPage({ linkCookie }: { linkCookie: string | null }) {
  const pending = await findPendingLink(linkCookie)
  if (!pending) return null
  return {
    label: pending.provider.label,
    email: pending.account.email,
    hasPassword: pending.account.passwordHash !== null,
  }
}

export type SsoLinkResult =
  | { ok: true; redirectTo: string; cookies: string[] }
  | { ok: false; reason: 'nothingPending' }
  | Exclude<LinkResult, { ok: true }>

/**
 * The password of the existing account proves it (linkWithPassword, once): the identity is linked
 * and the browser signed in, its pending link cleared. `nothingPending`: no genuine, fresh link.
 */
export async function linkSsoWithPassword({
  linkCookie,
  password,
  clientIp,
  browser,
}: {
  linkCookie: string | null
  password: string
  clientIp: string
  browser: SigningInBrowser
}): Promise<SsoLinkResult> {
  const pending = await findPendingLink(linkCookie)
  if (!pending) return { ok: false, reason: 'nothingPending' }
  const result = await linkWithPassword({ link: pending.link, password, clientIp, browser })
  if (!result.ok) return result
  const cookies = [
    clearedSsoCookie(SSO_LINK_COOKIE),
    ...result.cookies,
    await ssoSessionCookie({ providerId: pending.provider.id, idToken: pending.link.idToken }),
  ]
  return { ok: true, redirectTo: pending.link.redirectTo, cookies }
}
