// Accounts behind single sign-on: who a provider's verified identity is here (a linked account, a
// new one, or an existing one that must first be proven), role mapping, and the links themselves.
import { and, eq, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { type Role, sessions, ssoIdentities, users } from '#app/db/schema'
import { isUniqueViolation } from '#app/db/sql.server'
import { canParticipate } from '#app/domain/accounts/accounts.rules'
import { createUser, findUserByEmail, signIn } from '#app/domain/accounts/accounts.server'
import { rotateSession, type SigningInBrowser } from '#app/domain/accounts/sessions.server'
import { claimCapturedHistory } from '#app/domain/intake/intake.server'
import { env } from '#app/utils/env.server'
import type { Locale } from '#app/utils/i18n/i18n'

import { audienceAllows, roleFromClaims } from './sso.rules'
import type { SsoProvider } from './sso.schema'
import type { PendingLink, SsoClaims } from './sso-flow.server'

export type SsoSignInResult =
  /** `cookies`: the browser's new session (rotateSession), committed with the link it rests on. */
  | { ok: true; userId: number; created: boolean; cookies: string[] }
  | { ok: false; reason: 'emailNotVerified' | 'wrongAudience' | 'suspended' }
  | {
      ok: false
      reason: 'needsProof'
      link: Omit<PendingLink, 'idToken' | 'redirectTo'>
      hasPassword: boolean
    }

async function findLinkedAccount({ providerId, subject }: { providerId: string; subject: string }) {
  const [row] = await db()
    .select({
      id: users.id,
      role: users.role,
      suspendedUntil: users.suspendedUntil,
      bannedAt: users.bannedAt,
      deletedAt: users.deletedAt,
    })
    .from(ssoIdentities)
    .innerJoin(users, eq(users.id, ssoIdentities.userId))
    .where(and(eq(ssoIdentities.providerId, providerId), eq(ssoIdentities.subject, subject)))
  return row
}

/** The role the account has after this sign-in: the provider's mapping when it maps roles. */
async function applyRole({
  executor,
  userId,
  current,
  mapped,
}: {
  executor: Executor
  userId: number
  current: Role
  mapped: Role | null
}) {
  if (!mapped || mapped === current) return current
  await executor
    .update(users)
    .set({ role: mapped, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
  return mapped
}

/**
 * A verified identity from the provider, after the library checked its ID token. A linked account
 * signs in; an unknown address becomes a new account (claiming what staff captured for it); an
 * address whose account was never verified is taken over; an address with a verified account waits
 * for proof (`needsProof`), never linked on the provider's word alone. The browser's new session is
 * started in the transaction that links (or creates, or takes over) the account: neither commits
 * without the other.
 */
export async function signInWithSso({
  provider,
  identity,
  locale,
  browser,
}: {
  provider: SsoProvider
  identity: SsoClaims
  locale: Locale
  browser: SigningInBrowser
}): Promise<SsoSignInResult> {
  const mapped = roleFromClaims(provider, identity.claims)
  const linked = await findLinkedAccount({ providerId: provider.id, subject: identity.subject })
  if (linked && !linked.deletedAt) {
    if (!audienceAllows(provider, mapped ?? linked.role))
      return { ok: false, reason: 'wrongAudience' }
    if (!canParticipate(linked)) return { ok: false, reason: 'suspended' }
    const cookies = await db().transaction(async (tx) => {
      await applyRole({ executor: tx, userId: linked.id, current: linked.role, mapped })
      await tx
        .update(ssoIdentities)
        .set({ lastSignInAt: sql`now()` })
        .where(
          and(
            eq(ssoIdentities.providerId, provider.id),
            eq(ssoIdentities.subject, identity.subject),
          ),
        )
      return rotateSession({ userId: linked.id, browser, executor: tx })
    })
    return { ok: true, userId: linked.id, created: false, cookies }
  }
  if (linked)
    await db()
      .delete(ssoIdentities)
      .where(
        and(eq(ssoIdentities.providerId, provider.id), eq(ssoIdentities.subject, identity.subject)),
      )
  if (!identity.email || !identity.emailVerified) return { ok: false, reason: 'emailNotVerified' }

  const holder = await findUserByEmail({ email: identity.email })
  if (holder) {
    if (!audienceAllows(provider, mapped ?? holder.role))
      return { ok: false, reason: 'wrongAudience' }
    if (!canParticipate(holder)) return { ok: false, reason: 'suspended' }
    // An address nobody ever confirmed proves nothing (anyone may sign up with it): the verified person takes it.
    if (!holder.emailVerifiedAt)
      return takeOverUnverifiedAccount({
        provider,
        identity,
        userId: holder.id,
        mapped,
        locale,
        browser,
      })
    return {
      ok: false,
      reason: 'needsProof',
      hasPassword: holder.passwordHash !== null,
      link: {
        providerId: provider.id,
        subject: identity.subject,
        userId: holder.id,
        name: identity.name,
        role: mapped,
      },
    }
  }

  // As a verified sign-up does: the ADMIN_EMAIL address becomes admin (a fresh install's first admin),
  // unless the provider maps roles itself or is for customers only.
  const isAdminEmail = identity.email === env().ADMIN_EMAIL?.toLowerCase()
  const role = mapped ?? (isAdminEmail && provider.audience !== 'customers' ? 'admin' : 'customer')
  if (!audienceAllows(provider, role)) return { ok: false, reason: 'wrongAudience' }
  try {
    const created = await db().transaction(async (tx) => {
      const user = await createUser({
        email: identity.email!,
        displayName: displayNameFor(identity),
        password: null,
        role,
        locale,
        executor: tx,
      })
      await tx
        .update(users)
        .set({ emailVerifiedAt: sql`now()` })
        .where(eq(users.id, user.id))
      await tx.insert(ssoIdentities).values({
        providerId: provider.id,
        subject: identity.subject,
        userId: user.id,
        origin: 'created',
      })
      return {
        userId: user.id,
        cookies: await rotateSession({ userId: user.id, browser, executor: tx }),
      }
    })
    // The verified address takes over what staff captured for it, as a verified sign-up does (decision 016).
    await claimCapturedHistory({ userId: created.userId })
    return { ok: true, ...created, created: true }
  } catch (error) {
    // The same person's second tab won the race: sign in as the account it created.
    if (
      isUniqueViolation(error, 'users_email_unique') ||
      isUniqueViolation(error, 'sso_identities_provider_id_subject_pk')
    )
      return signInWithSso({ provider, identity, locale, browser })
    throw error
  }
}

/**
 * Decision 022: an account whose address was never verified is no proof of ownership, so a verified
 * identity for that address takes it over: linked ('takenOver', on the timeline), the address marked
 * verified, the provider's name, no password, and every session of the account ended (whoever signed up
 * with the address is out). Re-checked under a row lock: if the address got verified meanwhile, proof is
 * asked after all.
 */
async function takeOverUnverifiedAccount({
  provider,
  identity,
  userId,
  mapped,
  locale,
  browser,
}: {
  provider: SsoProvider
  identity: SsoClaims
  userId: number
  mapped: Role | null
  locale: Locale
  browser: SigningInBrowser
}): Promise<SsoSignInResult> {
  let cookies: string[]
  try {
    const takenOver = await db().transaction(async (tx) => {
      const [person] = await tx
        .select({ role: users.role, emailVerifiedAt: users.emailVerifiedAt })
        .from(users)
        .where(eq(users.id, userId))
        .for('update')
      if (!person || person.emailVerifiedAt) return null
      await applyRole({ executor: tx, userId, current: person.role, mapped })
      await tx
        .update(users)
        .set({
          emailVerifiedAt: sql`now()`,
          passwordHash: null,
          displayName: displayNameFor(identity),
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, userId))
      await tx.delete(sessions).where(eq(sessions.userId, userId))
      await tx
        .insert(ssoIdentities)
        .values({ providerId: provider.id, subject: identity.subject, userId, origin: 'takenOver' })
      return rotateSession({ userId, browser, executor: tx })
    })
    if (!takenOver) return signInWithSso({ provider, identity, locale, browser })
    cookies = takenOver
  } catch (error) {
    // The same person's second tab took it over first: sign in as that account.
    if (isUniqueViolation(error, 'sso_identities_provider_id_subject_pk'))
      return signInWithSso({ provider, identity, locale, browser })
    throw error
  }
  await claimCapturedHistory({ userId })
  return { ok: true, userId, created: false, cookies }
}

/** A display name people can read: the provider's name, else the address's local part. */
function displayNameFor(identity: SsoClaims) {
  const name = identity.name?.slice(0, 50).trim()
  if (name && name.length >= 2) return name
  return (identity.email ?? 'member').split('@')[0]!.slice(0, 50).padEnd(2, '-')
}

export type LinkResult =
  | { ok: true; userId: number; cookies: string[] }
  | { ok: false; reason: 'signInFailed' | 'suspended' | 'alreadyLinked' }
  | { ok: false; reason: 'tooManyAttempts'; retryAfterSeconds: number }

/**
 * The proof: the password of the existing account, once (with sign-in's limits and delays). Then the
 * identity is linked, the mapped role applied and the browser's new session started, in one
 * transaction (a link that fails starts no session), and anything captured for the address claimed.
 */
export async function linkWithPassword({
  link,
  password,
  clientIp,
  browser,
}: {
  link: PendingLink
  password: string
  clientIp: string
  browser: SigningInBrowser
}): Promise<LinkResult> {
  const [account] = await db()
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, link.userId))
  if (!account) return { ok: false, reason: 'signInFailed' }
  const proof = await signIn({
    input: { email: account.email, password, redirectTo: '' },
    clientIp,
    proofOnly: true,
  })
  if (!proof.ok) {
    if (proof.reason === 'tooManyAttempts') return proof
    return { ok: false, reason: proof.reason === 'suspended' ? 'suspended' : 'signInFailed' }
  }
  let cookies: string[]
  try {
    cookies = await db().transaction(async (tx) => {
      const [person] = await tx
        .select({ role: users.role })
        .from(users)
        .where(eq(users.id, link.userId))
        .for('update')
      await applyRole({
        executor: tx,
        userId: link.userId,
        current: person!.role,
        mapped: (link.role as Role | null) ?? null,
      })
      // Whoever signs in with the provider's address has shown they read its mail: it is verified.
      await tx
        .update(users)
        .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
        .where(eq(users.id, link.userId))
      await tx.insert(ssoIdentities).values({
        providerId: link.providerId,
        subject: link.subject,
        userId: link.userId,
        origin: 'linked',
      })
      return rotateSession({ userId: link.userId, browser, executor: tx })
    })
  } catch (error) {
    if (
      isUniqueViolation(error, 'sso_identities_provider_id_subject_pk') ||
      isUniqueViolation(error, 'sso_identities_user_provider_unique')
    )
      return { ok: false, reason: 'alreadyLinked' }
    throw error
  }
  await claimCapturedHistory({ userId: link.userId })
  return { ok: true, userId: link.userId, cookies }
}

/** The person's single sign-on links, for the back-office timeline. */
export async function listSsoIdentities({ userId }: { userId: number }) {
  return db()
    .select({
      providerId: ssoIdentities.providerId,
      origin: ssoIdentities.origin,
      createdAt: ssoIdentities.createdAt,
      lastSignInAt: ssoIdentities.lastSignInAt,
    })
    .from(ssoIdentities)
    .where(eq(ssoIdentities.userId, userId))
}
