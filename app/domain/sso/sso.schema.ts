// The single sign-on configuration: which OpenID Connect providers people may sign in with, read
// from OIDC_PROVIDERS (JSON) by env.server.ts and validated here, at boot.
import { z } from 'zod'

import { roles } from '#app/domain/accounts/accounts.rules'

import { isLoopbackIssuer } from './sso.rules'

export const ssoAudiences = ['customers', 'staff', 'both'] as const
export type SsoAudience = (typeof ssoAudiences)[number]

export const ssoProviderSchema = z
  .object({
    /** Names the provider in addresses (`/auth/sso/<id>`) and in the stored links: never change it. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, 'must be 1–31 of a-z, 0-9 and -'),
    /** https://, except on this machine (the example provider, tests): plain http is refused at boot. */
    issuer: z
      .string()
      .url()
      .refine(
        (issuer) =>
          !URL.canParse(issuer) || issuer.startsWith('https://') || isLoopbackIssuer(issuer),
        'must be https:// (plain http only on 127.0.0.1 or localhost)',
      ),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** The button says "Continue with <label>". */
    label: z.string().min(1).max(40),
    audience: z.enum(ssoAudiences).default('both'),
    /** false: accounts linked with this provider may no longer sign in with a password. */
    passwordSignIn: z.boolean().default(true),
    /** Roles from a claim: { claim: 'groups', map: { 'ideabox-admins': 'admin' } }; the highest match wins. */
    roleMapping: z
      .object({ claim: z.string().min(1), map: z.record(z.string(), z.enum(roles)) })
      .optional(),
    scope: z.string().default('openid email profile'),
  })
  .strict()

export type SsoProvider = z.infer<typeof ssoProviderSchema>

export const ssoProvidersSchema = z
  .array(ssoProviderSchema)
  .max(10)
  .refine(
    (providers) => new Set(providers.map((provider) => provider.id)).size === providers.length,
    'provider ids must differ',
  )

/** OIDC_PROVIDERS as written in the environment: a JSON array (unset or empty: no single sign-on). */
export const ssoProvidersFromEnv = z
  .string()
  .optional()
  .transform((text, context) => {
    if (!text?.trim()) return []
    try {
      return JSON.parse(text) as unknown
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON array of providers' })
      return z.NEVER
    }
  })
  .pipe(ssoProvidersSchema)

/** The account-linking form: the password of the account that has the provider's address. */
export const ssoLinkSchema = z.object({
  password: z.string().min(1, 'validation.required').max(200),
})
