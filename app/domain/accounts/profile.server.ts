// The person's own account: display name and handle, email address, password. Every change asks
// for the current password where it could lock the person out or hand the account to someone else.
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { handleHistory, users } from '#app/db/schema'
import { isUniqueViolation } from '#app/db/sql.server'
import { signInDelayRules } from '#app/domain/rate-limits/failure-delays.rules'
import { claimAttempt, clearFailures } from '#app/domain/rate-limits/failure-delays.server'

import { isReservedHandle, isStaff, KEPT_HANDLE_REDIRECTS, type Role } from './accounts.rules'
import type { EmailChangeInput, PasswordChangeInput, ProfileInput } from './accounts.schema'
import { findUserByEmail } from './accounts.server'
import { hashPassword, verifyPassword } from './passwords.server'
import { rotateSession } from './sessions.server'
import { changePassword as setPassword, sendEmailChangeLinks } from './tokens.server'

export type PasswordRefusal = 'wrongPassword' | 'tooManyAttempts' | 'notFound'

/**
 * Checks the person's current password with growing delays after failures (a counter of its own,
 * README "Sign-in limits"), so a borrowed session cannot be used to guess it.
 */
export async function checkCurrentPassword({
  userId,
  password,
}: {
  userId: number
  password: string
}): Promise<{ ok: true } | { ok: false; reason: PasswordRefusal }> {
  const [person] = await db()
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
  if (!person) return { ok: false, reason: 'notFound' }
  const key = {
    rule: signInDelayRules.accountFromAddress,
    subject: `${person.email}|current-password`,
  }
  const claim = await claimAttempt(key)
  if (!claim.ok) return { ok: false, reason: 'tooManyAttempts' }
  if (!person.passwordHash || !(await verifyPassword(person.passwordHash, password)))
    return { ok: false, reason: 'wrongPassword' }
  await clearFailures(key)
  return { ok: true }
}

export type ProfileResult =
  | { ok: true; handle: string }
  | { ok: false; reason: 'handleTaken' | 'handleReserved' | 'notFound' }

/**
 * Changes the display name and handle. The old handle is kept in the history so the old profile
 * address redirects (the newest few, never a reserved one); nobody else can take a handle that is
 * someone's current or kept earlier one. A reserved handle only a staff member may take, as their own.
 */
export async function changeProfile({
  userId,
  role,
  input,
}: {
  userId: number
  role: Role
  input: ProfileInput
}): Promise<ProfileResult> {
  try {
    return await db().transaction(async (tx) => {
      const [person] = await tx
        .select({ handle: users.handle })
        .from(users)
        .where(and(eq(users.id, userId), isNull(users.deletedAt)))
        .for('update')
      if (!person) return { ok: false, reason: 'notFound' } as const
      if (input.handle !== person.handle) {
        if (isReservedHandle(input.handle) && !isStaff(role))
          return { ok: false, reason: 'handleReserved' } as const
        const [takenNow] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.handle, input.handle), ne(users.id, userId)))
        const [takenBefore] = await tx
          .select({ userId: handleHistory.userId })
          .from(handleHistory)
          .where(and(eq(handleHistory.handle, input.handle), ne(handleHistory.userId, userId)))
        if (takenNow || takenBefore) return { ok: false, reason: 'handleTaken' } as const
        // Taking back an earlier handle of one's own: it is current again, not history.
        await tx
          .delete(handleHistory)
          .where(and(eq(handleHistory.handle, input.handle), eq(handleHistory.userId, userId)))
        if (!isReservedHandle(person.handle)) {
          await tx
            .insert(handleHistory)
            .values({ handle: person.handle, userId })
            .onConflictDoUpdate({ target: handleHistory.handle, set: { changedAt: sql`now()` } })
        }
        const kept = await tx
          .select({ handle: handleHistory.handle })
          .from(handleHistory)
          .where(eq(handleHistory.userId, userId))
          .orderBy(desc(handleHistory.changedAt), desc(handleHistory.handle))
        const released = kept.slice(KEPT_HANDLE_REDIRECTS).map((row) => row.handle)
        if (released.length)
          await tx
            .delete(handleHistory)
            .where(and(eq(handleHistory.userId, userId), inArray(handleHistory.handle, released)))
      }
      await tx
        .update(users)
        .set({ displayName: input.displayName, handle: input.handle, updatedAt: sql`now()` })
        .where(eq(users.id, userId))
      return { ok: true, handle: input.handle } as const
    })
  } catch (error) {
    // Two people choosing the same handle at once: the second is told it is taken.
    if (
      isUniqueViolation(error, 'users_handle_unique') ||
      isUniqueViolation(error, 'handle_history_pkey')
    )
      return { ok: false, reason: 'handleTaken' }
    throw error
  }
}

export type EmailChangeRequestResult =
  { ok: true } | { ok: false; reason: PasswordRefusal | 'emailTaken' | 'sameEmail' }

/** Asks for a new address: nothing changes until the link sent there is opened. */
export async function requestEmailChange({
  userId,
  input,
}: {
  userId: number
  input: EmailChangeInput
}): Promise<EmailChangeRequestResult> {
  const checked = await checkCurrentPassword({ userId, password: input.currentPassword })
  if (!checked.ok) return checked
  const owner = await findUserByEmail({ email: input.email })
  if (owner?.id === userId) return { ok: false, reason: 'sameEmail' }
  if (owner) return { ok: false, reason: 'emailTaken' }
  await sendEmailChangeLinks({ userId, newEmail: input.email })
  return { ok: true }
}

export type PasswordChangeResult =
  { ok: true; cookie: string } | { ok: false; reason: PasswordRefusal }

/** A new password ends every session and voids every reset link; the browser that changed it gets a fresh session (its cookie). */
export async function changePassword({
  userId,
  input,
  userAgent,
}: {
  userId: number
  input: PasswordChangeInput
  userAgent: string | null
}): Promise<PasswordChangeResult> {
  const checked = await checkCurrentPassword({ userId, password: input.currentPassword })
  if (!checked.ok) return checked
  const passwordHash = await hashPassword(input.newPassword)
  const [cookie] = await db().transaction(async (tx) => {
    // The one place a password is written: it also voids every outstanding reset link.
    await setPassword({ userId, passwordHash, executor: tx })
    // The browser is signed in as this person, so signing out everywhere ends its session too.
    return rotateSession({
      userId,
      browser: { sessionId: null, userAgent },
      signOutEverywhere: true,
      executor: tx,
    })
  })
  return { ok: true, cookie: cookie! }
}
