// Pure rules of single sign-on: which issuers may be plain http, which role a provider's claims
// give, who a provider may sign in, and when a password is no longer enough.
import { isStaff, type Role, roles } from '#app/domain/accounts/accounts.rules'

import type { SsoProvider } from './sso.schema'

/** Plain-http issuers are accepted only on this machine (tests, the example provider), never otherwise. */
export function isLoopbackIssuer(issuer: string) {
  if (!URL.canParse(issuer)) return false
  const { protocol, hostname } = new URL(issuer)
  if (protocol === 'https:') return false
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/**
 * The role the provider's claims give, when the provider maps roles: the highest mapped value of the
 * claim (a string or a list of strings), or customer when none matches. Null when it maps none.
 */
export function roleFromClaims(
  provider: Pick<SsoProvider, 'roleMapping'>,
  claims: Record<string, unknown>,
): Role | null {
  if (!provider.roleMapping) return null
  const { claim, map } = provider.roleMapping
  const value = claims[claim]
  const given = (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string',
  )
  const mapped = given.flatMap((name) => (Object.hasOwn(map, name) ? [map[name]!] : []))
  return mapped.reduce<Role>(
    (best, role) => (roles.indexOf(role) > roles.indexOf(best) ? role : best),
    'customer',
  )
}

/** Whether the provider signs in an account with this role (a customers-only provider never signs in staff). */
export function audienceAllows(provider: Pick<SsoProvider, 'audience'>, role: Role) {
  if (provider.audience === 'both') return true
  return provider.audience === 'staff' ? isStaff(role) : !isStaff(role)
}

/** Why a single sign-on did not sign anyone in; each has its own page in both languages. */
export const ssoFailures = [
  'unknownProvider',
  'providerDown',
  'cancelled',
  'state',
  'code',
  'invalidToken',
  'emailNotVerified',
  'wrongAudience',
  'suspended',
  'providerError',
] as const
export type SsoFailure = (typeof ssoFailures)[number]
