// Password reset, email verification and email change: random single-use tokens that expire, sent by email.
// Only a hash of the token is stored, so a database leak does not hand out working links.
import { createHash, randomBytes } from 'node:crypto'

import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { sessions, type TokenPurpose, users, userTokens } from '#app/db/schema'
import { isUniqueViolation } from '#app/db/sql.server'
import { queueEmail } from '#app/domain/mail/emails.server'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { getBranding as branding } from '#app/domain/settings/settings.server'
import { brandingOf, getSettings } from '#app/domain/settings/settings.server'
import { env } from '#app/utils/env.server'
import { intlTag, type Locale } from '#app/utils/i18n/i18n'

import { canParticipate, safeRedirectPath } from './accounts.rules'
import { hashPassword } from './passwords.server'
import { rotateSession, type SigningInBrowser } from './sessions.server'

const lifetimeMinutes: Record<TokenPurpose, number> = {
  'password-reset': 60,
  'verify-email': 60 * 24 * 3,
  'change-email': 60 * 24,
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex')

async function issueToken({
  userId,
  purpose,
  newEmail = null,
  redirectTo = null,
  executor = db(),
}: {
  userId: number
  purpose: TokenPurpose
  newEmail?: string | null
  redirectTo?: string | null
  executor?: Executor
}) {
  const token = randomBytes(32).toString('base64url')
  await executor.insert(userTokens).values({
    tokenHash: hashOf(token),
    userId,
    purpose,
    newEmail,
    redirectTo,
    expiresAt: sql`now() + make_interval(mins => ${lifetimeMinutes[purpose]})`,
  })
  return token
}

/**
 * Sends a reset link if the address belongs to an account. The answer is the same either way, so the
 * form does not tell strangers who has an account.
 */
export async function requestPasswordReset({
  email,
  clientIp,
}: {
  email: string
  clientIp: string
}) {
  const limit = await hitRateLimit({ rule: rateLimitRules.passwordResetPerIp, subject: clientIp })
  if (!limit.allowed) return { ok: false as const, reason: 'tooManyAttempts' as const }
  const [person] = await db()
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(
      sql`lower(${users.email}) = ${email.trim().toLowerCase()} and ${users.unclaimedSince} is null and ${users.deletedAt} is null`,
    )
  if (person) {
    const token = await issueToken({ userId: person.id, purpose: 'password-reset' })
    await queueEmail({
      kind: 'password-reset',
      input: { token },
      locale: person.locale as Locale,
      brand: await branding(),
      userId: person.id,
      toAddress: person.email,
    })
  }
  return { ok: true as const }
}

/** Whether a reset token is still good (for showing the form). */
export async function checkToken({ token, purpose }: { token: string; purpose: TokenPurpose }) {
  const [row] = await db()
    .select({ userId: userTokens.userId })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashOf(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, sql`now()`),
      ),
    )
  return row?.userId ?? null
}

/**
 * Sets a person's password: the one home for "the password changed". Every reset link still out for
 * them stops working with it, so an older sibling of the link just used (or a link an attacker
 * requested) cannot set it again, and the account's address is told (with the time, and a way
 * back in if it was not them). Run it inside the caller's transaction.
 */
export async function changePassword({
  userId,
  passwordHash,
  executor,
}: {
  userId: number
  passwordHash: string
  executor: Executor
}) {
  const [person] = await executor
    .update(users)
    .set({ passwordHash, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({
      id: users.id,
      email: users.email,
      locale: users.locale,
      changedAt: users.updatedAt,
    })
  await executor
    .update(userTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(userTokens.userId, userId),
        eq(userTokens.purpose, 'password-reset'),
        isNull(userTokens.usedAt),
      ),
    )
  if (person)
    await queuePasswordChangedEmail({
      person: { id: person.id, email: person.email, locale: person.locale as Locale },
      changedAt: person.changedAt,
      executor,
    })
}

/** "Your password was changed", to the account's address, in the caller's transaction. */
async function queuePasswordChangedEmail({
  person,
  changedAt,
  executor,
}: {
  person: Addressee
  changedAt: Date
  executor: Executor
}) {
  const settings = await getSettings({ executor })
  const time = `${new Intl.DateTimeFormat(intlTag(person.locale), { dateStyle: 'long', timeStyle: 'short', timeZone: settings.timeZone }).format(changedAt)} (${settings.timeZone})`
  await queueEmail({
    executor,
    kind: 'password-changed',
    input: { email: person.email, time },
    locale: person.locale,
    brand: brandingOf(settings),
    userId: person.id,
    toAddress: person.email,
  })
}

export type PasswordResetResult =
  | { ok: true; userId: number; cookies: string[] }
  | { ok: false; reason: 'invalidToken' | 'suspended' }

/**
 * Uses the token once, in one transaction: sets the new password, voids the person's other reset
 * links, ends every session of the account and the one the browser had (whoever it belonged to), and
 * signs the browser in as the account (decision 002). An account that may not sign in (suspended,
 * banned) gets its new password and loses its sessions, but no session starts: `suspended`, as
 * sign-in answers it, and the browser keeps the session it had.
 */
export async function resetPassword({
  token,
  password,
  browser,
}: {
  token: string
  password: string
  browser: SigningInBrowser
}): Promise<PasswordResetResult> {
  const passwordHash = await hashPassword(password)
  const unused = and(
    eq(userTokens.tokenHash, hashOf(token)),
    eq(userTokens.purpose, 'password-reset'),
    isNull(userTokens.usedAt),
    gt(userTokens.expiresAt, sql`now()`),
  )
  return db().transaction(async (tx) => {
    const [owner] = await tx.select({ userId: userTokens.userId }).from(userTokens).where(unused)
    if (!owner) return { ok: false, reason: 'invalidToken' } as const
    // The person's row first: two sibling links used at once take turns, and the second finds itself voided.
    const [person] = await tx
      .select({ suspendedUntil: users.suspendedUntil, bannedAt: users.bannedAt })
      .from(users)
      .where(eq(users.id, owner.userId))
      .for('update')
    const [row] = await tx
      .update(userTokens)
      .set({ usedAt: sql`now()` })
      .where(unused)
      .returning({ userId: userTokens.userId })
    if (!row || !person) return { ok: false, reason: 'invalidToken' } as const
    await changePassword({ userId: row.userId, passwordHash, executor: tx })
    if (!canParticipate(person)) {
      await tx.delete(sessions).where(eq(sessions.userId, row.userId))
      return { ok: false, reason: 'suspended' } as const
    }
    const cookies = await rotateSession({
      userId: row.userId,
      browser,
      signOutEverywhere: true,
      executor: tx,
    })
    return { ok: true, userId: row.userId, cookies } as const
  })
}

export async function sendVerificationEmail({ userId }: { userId: number }) {
  const [person] = await db()
    .select({ email: users.email, locale: users.locale, verified: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId))
  if (!person || person.verified) return
  await queueVerificationEmail({
    person: { id: userId, email: person.email, locale: person.locale as Locale },
  })
}

type Addressee = { id: number; email: string; locale: Locale }

/**
 * Issues a verification link and queues its email, in the caller's transaction. Opening the link signs
 * the person in and continues to `redirectTo` (a path on this site, checked by the caller).
 */
export async function queueVerificationEmail({
  person,
  redirectTo = null,
  executor = db(),
}: {
  person: Addressee
  redirectTo?: string | null
  executor?: Executor
}) {
  const token = await issueToken({
    userId: person.id,
    purpose: 'verify-email',
    redirectTo,
    executor,
  })
  await queueEmail({
    executor,
    kind: 'verify-email',
    input: { token },
    locale: person.locale,
    brand: await branding({ executor }),
    userId: person.id,
    toAddress: person.email,
  })
}

/**
 * Tells an account holder that someone signed up with their address, in the caller's transaction. The
 * sign-up form answers as for a new address, so only the holder learns the account exists.
 */
export async function queueSignUpAttemptEmail({
  person,
  executor = db(),
}: {
  person: Addressee
  executor?: Executor
}) {
  await queueEmail({
    executor,
    kind: 'sign-up-attempt',
    input: {},
    locale: person.locale,
    brand: await branding({ executor }),
    userId: person.id,
    toAddress: person.email,
  })
}

/** The emails a sign-up sends; "send it again" repeats the newest of them. */
export const signUpEmailKinds = ['verify-email', 'sign-up-attempt'] as const

export type VerifiedEmail = { userId: number; redirectTo: string | null; maySignIn: boolean }

/**
 * Uses a verification link once: confirms the address, makes the ADMIN_EMAIL account admin (only a
 * confirmed address may claim that), and says where to continue and whether to sign the person in.
 */
export async function verifyEmail({
  token,
  executor = db(),
}: {
  token: string
  executor?: Executor
}): Promise<VerifiedEmail | null> {
  // Inside a caller's transaction this is a savepoint: the caller's later steps can still undo it.
  return executor.transaction(async (tx) => {
    const [row] = await tx
      .update(userTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(userTokens.tokenHash, hashOf(token)),
          eq(userTokens.purpose, 'verify-email'),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: userTokens.userId, redirectTo: userTokens.redirectTo })
    if (!row) return null
    const adminEmail = env().ADMIN_EMAIL?.toLowerCase() ?? null
    const [person] = await tx
      .update(users)
      .set({
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`,
        role: sql`case when lower(${users.email}) = ${adminEmail} then 'admin' else ${users.role} end`,
      })
      .where(eq(users.id, row.userId))
      .returning({ suspendedUntil: users.suspendedUntil, bannedAt: users.bannedAt })
    if (!person) return null
    return {
      userId: row.userId,
      redirectTo: row.redirectTo === null ? null : safeRedirectPath(row.redirectTo),
      maySignIn: canParticipate(person),
    }
  })
}

/**
 * Starts an email change the caller has authorised (current password checked): a confirmation link
 * goes to the new address and a notice to the old one, both through the outbox in one transaction.
 * The account keeps its old address until the link is opened.
 */
export async function sendEmailChangeLinks({
  userId,
  newEmail,
}: {
  userId: number
  newEmail: string
}) {
  const [person] = await db()
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId))
  if (!person) return
  const brand = await branding()
  const locale = person.locale as Locale
  await db().transaction(async (tx) => {
    // Only the newest request counts: an older link stops working.
    await tx
      .update(userTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(userTokens.userId, userId),
          eq(userTokens.purpose, 'change-email'),
          isNull(userTokens.usedAt),
        ),
      )
    const token = await issueToken({ userId, purpose: 'change-email', newEmail, executor: tx })
    await queueEmail({
      executor: tx,
      kind: 'change-email',
      input: { token },
      locale,
      brand,
      userId,
      toAddress: newEmail,
    })
    await queueEmail({
      executor: tx,
      kind: 'email-change-notice',
      input: { newEmail },
      locale,
      brand,
      userId,
      toAddress: person.email,
    })
  })
}

/** The address waiting for its link to be opened, if any. */
export async function findPendingEmailChange({ userId }: { userId: number }) {
  const [row] = await db()
    .select({ newEmail: userTokens.newEmail })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.userId, userId),
        eq(userTokens.purpose, 'change-email'),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(userTokens.createdAt))
    .limit(1)
  return row?.newEmail ?? null
}

/** What a confirmation link is, read without using it (the page a GET of the link shows). */
export type ConfirmationLink =
  /** Still to be used; for `change-email`, the address it makes the account's. */
  | { state: 'open'; newEmail: string | null }
  /** Used (or replaced) while the address it confirms is the account's, confirmed. */
  | { state: 'alreadyConfirmed' }
  /** Expired, used for an address the account no longer has, or no link of ours. */
  | { state: 'invalid' }

/**
 * A sign-up's (`verify-email`) or an address change's (`change-email`) link as it stands. Opening a
 * link only reads it: mail scanners and link previews open links, so the page asks the person to
 * press a button, which uses it (`openVerificationLink`, `confirmEmailChangeAndClaim`).
 */
export async function lookUpConfirmationLink({
  token,
  purpose,
}: {
  token: string
  purpose: 'verify-email' | 'change-email'
}): Promise<ConfirmationLink> {
  const [row] = await db()
    .select({
      open: sql<boolean>`${userTokens.usedAt} is null and ${userTokens.expiresAt} > now()`,
      newEmail: userTokens.newEmail,
      email: users.email,
      verifiedAt: users.emailVerifiedAt,
      deletedAt: users.deletedAt,
    })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, hashOf(token)), eq(userTokens.purpose, purpose)))
  if (!row || row.deletedAt) return { state: 'invalid' }
  if (row.open) return { state: 'open', newEmail: row.newEmail }
  const confirmed =
    row.verifiedAt !== null &&
    (purpose === 'verify-email' || row.email.toLowerCase() === row.newEmail?.toLowerCase())
  return confirmed ? { state: 'alreadyConfirmed' } : { state: 'invalid' }
}

export type EmailChangeResult =
  { ok: true; userId: number } | { ok: false; reason: 'invalidToken' | 'emailTaken' }

/** Opening the link: the new address becomes the account's, confirmed. */
export async function confirmEmailChange({
  token,
  executor = db(),
}: {
  token: string
  executor?: Executor
}): Promise<EmailChangeResult> {
  try {
    // A savepoint inside a caller's transaction, so a taken address rolls back only this step.
    return await executor.transaction(async (tx) => {
      const [row] = await tx
        .update(userTokens)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(userTokens.tokenHash, hashOf(token)),
            eq(userTokens.purpose, 'change-email'),
            isNull(userTokens.usedAt),
            gt(userTokens.expiresAt, sql`now()`),
          ),
        )
        .returning({ userId: userTokens.userId, newEmail: userTokens.newEmail })
      if (!row?.newEmail) return { ok: false, reason: 'invalidToken' } as const
      const [changed] = await tx
        .update(users)
        .set({ email: row.newEmail, emailVerifiedAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(users.id, row.userId), isNull(users.deletedAt)))
        .returning({ id: users.id })
      if (!changed) return { ok: false, reason: 'invalidToken' } as const
      return { ok: true, userId: row.userId } as const
    })
  } catch (error) {
    // Someone else took the address between the request and the click.
    if (isUniqueViolation(error, 'users_email_unique')) return { ok: false, reason: 'emailTaken' }
    throw error
  }
}

/** A test message to the given address, for the email-health page. */
export async function queueTestEmail({ to, locale }: { to: string; locale: Locale }) {
  return queueEmail({ kind: 'test', input: {}, locale, brand: await branding(), toAddress: to })
}
