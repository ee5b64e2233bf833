// The back office's side of people: their history, roles, suspensions and bans (who may do
// what to whom: `mayActOnPerson` in accounts.rules.ts).
// A suspension ends the person's sessions at once; sign-in refuses them until it is over. The
// account's address is told by email, in the same transaction, and again when staff lift it.
import { desc, eq, sql } from 'drizzle-orm'

import { db, type Transaction } from '#app/db/db.server'
import { comments, ideas, type Locale, type Role, users, votes } from '#app/db/schema'
import type { StaffActor } from '#app/domain/accounts/accounts.rules'
import { recordAudit } from '#app/domain/audit/audit.server'
import { queueEmail } from '#app/domain/mail/emails.server'
import { brandingOf, getSettings } from '#app/domain/settings/settings.server'

import { canParticipate, holdsAnAccount, mayActOnPerson, type PersonAction } from './accounts.rules'
import { endAllSessions } from './sessions.server'

type PeopleRefusal = { ok: false; reason: 'forbidden' | 'notFound' | 'self' }
/** A role change: done, and whether the role was another one before. */
type RoleChangeResult = { ok: true; changed: boolean } | PeopleRefusal
/** A suspension, a ban or lifting one: done, and whether the account's holder was told by email. */
type SuspensionResult = { ok: true; toldByEmail: boolean } | PeopleRefusal
/** What the commands on a person answer. */
export type PeopleResult = RoleChangeResult | SuspensionResult

export async function getPerson({ id }: { id: number }) {
  const [person] = await db()
    .select({
      id: users.id,
      displayName: users.displayName,
      handle: users.handle,
      email: users.email,
      role: users.role,
      locale: users.locale,
      createdAt: users.createdAt,
      suspendedUntil: users.suspendedUntil,
      bannedAt: users.bannedAt,
      suspensionReason: users.suspensionReason,
      unclaimedSince: users.unclaimedSince,
      deletedAt: users.deletedAt,
      // Qualified by hand: inside the sub-selects a bare "id" would be the idea's or the comment's.
      ideas: sql<number>`(select count(*)::int from ideas i where i.author_id = ${sql.raw('"users"."id"')})`,
      comments: sql<number>`(select count(*)::int from comments c where c.author_id = ${sql.raw('"users"."id"')})`,
      votes: sql<number>`(select count(*)::int from votes v where v.user_id = ${sql.raw('"users"."id"')})`,
    })
    .from(users)
    .where(eq(users.id, id))
  return person
}

/** A person's recent ideas and comments, hidden ones included (moderation context). */
export async function getPersonHistory({ id, limit = 20 }: { id: number; limit?: number }) {
  const [ideaRows, commentRows, voteRows] = await Promise.all([
    db()
      .select({
        id: ideas.id,
        slug: ideas.slug,
        title: ideas.title,
        channel: ideas.channel,
        createdAt: ideas.createdAt,
        hiddenAt: ideas.hiddenAt,
        heldAt: ideas.heldAt,
        withdrawnAt: ideas.withdrawnAt,
      })
      .from(ideas)
      .where(eq(ideas.authorId, id))
      .orderBy(desc(ideas.createdAt), desc(ideas.id))
      .limit(limit),
    db()
      .select({
        id: comments.id,
        body: comments.body,
        channel: comments.channel,
        createdAt: comments.createdAt,
        hiddenAt: comments.hiddenAt,
        deletedAt: comments.deletedAt,
        ideaId: ideas.id,
        ideaSlug: ideas.slug,
        ideaTitle: ideas.title,
      })
      .from(comments)
      .innerJoin(ideas, eq(ideas.id, comments.ideaId))
      .where(eq(comments.authorId, id))
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(limit),
    db()
      .select({
        ideaId: votes.ideaId,
        value: votes.value,
        channel: votes.channel,
        createdAt: votes.createdAt,
        ideaSlug: ideas.slug,
        ideaTitle: ideas.title,
      })
      .from(votes)
      .innerJoin(ideas, eq(ideas.id, votes.ideaId))
      .where(eq(votes.userId, id))
      .orderBy(desc(votes.createdAt))
      .limit(limit),
  ])
  return { ideas: ideaRows, comments: commentRows, votes: voteRows }
}

/** The person's row, locked, and whether the actor may do `action` to them (accounts.rules). */
async function lockTarget({
  tx,
  actor,
  userId,
  action,
}: {
  tx: Transaction
  actor: StaffActor
  userId: number
  action: PersonAction
}) {
  const [person] = await tx
    .select({
      id: users.id,
      role: users.role,
      suspendedUntil: users.suspendedUntil,
      bannedAt: users.bannedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for('update')
  if (!person) return { ok: false, reason: 'notFound' } as const
  const verdict = mayActOnPerson({ actor, target: person, action })
  return verdict.ok
    ? ({ ok: true, person } as const)
    : ({ ok: false, reason: verdict.reason } as const)
}

/** Admins change roles; nobody their own (who may: `mayActOnPerson`). */
export async function changeRole({
  actor,
  userId,
  role,
}: {
  actor: StaffActor
  userId: number
  role: Role
}): Promise<RoleChangeResult> {
  return db().transaction(async (tx) => {
    const target = await lockTarget({ tx, actor, userId, action: 'role' })
    if (!target.ok) return target
    // The role they already have: nothing to write or audit, and the admin is told so.
    if (target.person.role === role) return { ok: true, changed: false } as const
    await tx
      .update(users)
      .set({ role, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'user.role',
      targetType: 'user',
      targetId: userId,
      before: { role: target.person.role },
      after: { role },
    })
    return { ok: true, changed: true } as const
  })
}

/**
 * Suspends for `days`, or bans when days is null (who may: `mayActOnPerson`), and tells the
 * account's holder by email: until when, or that it has no end, and the reason given.
 */
export async function suspendPerson({
  actor,
  userId,
  days,
  reason,
}: {
  actor: StaffActor
  userId: number
  days: number | null
  reason: string
}): Promise<SuspensionResult> {
  const result = await db().transaction(async (tx) => {
    const target = await lockTarget({
      tx,
      actor,
      userId,
      action: days === null ? 'ban' : 'suspend',
    })
    if (!target.ok) return target
    const { person } = target
    const until = days === null ? null : sql`now() + make_interval(days => ${days})`
    const [suspended] = await tx
      .update(users)
      .set(
        days === null
          ? { bannedAt: sql`now()`, suspendedUntil: null, suspensionReason: reason }
          : { suspendedUntil: until!, bannedAt: null, suspensionReason: reason },
      )
      .where(eq(users.id, userId))
      .returning({
        email: users.email,
        locale: users.locale,
        suspendedUntil: users.suspendedUntil,
        unclaimedSince: users.unclaimedSince,
        deletedAt: users.deletedAt,
      })
    const toldByEmail = suspended !== undefined && holdsAnAccount(suspended)
    if (toldByEmail) await queueSuspensionEmail({ tx, userId, person: suspended, reason })
    await recordAudit({
      tx,
      actorId: actor.id,
      action: days === null ? 'user.ban' : 'user.suspend',
      targetType: 'user',
      targetId: userId,
      before: { suspendedUntil: person.suspendedUntil, bannedAt: person.bannedAt },
      after: { days, reason },
    })
    return { ok: true, toldByEmail } as const
  })
  if (result.ok) await endAllSessions(userId)
  return result
}

/** "Your account is suspended" (or "You are banned"), to the account's address, in the caller's transaction. */
async function queueSuspensionEmail({
  tx,
  userId,
  person,
  reason,
}: {
  tx: Transaction
  userId: number
  person: { email: string; locale: Locale; suspendedUntil: Date | null }
  reason: string
}) {
  // Read in the transaction: PGlite has one connection, and a read outside it would wait forever.
  const settings = await getSettings({ executor: tx })
  await queueEmail({
    executor: tx,
    kind: 'account-suspended',
    input: {
      email: person.email,
      until: person.suspendedUntil,
      timeZone: settings.timeZone,
      reason,
    },
    locale: person.locale,
    brand: brandingOf(settings),
    userId,
    toAddress: person.email,
  })
}

/**
 * Ends a suspension or ban (who may: `mayActOnPerson`: only admins lift what was done to staff), and
 * tells the account's holder by email that they can sign in again, when they could not.
 */
export async function liftSuspension({
  actor,
  userId,
}: {
  actor: StaffActor
  userId: number
}): Promise<SuspensionResult> {
  return db().transaction(async (tx) => {
    const target = await lockTarget({ tx, actor, userId, action: 'lift' })
    if (!target.ok) return target
    const { person } = target
    const [lifted] = await tx
      .update(users)
      .set({ suspendedUntil: null, bannedAt: null, suspensionReason: null })
      .where(eq(users.id, userId))
      .returning({
        email: users.email,
        locale: users.locale,
        unclaimedSince: users.unclaimedSince,
        deletedAt: users.deletedAt,
      })
    // Only someone who was kept out is told they can come back (not after a suspension ran out).
    const toldByEmail = lifted !== undefined && !canParticipate(person) && holdsAnAccount(lifted)
    if (toldByEmail)
      await queueReinstatementEmail({
        tx,
        userId,
        person: lifted,
        banned: person.bannedAt !== null,
      })
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'user.reinstate',
      targetType: 'user',
      targetId: userId,
    })
    return { ok: true, toldByEmail } as const
  })
}

/** "You can sign in again", to the account's address, in the caller's transaction. */
async function queueReinstatementEmail({
  tx,
  userId,
  person,
  banned,
}: {
  tx: Transaction
  userId: number
  person: { email: string; locale: Locale }
  banned: boolean
}) {
  // Read in the transaction: PGlite has one connection, and a read outside it would wait forever.
  const settings = await getSettings({ executor: tx })
  await queueEmail({
    executor: tx,
    kind: 'account-reinstated',
    input: { email: person.email, banned },
    locale: person.locale,
    brand: brandingOf(settings),
    userId,
    toAddress: person.email,
  })
}
