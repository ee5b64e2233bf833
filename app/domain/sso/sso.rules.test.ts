import { describe, expect, it } from 'vitest'

import { passwordSignInAllowed } from '#app/domain/accounts/accounts.rules'

import { audienceAllows, isLoopbackIssuer, roleFromClaims } from './sso.rules'
import { ssoProvidersFromEnv } from './sso.schema'

describe('isLoopbackIssuer', () => {
  it('allows plain http only on this machine', () => {
    expect(isLoopbackIssuer('http://127.0.0.1:3217')).toBe(true)
    expect(isLoopbackIssuer('http://localhost:3017/')).toBe(true)
    expect(isLoopbackIssuer('http://[::1]:3017')).toBe(true)
    // Never throws: an unreadable issuer is simply not loopback (the schema's URL check names it).
    expect(isLoopbackIssuer('-1')).toBe(false)
    expect(isLoopbackIssuer('http://login.example.com')).toBe(false)
    expect(isLoopbackIssuer('http://127.0.0.1.evil.test')).toBe(false)
    expect(isLoopbackIssuer('https://localhost')).toBe(false)
  })
})

describe('roleFromClaims', () => {
  const provider = {
    roleMapping: {
      claim: 'groups',
      map: { agents: 'agent', admins: 'admin', mods: 'moderator' } as const,
    },
  }
  it('takes the highest mapped role from a list or a string', () => {
    expect(roleFromClaims(provider, { groups: ['agents', 'admins'] })).toBe('admin')
    expect(roleFromClaims(provider, { groups: 'mods' })).toBe('moderator')
  })
  it('gives customer when nothing matches, and null when the provider maps no roles', () => {
    expect(roleFromClaims(provider, { groups: ['toString', 'other'] })).toBe('customer')
    expect(roleFromClaims(provider, {})).toBe('customer')
    expect(roleFromClaims({}, { groups: ['admins'] })).toBeNull()
  })
})

describe('audienceAllows', () => {
  it('keeps customers-only providers for customers and staff-only ones for staff', () => {
    expect(audienceAllows({ audience: 'customers' }, 'customer')).toBe(true)
    expect(audienceAllows({ audience: 'customers' }, 'admin')).toBe(false)
    expect(audienceAllows({ audience: 'staff' }, 'customer')).toBe(false)
    expect(audienceAllows({ audience: 'staff' }, 'agent')).toBe(true)
    expect(audienceAllows({ audience: 'both' }, 'moderator')).toBe(true)
  })
})

describe('passwordSignInAllowed', () => {
  const providers = [
    { id: 'corp', passwordSignIn: false },
    { id: 'social', passwordSignIn: true },
  ]
  it('refuses staff when the site requires single sign-on for staff, only if a provider exists', () => {
    expect(
      passwordSignInAllowed({
        role: 'moderator',
        linkedProviders: [],
        providers,
        ssoRequiredForStaff: true,
      }),
    ).toBe(false)
    expect(
      passwordSignInAllowed({
        role: 'customer',
        linkedProviders: [],
        providers,
        ssoRequiredForStaff: true,
      }),
    ).toBe(true)
    expect(
      passwordSignInAllowed({
        role: 'admin',
        linkedProviders: [],
        providers: [],
        ssoRequiredForStaff: true,
      }),
    ).toBe(true)
  })
  it('refuses accounts linked with a provider that turned passwords off', () => {
    expect(
      passwordSignInAllowed({
        role: 'customer',
        linkedProviders: ['corp'],
        providers,
        ssoRequiredForStaff: false,
      }),
    ).toBe(false)
    expect(
      passwordSignInAllowed({
        role: 'customer',
        linkedProviders: ['social'],
        providers,
        ssoRequiredForStaff: false,
      }),
    ).toBe(true)
  })
})

describe('OIDC_PROVIDERS', () => {
  const one = {
    id: 'corp',
    issuer: 'https://login.example.com',
    clientId: 'ideabox',
    clientSecret: 's',
    label: 'Example Corp',
  }
  it('reads a JSON array with defaults', () => {
    expect(ssoProvidersFromEnv.parse(JSON.stringify([one]))).toEqual([
      { ...one, audience: 'both', passwordSignIn: true, scope: 'openid email profile' },
    ])
    expect(ssoProvidersFromEnv.parse(undefined)).toEqual([])
  })
  it('refuses bad JSON, unknown fields, unknown roles and twice the same id', () => {
    expect(ssoProvidersFromEnv.safeParse('[{').success).toBe(false)
    expect(ssoProvidersFromEnv.safeParse(JSON.stringify([{ ...one, secret: 'x' }])).success).toBe(
      false,
    )
    expect(
      ssoProvidersFromEnv.safeParse(
        JSON.stringify([{ ...one, roleMapping: { claim: 'groups', map: { x: 'root' } } }]),
      ).success,
    ).toBe(false)
    expect(ssoProvidersFromEnv.safeParse(JSON.stringify([one, one])).success).toBe(false)
  })
  it('refuses a plain-http issuer anywhere but on this machine', () => {
    expect(
      ssoProvidersFromEnv.safeParse(
        JSON.stringify([{ ...one, issuer: 'http://login.example.com' }]),
      ).success,
    ).toBe(false)
    expect(
      ssoProvidersFromEnv.safeParse(JSON.stringify([{ ...one, issuer: 'http://127.0.0.1:3017' }]))
        .success,
    ).toBe(true)
  })
})
