// Comments: posting (with one level of replies), editing within a window, deleting. The idea's
// comment_count, the author's follow and the notifications change in the same transaction.
import { and, desc, eq, gt, isNull, ne, type SQL, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { comments, ideas } from '#app/db/schema'
import { isUniqueViolation } from '#app/db/sql.server'
import { mayParticipate } from '#app/domain/accounts/accounts.server'
import type { Channel } from '#app/domain/channels/channels'
import { follow } from '#app/domain/follows/follows.server'
import { notify } from '#app/domain/notifications/notifications.server'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { commentSpamSignals } from '#app/domain/spam/spam.rules'
import { detectLanguage } from '#app/utils/content-language'

import { canEditComment, threadParent } from './comments.rules'

/** Why a comment is refused; the edge (app/utils/http/refusals.ts) says it with a status and a message. */
export type CommentRefusal =
  | 'suspended'
  | 'tooMany'
  | 'looksLikeSpam'
  | 'ideaGone'
  | 'locked'
  | 'parentGone'
  | 'editWindowPassed'
  | 'notYours'
export type CommentResult = { ok: true; commentId: number } | { ok: false; reason: CommentRefusal }

export async function postComment({
  actor,
  ideaId,
  body,
  parentId,
  submissionKey,
  channel = 'web',
}: {
  actor: { id: number }
  ideaId: number
  body: string
  parentId?: number
  submissionKey?: string
  /** Where it was written: the web, or `email` for a reply to a notification email. */
  channel?: Channel
}): Promise<CommentResult> {
  if (submissionKey) {
    const existing = await findBySubmission(actor.id, submissionKey)
    if (existing) return { ok: true, commentId: existing }
  }
  if (!(await mayParticipate({ userId: actor.id }))) return { ok: false, reason: 'suspended' }
  // Back, then "Post comment" again (a fresh submission key): the comment already there, not a second one
  // (and not a spam or rate-limit refusal for saying it twice).
  const repeated = await findRecentRepeat({
    executor: db(),
    authorId: actor.id,
    ideaId,
    parentId,
    body,
  })
  if (repeated) return { ok: true, commentId: repeated }
  const limit = await hitRateLimit({
    rule: rateLimitRules.commentPerUser,
    subject: String(actor.id),
  })
  if (!limit.allowed) return { ok: false, reason: 'tooMany' }
  // The spam check ideas go through; a comment cannot wait for approval, so it is refused with why.
  if (commentSpamSignals({ text: body, recentTexts: await recentCommentTexts(actor.id) }).length) {
    return { ok: false, reason: 'looksLikeSpam' }
  }
  try {
    return await db().transaction(async (tx) => {
      const [idea] = await tx
        .select({
          id: ideas.id,
          isPublic: ideas.isPublic,
          commentsLockedAt: ideas.commentsLockedAt,
        })
        .from(ideas)
        .where(eq(ideas.id, ideaId))
        .for('update')
      if (!idea || !idea.isPublic) return { ok: false, reason: 'ideaGone' } as const
      if (idea.commentsLockedAt) return { ok: false, reason: 'locked' } as const

      let parent: { id: number; authorId: number } | undefined
      if (parentId) {
        const [row] = await tx
          .select({ id: comments.id, parentId: comments.parentId, authorId: comments.authorId })
          .from(comments)
          .where(and(eq(comments.id, parentId), eq(comments.ideaId, ideaId)))
        if (!row) return { ok: false, reason: 'parentGone' } as const
        parent = { id: threadParent(row), authorId: row.authorId }
      }
      // Checked again under the idea's row lock: parallel posts of the same text make one comment.
      const repeat = await findRecentRepeat({
        executor: tx,
        authorId: actor.id,
        ideaId,
        parentId,
        body,
      })
      if (repeat) return { ok: true, commentId: repeat } as const

      const [comment] = await tx
        .insert(comments)
        .values({
          ideaId,
          authorId: actor.id,
          body,
          language: detectLanguage(body),
          parentId: parent?.id ?? null,
          submissionKey,
          channel,
        })
        .returning({ id: comments.id })
      await tx
        .update(ideas)
        .set({ commentCount: sql`${ideas.commentCount} + 1` })
        .where(eq(ideas.id, ideaId))
      await follow({ executor: tx, userId: actor.id, ideaId })

      const event = { executor: tx, ideaId, commentId: comment!.id, actorId: actor.id }
      if (parent && parent.authorId !== actor.id) {
        await notify({
          ...event,
          type: 'reply',
          dedupeKey: `comment:${comment!.id}`,
          recipients: { userIds: [parent.authorId] },
        })
      }
      // The same dedupe key: whoever got the reply notice does not also get the general one.
      await notify({
        ...event,
        type: 'comment',
        dedupeKey: `comment:${comment!.id}`,
        recipients: { followersOf: ideaId },
      })
      return { ok: true, commentId: comment!.id } as const
    })
  } catch (error) {
    if (submissionKey && isUniqueViolation(error, 'comments_submission_unique')) {
      const existing = await findBySubmission(actor.id, submissionKey)
      if (existing) return { ok: true, commentId: existing }
    }
    throw error
  }
}

/** The author's comments of the last hour (the latest 50), for the spam check. */
/** The author's comments of the last hour, but the one being edited (`except`). */
async function recentCommentTexts(authorId: number, except?: number) {
  const rows = await db()
    .select({ body: comments.body })
    .from(comments)
    .where(
      and(
        eq(comments.authorId, authorId),
        gt(comments.createdAt, sql`now() - interval '1 hour'`),
        except === undefined ? undefined : ne(comments.id, except),
      ),
    )
    .orderBy(desc(comments.createdAt))
    .limit(50)
  return rows.map((row) => row.body)
}

/** How long the same text by the same person under the same parent counts as a repeat of the same post. */
const REPEAT_WINDOW = sql`interval '10 minutes'`

/**
 * The person's comment with the same text (whitespace trimmed and runs of it made one space) on the
 * same idea, in the same thread (a reply to a reply lands under its top-level comment, as posting does),
 * from the last 10 minutes and not deleted.
 */
async function findRecentRepeat({
  executor,
  authorId,
  ideaId,
  parentId,
  body,
}: {
  executor: Executor
  authorId: number
  ideaId: number
  parentId: number | undefined
  body: string
}) {
  const normalised = (text: SQL | string) => sql`btrim(regexp_replace(${text}, '\\s+', ' ', 'g'))`
  const thread = parentId
    ? sql`(select coalesce(${comments.parentId}, ${comments.id}) from ${comments} where ${comments.id} = ${parentId})`
    : sql`null`
  const [row] = await executor
    .select({ id: comments.id })
    .from(comments)
    .where(
      and(
        eq(comments.authorId, authorId),
        eq(comments.ideaId, ideaId),
        isNull(comments.deletedAt),
        gt(comments.createdAt, sql`now() - ${REPEAT_WINDOW}`),
        sql`${comments.parentId} is not distinct from ${thread}`,
        sql`${normalised(sql`${comments.body}`)} = ${normalised(body)}`,
      ),
    )
    .orderBy(comments.id)
    .limit(1)
  return row?.id
}

async function findBySubmission(authorId: number, submissionKey: string) {
  const [row] = await db()
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.authorId, authorId), eq(comments.submissionKey, submissionKey)))
  return row?.id
}

/**
 * Rewords the author's own comment on this idea, within the edit window. An edit is held to what a
 * new comment is: not while suspended, not on an idea gone from view or closed for comments, and
 * not into spam (a harmless comment reworded into links later would skip the check posting has).
 */
export async function editComment({
  actor,
  ideaId,
  commentId,
  body,
}: {
  actor: { id: number }
  /** The idea whose page the edit came from: a comment elsewhere is not one of its comments. */
  ideaId: number
  commentId: number
  body: string
}): Promise<CommentResult> {
  const [comment] = await db()
    .select({
      authorId: comments.authorId,
      createdAt: comments.createdAt,
      deletedAt: comments.deletedAt,
      isPublic: ideas.isPublic,
      commentsLockedAt: ideas.commentsLockedAt,
    })
    .from(comments)
    .innerJoin(ideas, eq(ideas.id, comments.ideaId))
    .where(and(eq(comments.id, commentId), eq(comments.ideaId, ideaId)))
  if (!comment || comment.deletedAt) return { ok: false, reason: 'parentGone' }
  if (comment.authorId !== actor.id) return { ok: false, reason: 'notYours' }
  if (!comment.isPublic) return { ok: false, reason: 'ideaGone' }
  if (comment.commentsLockedAt) return { ok: false, reason: 'locked' }
  if (
    !canEditComment({ authorId: comment.authorId, actorId: actor.id, createdAt: comment.createdAt })
  ) {
    return { ok: false, reason: 'editWindowPassed' }
  }
  if (!(await mayParticipate({ userId: actor.id }))) return { ok: false, reason: 'suspended' }
  const recentTexts = await recentCommentTexts(actor.id, commentId)
  if (commentSpamSignals({ text: body, recentTexts }).length) {
    return { ok: false, reason: 'looksLikeSpam' }
  }
  await db()
    .update(comments)
    .set({ body, language: detectLanguage(body), editedAt: sql`now()` })
    .where(eq(comments.id, commentId))
  return { ok: true, commentId }
}

/**
 * Deletes the author's own comment. A comment with replies stays as a "deleted" placeholder so the
 * thread still reads; without replies it disappears. Either way it no longer counts.
 */
export async function deleteComment({
  actor,
  ideaId,
  commentId,
}: {
  actor: { id: number }
  /** The idea whose page the deletion came from: a comment elsewhere is not one of its comments. */
  ideaId: number
  commentId: number
}): Promise<CommentResult> {
  return db().transaction(async (tx) => {
    const [comment] = await tx
      .select({
        authorId: comments.authorId,
        ideaId: comments.ideaId,
        deletedAt: comments.deletedAt,
      })
      .from(comments)
      .where(and(eq(comments.id, commentId), eq(comments.ideaId, ideaId)))
      .for('update')
    if (!comment || comment.deletedAt) return { ok: false, reason: 'parentGone' } as const
    if (comment.authorId !== actor.id) return { ok: false, reason: 'notYours' } as const
    await tx
      .update(comments)
      .set({ deletedAt: sql`now()` })
      .where(eq(comments.id, commentId))
    await tx
      .update(ideas)
      .set({ commentCount: sql`greatest(${ideas.commentCount} - 1, 0)` })
      .where(eq(ideas.id, comment.ideaId))
    return { ok: true, commentId } as const
  })
}
