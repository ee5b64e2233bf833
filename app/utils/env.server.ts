// Owns the process configuration: every environment variable Ideabox reads is parsed here, once.
import { z } from 'zod'

import { ssoProvidersFromEnv } from '#app/domain/sso/sso.schema'

const booleanFromString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Server processes per instance (node:cluster); one per core suits a machine of its own. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PGLITE_DATA_DIR: z.string().default('./.data/pglite'),
  APP_URL: z.string().url().optional(),
  TRUST_PROXY: booleanFromString.default(false),
  /** Sign-ups (and resent sign-up emails) one network address may make in an hour: raise it for a site whose customers share one address (a shop's wifi, a company network). */
  SIGN_UP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  SESSION_COOKIE_SECURE: booleanFromString.optional(),
  SITE_NAME: z.string().min(1).max(60).default('Ideabox'),
  SITE_ACCENT_COLOR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #0f766e')
    .default('#0f766e'),
  DEFAULT_LOCALE: z.enum(['en', 'nl']).default('en'),
  ADMIN_EMAIL: z.string().email().optional(),
  SEED_DEMO: booleanFromString.default(true),
  LOG_REQUESTS: booleanFromString.default(false),
  /** Seconds a public page rendered for anonymous visitors is reused by this instance; 0 turns it off. */
  PAGE_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(2),
  /** Keep each page's HTML by what it was rendered from and fill in only the viewer's name (decision 029); false renders every page with React. */
  PAGE_TEMPLATES: booleanFromString.default(true),
  /** Answer a page kept from its templates again after one statement that reads its versions (decision 040); false runs its loaders every time. */
  KEPT_ANSWERS: booleanFromString.default(true),
  /** Every how many kept answers one is checked against its loaders; 1 (test runs) checks each and fails a request whose answer differs. */
  KEPT_ANSWER_CHECK_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(50),
  /** smtp://user:pass@host:587 or smtps://…; unset keeps mail in the database, readable at /admin/mail. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Ideabox <no-reply@ideabox.invalid>'),
  /** Where people are told to write to the team, until an admin sets a support address in the back office. */
  SUPPORT_EMAIL: z.email('must be an email address like support@example.com').optional(),
  /** Run the outbox worker in this process (every instance may; rows are claimed with SKIP LOCKED). */
  MAIL_WORKER: booleanFromString.default(true),
  /** How long a worker's claim on an outbox message lasts unless renewed (it is, while sending); after a crash, others retry after this. */
  MAIL_CLAIM_SECONDS: z.coerce.number().int().min(2).max(3600).optional(),
  /**
   * How many minutes an email announcing a comment or reply waits, so it carries the comment as
   * edited and is not sent for one deleted or hidden meanwhile (docs/decisions/039). Unset: the edit
   * window and a minute. Lower only for a test run: an earlier email may carry words since edited.
   */
  COMMENT_EMAIL_WAIT_MINUTES: z.coerce.number().int().min(0).max(1440).optional(),
  /**
   * The domain whose mail reaches POST /api/v1/inbound/email (a mail provider's inbound webhook):
   * notification emails then carry `Reply-To: reply+<signed token>@<domain>` and a reply becomes a
   * comment. Unset: no Reply-To, and emails say nothing about replying.
   */
  INBOUND_EMAIL_DOMAIN: z
    .string()
    .regex(
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
      'must be a domain name like reply.example.com',
    )
    .optional(),
  /** Signs unsubscribe links; unset, a random key is generated once and kept in the database. */
  APP_SECRET: z.string().min(32).optional(),
  /** OpenID Connect providers for single sign-on, a JSON array (README, "Single sign-on"). */
  OIDC_PROVIDERS: ssoProvidersFromEnv,
  /** Staff (agents, moderators, marketers, admins) must sign in with single sign-on, not a password. */
  SSO_REQUIRED_FOR_STAFF: booleanFromString.default(false),
})

export type Env = z.infer<typeof envSchema>

let cached: Env | undefined

/** The validated environment. Throws one readable error listing every bad variable. */
export function env(): Env {
  if (cached) return cached
  const parsed = envSchema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n')
    throw new Error(`Invalid environment configuration:\n${problems}`)
  }
  cached = parsed.data
  return cached
}

/** Forget the parsed environment (tests change process.env between cases). */
export function resetEnvCache() {
  cached = undefined
}

/** The site's public address for links in emails and feeds (APP_URL, or this server on localhost). */
export function publicBaseUrl() {
  const config = env()
  return (config.APP_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '')
}
