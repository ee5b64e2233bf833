// Accounts: creating people, checking their credentials and their preferences.
import { and, eq, isNull, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import {
  handleHistory,
  type Locale,
  type Role,
  ssoIdentities,
  type User,
  users,
} from '#app/db/schema'
import { isUniqueViolation, queryRows } from '#app/db/sql.server'
import { queueCopyOfNewest } from '#app/domain/mail/outbox.server'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { env } from '#app/utils/env.server'

import {
  canParticipate,
  handleFromName,
  passwordSignInAllowed,
  safeRedirectPath,
  type Suspension,
  suspensionOf,
} from './accounts.rules'
import type { SignInInput, SignUpInput } from './accounts.schema'
import { type KnownDevice, knownDeviceCookie } from './known-devices.server'
import { hashPassword, spendVerificationTime, verifyPassword } from './passwords.server'
import { rotateSession, type SigningInBrowser } from './sessions.server'
import { admitSignInAttempt, settleSuccessfulSignIn } from './sign-in-limits.server'
import { queueSignUpAttemptEmail, queueVerificationEmail, signUpEmailKinds } from './tokens.server'

export async function findUserByEmail({
  email,
  executor = db(),
}: {
  email: string
  executor?: Executor
}) {
  const [user] = await executor
    .select()
    .from(users)
    .where(
      sql`lower(${users.email}) = ${email.trim().toLowerCase()} and ${users.unclaimedSince} is null and ${users.deletedAt} is null`,
    )
    .limit(1)
  return user
}

export async function findUserById({ id }: { id: number }) {
  const [user] = await db().select().from(users).where(eq(users.id, id)).limit(1)
  return user
}

/** Whether the person may post, vote and comment now (checked by those commands, not only at sign-in). */
export async function mayParticipate({
  userId,
  executor = db(),
}: {
  userId: number
  executor?: Executor
}) {
  const [person] = await executor
    .select({ suspendedUntil: users.suspendedUntil, bannedAt: users.bannedAt })
    .from(users)
    .where(eq(users.id, userId))
  return Boolean(person && canParticipate(person))
}

/** The public side of a person, by profile handle (no email, no password hash). */
export async function findProfileByHandle({ handle }: { handle: string }) {
  const [user] = await db()
    .select({
      id: users.id,
      displayName: users.displayName,
      handle: users.handle,
      role: users.role,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.handle, handle), isNull(users.deletedAt)))
    .limit(1)
  return user
}

/** The current handle of the person who had `handle` before (their old profile address), if any. */
export async function findRenamedHandle({ handle }: { handle: string }) {
  const [row] = await db()
    .select({ handle: users.handle })
    .from(handleHistory)
    .innerJoin(users, eq(users.id, handleHistory.userId))
    .where(and(eq(handleHistory.handle, handle), isNull(users.deletedAt)))
    .limit(1)
  return row?.handle ?? null
}

/** A handle nobody has yet, based on the display name. */
async function availableHandle(executor: Executor, displayName: string) {
  const base = handleFromName(displayName)
  // Someone's old handle stays theirs: their old profile address keeps redirecting to them.
  const taken = await queryRows<{ handle: string }>(
    executor,
    sql`select handle from ${users} where handle = ${base} or handle like ${`${base}-%`}
        union all
        select handle from ${handleHistory} where handle = ${base} or handle like ${`${base}-%`}`,
  )
  const existing = new Set(taken.map((row) => row.handle))
  if (!existing.has(base)) return base
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`
    if (!existing.has(candidate)) return candidate
  }
}

/** Creates an account; the caller has validated the input. Role defaults to customer. */
export async function createUser({
  password,
  ...account
}: Omit<NewAccount, 'passwordHash'> & { password: string | null }): Promise<User> {
  return insertUser({
    ...account,
    passwordHash: password === null ? null : await hashPassword(password),
  })
}

type NewAccount = {
  email: string
  displayName: string
  passwordHash: string | null
  role?: Role
  locale?: Locale
  createdAt?: Date
  executor?: Executor
}

async function insertUser({
  email,
  displayName,
  passwordHash,
  role = 'customer',
  locale = 'en',
  createdAt,
  executor = db(),
}: NewAccount): Promise<User> {
  // A handle race with another sign-up retries with the next free handle.
  for (let attempt = 0; ; attempt++) {
    const handle = await availableHandle(executor, displayName)
    try {
      // A savepoint, so a lost handle race leaves the caller's transaction usable for the retry.
      const [user] = await executor.transaction((savepoint) =>
        savepoint
          .insert(users)
          .values({
            email: email.trim().toLowerCase(),
            displayName: displayName.trim(),
            handle,
            passwordHash,
            role,
            locale,
            ...(createdAt ? { createdAt, updatedAt: createdAt } : {}),
          })
          .returning(),
      )
      return user!
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error, 'users_handle_unique')) continue
      throw error
    }
  }
}

export type SignUpResult = { ok: true } | { ok: false; reason: 'tooManyAttempts' }

/**
 * Sign-up from the public form. It answers the same whether or not the address has an account, and
 * never signs anyone in: a new address gets an unverified account and a verification link (opening it
 * signs the person in and continues to `redirectTo`); an existing holder is left unchanged and told
 * by email that someone tried. The ADMIN_EMAIL account becomes admin when its address is verified.
 */
export async function signUp({
  input,
  locale,
  clientIp,
}: {
  input: SignUpInput
  locale: Locale
  clientIp: string
}): Promise<SignUpResult> {
  const limit = await hitRateLimit({ rule: signUpPerClient(), subject: clientIp })
  if (!limit.allowed) return { ok: false, reason: 'tooManyAttempts' }
  // Hashed in both cases, so the answer takes as long for a taken address as for a new one.
  const passwordHash = await hashPassword(input.password)
  const redirectTo = input.redirectTo ? safeRedirectPath(input.redirectTo, '') || null : null
  const attempt = () =>
    db().transaction(async (tx) => {
      const holder = await findUserByEmail({ email: input.email, executor: tx })
      if (holder)
        return queueSignUpAttemptEmail({
          executor: tx,
          person: { id: holder.id, email: holder.email, locale: holder.locale as Locale },
        })
      const user = await insertUser({
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        locale,
        executor: tx,
      })
      await queueVerificationEmail({
        executor: tx,
        person: { id: user.id, email: user.email, locale },
        redirectTo,
      })
    })
  try {
    await attempt()
  } catch (error) {
    if (!isUniqueViolation(error, 'users_email_unique')) throw error
    // A sign-up with the same address committed first: now it is an existing holder.
    await attempt()
  }
  return { ok: true }
}

/** The per-address sign-up rule, with the hourly limit the site set (SIGN_UP_LIMIT_PER_HOUR). */
const signUpPerClient = () => ({
  ...rateLimitRules.signUpPerIp,
  limit: env().SIGN_UP_LIMIT_PER_HOUR,
})

/** Resend rules: per address as well as per client, so nobody floods one mailbox from many addresses. */
export async function resendSignUpEmail({
  email,
  clientIp,
}: {
  email: string
  clientIp: string
}): Promise<SignUpResult> {
  const perClient = await hitRateLimit({ rule: signUpPerClient(), subject: clientIp })
  const perAddress = await hitRateLimit({
    rule: rateLimitRules.signUpResendPerAddress,
    subject: email.trim().toLowerCase(),
  })
  if (!perClient.allowed || !perAddress.allowed) return { ok: false, reason: 'tooManyAttempts' }
  const holder = await findUserByEmail({ email })
  // The same words and links the sign-up sent (see queueCopyOfNewest); nothing for an unknown address.
  if (holder)
    await queueCopyOfNewest({ userId: holder.id, kinds: signUpEmailKinds, withinHours: 24 })
  return { ok: true }
}

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'signInFailed' | 'ssoRequired' }
  | { ok: false; reason: 'suspended'; suspension: Suspension }
  | { ok: false; reason: 'tooManyAttempts'; retryAfterSeconds: number }

/**
 * Checks credentials under growing delays after failures (sign-in-limits.server.ts): only failures
 * count, and a known device is counted on its own. A failure never says whether the email or the
 * password was wrong. `proofOnly`: the password proves who the person is (linking a single sign-on),
 * so the rule that some accounts must sign in with single sign-on does not apply.
 */
export async function signIn({
  input,
  clientIp,
  device = null,
  proofOnly = false,
}: {
  input: SignInInput
  clientIp: string
  device?: KnownDevice | null
  proofOnly?: boolean
}): Promise<SignInResult> {
  const admitted = await admitSignInAttempt({ email: input.email, clientIp, device })
  if (!admitted.ok)
    return { ok: false, reason: 'tooManyAttempts', retryAfterSeconds: admitted.retryAfterSeconds }

  const user = await findUserByEmail({ email: input.email })
  if (!user?.passwordHash) {
    await spendVerificationTime(input.password)
    return { ok: false, reason: 'signInFailed' }
  }
  if (!(await verifyPassword(user.passwordHash, input.password)))
    return { ok: false, reason: 'signInFailed' }
  await settleSuccessfulSignIn({ attempt: admitted.attempt })
  // Only the right password learns that the account is suspended.
  if (!canParticipate(user))
    return { ok: false, reason: 'suspended', suspension: suspensionOf(user) }
  if (!proofOnly && !(await mayUsePassword(user))) return { ok: false, reason: 'ssoRequired' }
  return { ok: true, user }
}

export type PasswordSignInResult =
  { ok: true; redirectTo: string; cookies: string[] } | Exclude<SignInResult, { ok: true }>

/**
 * The sign-in form: the credentials (`signIn`), then a new session for the browser, ending the one
 * it had, and the known-device cookie, so failures from elsewhere never slow this browser down.
 */
export async function signInWithPassword({
  input,
  clientIp,
  device,
  browser,
}: {
  input: SignInInput
  clientIp: string
  device: KnownDevice | null
  browser: SigningInBrowser
}): Promise<PasswordSignInResult> {
  const result = await signIn({ input, clientIp, device })
  if (!result.ok) return result
  const cookies = [
    ...(await rotateSession({ userId: result.user.id, browser })),
    await knownDeviceCookie({ device, email: input.email }),
  ]
  return { ok: true, redirectTo: safeRedirectPath(input.redirectTo), cookies }
}

/** Staff on a site that requires single sign-on, and accounts linked with a provider that turned passwords off, may not. */
async function mayUsePassword(user: User) {
  const config = env()
  if (config.OIDC_PROVIDERS.length === 0) return true
  const linked = await db()
    .select({ providerId: ssoIdentities.providerId })
    .from(ssoIdentities)
    .where(eq(ssoIdentities.userId, user.id))
  return passwordSignInAllowed({
    role: user.role,
    linkedProviders: linked.map((row) => row.providerId),
    providers: config.OIDC_PROVIDERS,
    ssoRequiredForStaff: config.SSO_REQUIRED_FOR_STAFF,
  })
}

export async function setUserLocale({ userId, locale }: { userId: number; locale: Locale }) {
  await db().update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId))
}

export async function setUserRole({ email, role }: { email: string; role: Role }) {
  const [user] = await db()
    .update(users)
    .set({ role, updatedAt: new Date() })
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .returning()
  return user
}
