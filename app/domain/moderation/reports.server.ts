// Reports of ideas and comments by signed-in people, kept for the back office. One report per
// person per item: a second report of the same item changes nothing.
import { and, eq, isNull, or, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { comments, ideas, type ReportReason, reports } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'

/** Why a report is refused; the edge (app/utils/http/refusals.ts) says it with a status and a message. */
export type ReportRefusal = 'gone' | 'tooMany'
export type ReportResult =
  { ok: true; alreadyReported: boolean } | { ok: false; reason: ReportRefusal }

export async function reportContent({
  actor,
  ideaId,
  commentId,
  reason,
  note,
}: {
  actor: { id: number }
  ideaId: number
  commentId?: number
  reason: ReportReason
  note: string
}): Promise<ReportResult> {
  if (commentId) {
    const [comment] = await db()
      .select({ id: comments.id })
      .from(comments)
      .where(and(eq(comments.id, commentId), eq(comments.ideaId, ideaId)))
    if (!comment) return { ok: false, reason: 'gone' }
  } else {
    const [idea] = await db().select({ id: ideas.id }).from(ideas).where(eq(ideas.id, ideaId))
    if (!idea) return { ok: false, reason: 'gone' }
  }
  const limit = await hitRateLimit({
    rule: rateLimitRules.reportPerUser,
    subject: String(actor.id),
  })
  if (!limit.allowed) return { ok: false, reason: 'tooMany' }
  const inserted = await db()
    .insert(reports)
    .values(
      commentId
        ? { reporterId: actor.id, commentId, reason, note }
        : { reporterId: actor.id, ideaId, reason, note },
    )
    .onConflictDoNothing()
    .returning({ id: reports.id })
  return { ok: true, alreadyReported: inserted.length === 0 }
}

/**
 * What this person has already reported on an idea's page (the idea, and which of its comments), so
 * the page offers no second report form.
 */
export async function reportsByViewer({
  reporterId,
  ideaId,
}: {
  reporterId: number
  ideaId: number
}) {
  const rows = await reportsOfViewerOnIdea().execute({ reporterId, ideaId })
  return {
    idea: rows.some((row) => row.commentId === null),
    commentIds: new Set(rows.flatMap((row) => (row.commentId === null ? [] : [row.commentId]))),
  }
}

const reportsOfViewerOnIdea = preparedRead((database) => {
  const ideaId = sql.placeholder('ideaId')
  return database
    .select({ commentId: reports.commentId })
    .from(reports)
    .leftJoin(comments, eq(comments.id, reports.commentId))
    .where(
      and(
        eq(reports.reporterId, sql.placeholder('reporterId')),
        or(and(isNull(reports.commentId), eq(reports.ideaId, ideaId)), eq(comments.ideaId, ideaId)),
      ),
    )
    .prepare('reports_of_viewer_on_idea')
})

/**
 * The open reports on an idea and on its comments, counted, for its back-office page (which points
 * to the report queue). Open reports are few: the partial index on them is read whole.
 */
export async function openReportsOn({ ideaId }: { ideaId: number }) {
  const [row] = await openReportsOnIdea().execute({ ideaId })
  return { onIdea: row?.onIdea ?? 0, onComments: row?.onComments ?? 0 }
}

const openReportsOnIdea = preparedRead((database) => {
  const ideaId = sql.placeholder('ideaId')
  return database
    .select({
      onIdea: sql<number>`(count(*) filter (where ${reports.ideaId} = ${ideaId}))::int`,
      onComments: sql<number>`(count(*) filter (where ${reports.commentId} is not null))::int`,
    })
    .from(reports)
    .leftJoin(comments, eq(comments.id, reports.commentId))
    .where(
      and(isNull(reports.resolvedAt), or(eq(reports.ideaId, ideaId), eq(comments.ideaId, ideaId))),
    )
    .prepare('open_reports_on_idea')
})
