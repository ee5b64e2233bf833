// Moderation by the product team: the reports queue, hiding and restoring ideas and comments, the
// approval queue for held ideas, locking comments and correcting an idea's words or filing. Every
// command checks the actor's role, and writes its audit row in the same transaction.
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import {
  categories,
  comments,
  type IdeaKind,
  ideaRevisions,
  ideas,
  reports,
  users,
} from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import type { StaffActor } from '#app/domain/accounts/accounts.rules'
import { backOfficeRoles, hasRole } from '#app/domain/accounts/accounts.rules'
import { recordAudit } from '#app/domain/audit/audit.server'
import { slugify } from '#app/domain/ideas/ideas.rules'
import { notify } from '#app/domain/notifications/notifications.server'

type Target =
  | { ideaId: number; commentId?: undefined }
  /** A comment; `onIdea`: only if it is on that idea (the page it was hidden from), else not found. */
  | { commentId: number; ideaId?: undefined; onIdea?: number }
export type ModerationResult =
  { ok: true } | { ok: false; reason: 'forbidden' | 'notFound' | 'invalid' }

const forbidden = { ok: false, reason: 'forbidden' } as const
const notFound = { ok: false, reason: 'notFound' } as const

export type ReportQueueItem = {
  kind: 'idea' | 'comment'
  targetId: number
  ideaId: number
  ideaSlug: string
  ideaTitle: string
  text: string
  hidden: boolean
  authorName: string
  reports: number
  reasons: string[]
  notes: string
  firstAt: Date
}

/** Open reports grouped by what they are about, the longest waiting first. */
export async function listReportQueue({ limit = 100 }: { limit?: number } = {}) {
  const groups = await queryRows<{
    idea_id: number | null
    comment_id: number | null
    reports: number
    reasons: string[]
    notes: string | null
    first_at: Date
  }>(
    db(),
    sql`select idea_id, comment_id, count(*)::int as reports, array_agg(distinct reason) as reasons,
               string_agg(nullif(note, ''), ' · ') as notes, min(created_at) as first_at
        from ${reports} where resolved_at is null
        group by idea_id, comment_id
        order by min(created_at), idea_id, comment_id
        limit ${limit}`,
  )
  const ideaIds = groups.flatMap((group) => (group.idea_id ? [Number(group.idea_id)] : []))
  const commentIds = groups.flatMap((group) => (group.comment_id ? [Number(group.comment_id)] : []))
  const [ideaRows, commentRows] = await Promise.all([
    ideaIds.length
      ? db()
          .select({
            id: ideas.id,
            slug: ideas.slug,
            title: ideas.title,
            text: ideas.description,
            hiddenAt: ideas.hiddenAt,
            authorName: users.displayName,
          })
          .from(ideas)
          .innerJoin(users, eq(users.id, ideas.authorId))
          .where(inArray(ideas.id, ideaIds))
      : [],
    commentIds.length
      ? db()
          .select({
            id: comments.id,
            ideaId: comments.ideaId,
            slug: ideas.slug,
            title: ideas.title,
            text: comments.body,
            hiddenAt: comments.hiddenAt,
            authorName: users.displayName,
          })
          .from(comments)
          .innerJoin(ideas, eq(ideas.id, comments.ideaId))
          .innerJoin(users, eq(users.id, comments.authorId))
          .where(inArray(comments.id, commentIds))
      : [],
  ])
  return groups.flatMap((group): ReportQueueItem[] => {
    const base = {
      reports: Number(group.reports),
      reasons: group.reasons,
      notes: group.notes ?? '',
      firstAt: new Date(group.first_at),
    }
    if (group.comment_id) {
      const comment = commentRows.find((row) => row.id === Number(group.comment_id))
      return comment
        ? [
            {
              ...base,
              kind: 'comment',
              targetId: comment.id,
              ideaId: comment.ideaId,
              ideaSlug: comment.slug,
              ideaTitle: comment.title,
              text: comment.text,
              hidden: Boolean(comment.hiddenAt),
              authorName: comment.authorName,
            },
          ]
        : []
    }
    const idea = ideaRows.find((row) => row.id === Number(group.idea_id))
    return idea
      ? [
          {
            ...base,
            kind: 'idea',
            targetId: idea.id,
            ideaId: idea.id,
            ideaSlug: idea.slug,
            ideaTitle: idea.title,
            text: idea.text,
            hidden: Boolean(idea.hiddenAt),
            authorName: idea.authorName,
          },
        ]
      : []
  })
}

/**
 * How many reported things wait for a moderator, as a scalar subquery (the back office's version
 * reads it too): items to look at, not single reports — three reports of one comment are one thing
 * to decide.
 */
export const openReportsCount = sql<number>`(select count(distinct (${reports.ideaId}, ${reports.commentId}))::int
  from ${reports} where ${reports.resolvedAt} is null)`

export async function countOpenReports() {
  const [row] = await queryRows<{ count: number }>(db(), sql`select ${openReportsCount} as count`)
  return Number(row?.count ?? 0)
}

async function resolveReports(
  executor: Executor,
  target: Target,
  resolution: 'dismissed' | 'hidden',
) {
  await executor
    .update(reports)
    .set({ resolvedAt: sql`now()`, resolution })
    .where(
      and(
        isNull(reports.resolvedAt),
        target.commentId
          ? eq(reports.commentId, target.commentId)
          : and(eq(reports.ideaId, target.ideaId!), isNull(reports.commentId)),
      ),
    )
}

/** Closes the open reports about an item without changing it. */
export async function dismissReports({
  actor,
  target,
}: {
  actor: StaffActor
  target: Target
}): Promise<ModerationResult> {
  if (!hasRole(actor.role, backOfficeRoles)) return forbidden
  return db().transaction(async (tx) => {
    await resolveReports(tx, target, 'dismissed')
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'report.dismiss',
      targetType: target.commentId ? 'comment' : 'idea',
      targetId: target.commentId ?? target.ideaId,
    })
    return { ok: true } as const
  })
}

/** Hides an idea or comment from the public with a reason the author is told; reports are closed. */
export async function hideContent({
  actor,
  target,
  reason,
}: {
  actor: StaffActor
  target: Target
  reason: string
}): Promise<ModerationResult> {
  if (!hasRole(actor.role, backOfficeRoles)) return forbidden
  if (reason.trim() === '') return { ok: false, reason: 'invalid' }
  return db().transaction(async (tx) => {
    const found = await lockTarget(tx, target)
    if (!found) return notFound
    if (!found.hiddenAt) {
      if (target.commentId) {
        await tx
          .update(comments)
          .set({ hiddenAt: sql`now()`, hiddenReason: reason })
          .where(eq(comments.id, target.commentId))
        if (!found.deletedAt)
          await tx
            .update(ideas)
            .set({ commentCount: sql`${ideas.commentCount} - 1` })
            .where(eq(ideas.id, found.ideaId))
      } else {
        await tx
          .update(ideas)
          .set({ hiddenAt: sql`now()`, hiddenReason: reason })
          .where(eq(ideas.id, target.ideaId!))
      }
      await notify({
        executor: tx,
        type: 'hidden',
        ideaId: found.ideaId,
        commentId: target.commentId ?? null,
        actorId: actor.id,
        payload: { reason },
        dedupeKey: `hidden:${target.commentId ? 'comment' : 'idea'}:${target.commentId ?? target.ideaId}:${Date.now()}`,
        recipients: { userIds: [found.authorId] },
      })
    }
    await resolveReports(tx, target, 'hidden')
    await recordAudit({
      tx,
      actorId: actor.id,
      action: `${target.commentId ? 'comment' : 'idea'}.hide`,
      targetType: target.commentId ? 'comment' : 'idea',
      targetId: target.commentId ?? target.ideaId,
      before: { hidden: Boolean(found.hiddenAt) },
      after: { hidden: true, reason },
    })
    return { ok: true } as const
  })
}

/** Shows hidden content again. */
export async function restoreContent({
  actor,
  target,
}: {
  actor: StaffActor
  target: Target
}): Promise<ModerationResult> {
  if (!hasRole(actor.role, backOfficeRoles)) return forbidden
  return db().transaction(async (tx) => {
    const found = await lockTarget(tx, target)
    if (!found) return notFound
    if (found.hiddenAt) {
      if (target.commentId) {
        await tx
          .update(comments)
          .set({ hiddenAt: null, hiddenReason: null })
          .where(eq(comments.id, target.commentId))
        if (!found.deletedAt)
          await tx
            .update(ideas)
            .set({ commentCount: sql`${ideas.commentCount} + 1` })
            .where(eq(ideas.id, found.ideaId))
      } else {
        await tx
          .update(ideas)
          .set({ hiddenAt: null, hiddenReason: null })
          .where(eq(ideas.id, target.ideaId!))
      }
    }
    await recordAudit({
      tx,
      actorId: actor.id,
      action: `${target.commentId ? 'comment' : 'idea'}.restore`,
      targetType: target.commentId ? 'comment' : 'idea',
      targetId: target.commentId ?? target.ideaId,
      before: { hidden: Boolean(found.hiddenAt) },
      after: { hidden: false },
    })
    return { ok: true } as const
  })
}

async function lockTarget(tx: Executor, target: Target) {
  if (target.commentId) {
    const [comment] = await tx
      .select({
        ideaId: comments.ideaId,
        authorId: comments.authorId,
        hiddenAt: comments.hiddenAt,
        deletedAt: comments.deletedAt,
      })
      .from(comments)
      .where(eq(comments.id, target.commentId))
      .for('update')
    if (comment && target.onIdea !== undefined && comment.ideaId !== target.onIdea) return undefined
    if (comment)
      await tx
        .select({ id: ideas.id })
        .from(ideas)
        .where(eq(ideas.id, comment.ideaId))
        .for('update')
    return comment
  }
  const [idea] = await tx
    .select({
      ideaId: ideas.id,
      authorId: ideas.authorId,
      hiddenAt: ideas.hiddenAt,
      deletedAt: sql<Date | null>`null`,
    })
    .from(ideas)
    .where(eq(ideas.id, target.ideaId!))
    .for('update')
  return idea
}

/**
 * Waiting for a moderator: held, and not withdrawn by its author since (a withdrawn idea is
 * nobody's to publish; it stays held, so it can never appear by itself).
 */
const awaitingApproval = and(isNotNull(ideas.heldAt), isNull(ideas.withdrawnAt))

/** How many ideas wait for approval, as a scalar subquery (the back office's version reads it too). */
export const heldIdeasCount = sql<number>`(select count(*)::int from ${ideas} where ${awaitingApproval})`

export async function countHeldIdeas() {
  const [row] = await queryRows<{ count: number }>(db(), sql`select ${heldIdeasCount} as count`)
  return Number(row?.count ?? 0)
}

/** Ideas waiting for approval, oldest first. */
export async function listHeldIdeas({ limit = 100 }: { limit?: number } = {}) {
  return db()
    .select({
      id: ideas.id,
      slug: ideas.slug,
      title: ideas.title,
      description: ideas.description,
      heldAt: ideas.heldAt,
      heldReason: ideas.heldReason,
      authorName: users.displayName,
      authorHandle: users.handle,
      authorSince: users.createdAt,
    })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .where(awaitingApproval)
    .orderBy(asc(ideas.heldAt), asc(ideas.id))
    .limit(limit)
}

/** Publishes a held idea, or rejects it (it stays hidden, with the reason, for its author). */
export async function decideHeldIdea({
  actor,
  ideaId,
  approve,
  reason = '',
}: {
  actor: StaffActor
  ideaId: number
  approve: boolean
  reason?: string
}): Promise<ModerationResult> {
  if (!hasRole(actor.role, backOfficeRoles)) return forbidden
  if (!approve && reason.trim() === '') return { ok: false, reason: 'invalid' }
  return db().transaction(async (tx) => {
    const [idea] = await tx
      .select({
        authorId: ideas.authorId,
        heldAt: ideas.heldAt,
        heldReason: ideas.heldReason,
        withdrawnAt: ideas.withdrawnAt,
      })
      .from(ideas)
      .where(eq(ideas.id, ideaId))
      .for('update')
    // Withdrawn while it waited (the page was open in another tab): nothing left to decide.
    if (!idea?.heldAt || idea.withdrawnAt) return notFound
    await tx
      .update(ideas)
      .set(
        approve
          ? { heldAt: null, heldReason: null }
          : { heldAt: null, hiddenAt: sql`now()`, hiddenReason: reason },
      )
      .where(eq(ideas.id, ideaId))
    // The author is told either way: approved, it is public now; rejected, why (as a hidden idea is).
    await notify({
      executor: tx,
      ...(approve
        ? { type: 'approved' as const, payload: {} }
        : { type: 'hidden' as const, payload: { reason, rejected: 1 } }),
      ideaId,
      actorId: actor.id,
      dedupeKey: `${approve ? 'approved' : 'rejected'}:${ideaId}`,
      recipients: { userIds: [idea.authorId] },
    })
    await recordAudit({
      tx,
      actorId: actor.id,
      action: approve ? 'idea.approve' : 'idea.reject',
      targetType: 'idea',
      targetId: ideaId,
      before: { held: idea.heldReason },
      after: approve ? { held: null } : { hidden: true, reason },
    })
    return { ok: true } as const
  })
}

export async function setCommentsLocked({
  actor,
  ideaId,
  locked,
}: {
  actor: StaffActor
  ideaId: number
  locked: boolean
}): Promise<ModerationResult> {
  if (!hasRole(actor.role, backOfficeRoles)) return forbidden
  return db().transaction(async (tx) => {
    const [idea] = await tx
      .update(ideas)
      .set({ commentsLockedAt: locked ? sql`now()` : null })
      .where(eq(ideas.id, ideaId))
      .returning({ id: ideas.id })
    if (!idea) return notFound
    await recordAudit({
      tx,
      actorId: actor.id,
      action: locked ? 'idea.lockComments' : 'idea.unlockComments',
      targetType: 'idea',
      targetId: ideaId,
    })
    return { ok: true } as const
  })
}

/** The team corrects an idea's title, description, kind or category; the earlier words are kept. */
export async function correctIdea({
  actor,
  ideaId,
  title,
  description,
  kind,
  categoryId,
}: {
  actor: StaffActor
  ideaId: number
  title: string
  description: string
  kind: IdeaKind
  categoryId: number
}): Promise<ModerationResult | { ok: false; reason: 'category' }> {
  if (!hasRole(actor.role, backOfficeRoles)) return forbidden
  return db().transaction(async (tx) => {
    const [category] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.id, categoryId), eq(categories.kind, kind)))
    if (!category) return { ok: false, reason: 'category' } as const
    const [idea] = await tx
      .select({
        title: ideas.title,
        description: ideas.description,
        kind: ideas.kind,
        categoryId: ideas.categoryId,
      })
      .from(ideas)
      .where(eq(ideas.id, ideaId))
      .for('update')
    if (!idea) return notFound
    const wordsChanged = idea.title !== title || idea.description !== description
    if (wordsChanged)
      await tx
        .insert(ideaRevisions)
        .values({ ideaId, editorId: actor.id, title: idea.title, description: idea.description })
    await tx
      .update(ideas)
      .set({
        title,
        slug: slugify(title),
        description,
        kind,
        categoryId,
        updatedAt: sql`now()`,
        ...(wordsChanged ? { editedAt: sql`now()` } : {}),
      })
      .where(eq(ideas.id, ideaId))
    await recordAudit({
      tx,
      actorId: actor.id,
      action: 'idea.correct',
      targetType: 'idea',
      targetId: ideaId,
      before: idea,
      after: { title, description, kind, categoryId },
    })
    return { ok: true } as const
  })
}

/** Recently hidden content, for the moderation page (newest first). */
export async function listHiddenComments({ limit = 50 }: { limit?: number } = {}) {
  return db()
    .select({
      id: comments.id,
      ideaId: comments.ideaId,
      ideaSlug: ideas.slug,
      ideaTitle: ideas.title,
      body: comments.body,
      hiddenAt: comments.hiddenAt,
      hiddenReason: comments.hiddenReason,
    })
    .from(comments)
    .innerJoin(ideas, eq(ideas.id, comments.ideaId))
    .where(isNotNull(comments.hiddenAt))
    .orderBy(desc(comments.hiddenAt))
    .limit(limit)
}
