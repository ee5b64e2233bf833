// A person's own data: everything Ideabox keeps about them as one JSON document, and deleting the
// account. Deleting erases what identifies the person but keeps the row, emptied: their votes keep
// counting (anonymously) and their ideas and comments stay, shown as by "a former member", unless
// they ask for those to leave public view too.
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import {
  comments,
  feedback,
  follows,
  handleHistory,
  ideaRevisions,
  ideas,
  notificationPreferences,
  notifications,
  outbox,
  reports,
  sessions,
  users,
  userTokens,
  votes,
} from '#app/db/schema'
import type { DeleteAccountInput } from '#app/domain/accounts/accounts.schema'
import { checkCurrentPassword, type PasswordRefusal } from '#app/domain/accounts/profile.server'
import { recordAudit } from '#app/domain/audit/audit.server'
import { recountIdeas } from '#app/domain/ideas/ideas.server'

/** Everything kept about the person, in a constant number of queries. */
export async function exportPersonalData({ userId }: { userId: number }) {
  const [profile] = await db()
    .select({
      id: users.id,
      email: users.email,
      emailVerifiedAt: users.emailVerifiedAt,
      displayName: users.displayName,
      handle: users.handle,
      role: users.role,
      locale: users.locale,
      phone: users.phone,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
      suspendedUntil: users.suspendedUntil,
      bannedAt: users.bannedAt,
    })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
  if (!profile) return null
  const [
    previousHandles,
    ownIdeas,
    revisions,
    ownComments,
    ownVotes,
    ownFollows,
    ownNotifications,
    preferences,
    ownSessions,
    ownFeedback,
    ownReports,
    captured,
  ] = await Promise.all([
    db()
      .select({ handle: handleHistory.handle, changedAt: handleHistory.changedAt })
      .from(handleHistory)
      .where(eq(handleHistory.userId, userId))
      .orderBy(asc(handleHistory.changedAt)),
    db()
      .select({
        id: ideas.id,
        slug: ideas.slug,
        kind: ideas.kind,
        title: ideas.title,
        description: ideas.description,
        channel: ideas.channel,
        externalRef: ideas.externalRef,
        createdAt: ideas.createdAt,
        editedAt: ideas.editedAt,
        withdrawnAt: ideas.withdrawnAt,
        hiddenAt: ideas.hiddenAt,
        heldAt: ideas.heldAt,
      })
      .from(ideas)
      .where(eq(ideas.authorId, userId))
      .orderBy(asc(ideas.id)),
    db()
      .select({
        ideaId: ideaRevisions.ideaId,
        title: ideaRevisions.title,
        description: ideaRevisions.description,
        createdAt: ideaRevisions.createdAt,
      })
      .from(ideaRevisions)
      .innerJoin(ideas, eq(ideas.id, ideaRevisions.ideaId))
      .where(eq(ideas.authorId, userId))
      .orderBy(asc(ideaRevisions.ideaId), asc(ideaRevisions.createdAt), asc(ideaRevisions.id)),
    db()
      .select({
        id: comments.id,
        ideaId: comments.ideaId,
        parentId: comments.parentId,
        body: comments.body,
        channel: comments.channel,
        createdAt: comments.createdAt,
        editedAt: comments.editedAt,
        deletedAt: comments.deletedAt,
        hiddenAt: comments.hiddenAt,
      })
      .from(comments)
      .where(eq(comments.authorId, userId))
      .orderBy(asc(comments.id)),
    db()
      .select({
        ideaId: votes.ideaId,
        value: votes.value,
        channel: votes.channel,
        createdAt: votes.createdAt,
        updatedAt: votes.updatedAt,
      })
      .from(votes)
      .where(eq(votes.userId, userId))
      .orderBy(asc(votes.ideaId)),
    db()
      .select({ ideaId: follows.ideaId, createdAt: follows.createdAt })
      .from(follows)
      .where(eq(follows.userId, userId))
      .orderBy(asc(follows.ideaId)),
    db()
      .select({
        id: notifications.id,
        type: notifications.type,
        ideaId: notifications.ideaId,
        commentId: notifications.commentId,
        updateId: notifications.updateId,
        payload: notifications.payload,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.id)),
    db()
      .select({
        type: notificationPreferences.type,
        inApp: notificationPreferences.inApp,
        email: notificationPreferences.email,
      })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId)),
    db()
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    db()
      .select({
        kind: feedback.kind,
        subjectId: feedback.subjectId,
        helpful: feedback.helpful,
        comment: feedback.comment,
        createdAt: feedback.createdAt,
      })
      .from(feedback)
      .where(eq(feedback.userId, userId)),
    db()
      .select({
        ideaId: reports.ideaId,
        commentId: reports.commentId,
        reason: reports.reason,
        note: reports.note,
        createdAt: reports.createdAt,
      })
      .from(reports)
      .where(eq(reports.reporterId, userId)),
    // What staff recorded for the person before they had an account (store, phone, …), since claimed.
    db()
      .select({
        displayName: users.displayName,
        phone: users.phone,
        capturedSince: users.unclaimedSince,
      })
      .from(users)
      .where(eq(users.claimedById, userId)),
  ])
  const revisionsByIdea = new Map<number, Omit<(typeof revisions)[number], 'ideaId'>[]>()
  for (const { ideaId, ...revision } of revisions)
    revisionsByIdea.set(ideaId, [...(revisionsByIdea.get(ideaId) ?? []), revision])
  return {
    exportedAt: new Date().toISOString(),
    profile: { ...profile, previousHandles },
    ideas: ownIdeas.map((idea) => ({ ...idea, revisions: revisionsByIdea.get(idea.id) ?? [] })),
    comments: ownComments,
    votes: ownVotes,
    follows: ownFollows,
    notifications: ownNotifications,
    notificationPreferences: preferences,
    sessions: ownSessions,
    feedback: ownFeedback,
    reports: ownReports,
    capturedHistory: captured,
  }
}

export type DeleteAccountResult =
  { ok: true } | { ok: false; reason: PasswordRefusal | 'lastAdmin' }

/**
 * Deletes the account in one transaction: personal data erased (email, name, handle and its
 * history, password, phone, sessions, tokens, preferences, follows, notifications, queued mail, the
 * captured records the account claimed); votes stay on the emptied row so every counter stays true;
 * ideas and comments stay as "a former member"'s unless `removeContent`, then they leave public
 * view. The last admin cannot delete themselves. An audit row records it.
 */
export async function deleteAccount({
  userId,
  input,
}: {
  userId: number
  input: DeleteAccountInput
}): Promise<DeleteAccountResult> {
  const checked = await checkCurrentPassword({ userId, password: input.currentPassword })
  if (!checked.ok) return checked
  return db().transaction(async (tx) => {
    // Admins are locked in id order, so two admins deleting at once cannot both be "not the last".
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), isNull(users.deletedAt)))
      .orderBy(asc(users.id))
      .for('update')
    const [person] = await tx
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.deletedAt)))
      .for('update')
    if (!person) return { ok: false, reason: 'notFound' } as const
    if (person.role === 'admin' && admins.length <= 1)
      return { ok: false, reason: 'lastAdmin' } as const

    const followed = (
      await tx
        .delete(follows)
        .where(eq(follows.userId, userId))
        .returning({ ideaId: follows.ideaId })
    ).map((row) => row.ideaId)
    let removedIdeas = 0
    let removedComments: number[] = []
    if (input.removeContent) {
      removedIdeas = (
        await tx
          .update(ideas)
          .set({ hiddenAt: sql`now()`, hiddenReason: 'account-deleted' })
          .where(and(eq(ideas.authorId, userId), isNull(ideas.hiddenAt)))
          .returning({ id: ideas.id })
      ).length
      removedComments = (
        await tx
          .update(comments)
          .set({ deletedAt: sql`now()` })
          .where(and(eq(comments.authorId, userId), isNull(comments.deletedAt)))
          .returning({ ideaId: comments.ideaId })
      ).map((row) => row.ideaId)
    }
    const touched = [...new Set([...followed, ...removedComments])]
    if (touched.length) await recountIdeas({ ideaIds: touched, executor: tx })

    await tx.delete(sessions).where(eq(sessions.userId, userId))
    await tx.delete(userTokens).where(eq(userTokens.userId, userId))
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId))
    await tx.delete(notifications).where(eq(notifications.userId, userId))
    await tx.delete(handleHistory).where(eq(handleHistory.userId, userId))
    await tx
      .delete(outbox)
      .where(
        and(eq(outbox.userId, userId), inArray(outbox.state, ['pending', 'sending', 'failed'])),
      )
    // The captured records the account took over (claimed_by_id) hold the person's details too.
    await tx
      .update(users)
      .set({
        displayName: '',
        email: sql`'deleted-' || ${users.id} || '@deleted.invalid'`,
        // No handle a person can choose starts with "~", and no profile answers to one.
        handle: sql`'~deleted-' || ${users.id}`,
        passwordHash: null,
        phone: null,
        emailVerifiedAt: null,
        suspensionReason: null,
        role: 'customer',
        deletedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(or(eq(users.id, userId), eq(users.claimedById, userId)))
    await recordAudit({
      tx,
      actorId: userId,
      action: 'user.delete',
      targetType: 'user',
      targetId: userId,
      before: { role: person.role },
      after: {
        removedContent: input.removeContent,
        ideasRemoved: removedIdeas,
        commentsRemoved: removedComments.length,
      },
    })
    return { ok: true } as const
  })
}
