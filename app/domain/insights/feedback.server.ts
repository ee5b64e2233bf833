// Whether the team's answers help: one-click yes/no (and a note) from the idea page or from email,
// where a signed link stands in for signing in.
import { and, eq, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { feedback, type FeedbackKind, ideaResponses, ideas, updates } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { sign, verify } from '#app/domain/mail/secrets.server'
import { publicBaseUrl } from '#app/utils/env.server'
import { ideaPath } from '#app/utils/idea-path'
import { markdownToText } from '#app/utils/markdown.server'

/** The two links an email carries ("yes" and "no"), signed for this person and this answer. */
export async function feedbackLinks({
  kind,
  subjectId,
  userId,
}: {
  kind: FeedbackKind
  subjectId: number
  userId: number
}) {
  const token = encodeURIComponent(await sign(`fb:${kind}:${subjectId}:${userId}`))
  const base = `${publicBaseUrl()}/feedback?token=${token}`
  return { yes: `${base}&answer=yes`, no: `${base}&answer=no` }
}

export async function readFeedbackToken(token: string) {
  const payload = await verify(token)
  const match = payload ? /^fb:(response|update):(\d{1,9}):(\d{1,9})$/.exec(payload) : null
  return match
    ? { kind: match[1] as FeedbackKind, subjectId: Number(match[2]), userId: Number(match[3]) }
    : null
}

/**
 * What a feedback link is about, for the page it opens: the idea (or update) and the answer that
 * was rated, with a link to read it again, and the person's rating so far (null before the first).
 * The idea's title and link only while it is public; a gone answer or update is `null`.
 */
export async function getFeedbackSubject({
  kind,
  subjectId,
  userId,
}: {
  kind: FeedbackKind
  subjectId: number
  userId: number
}) {
  const [given] = await db()
    .select({ helpful: feedback.helpful, comment: feedback.comment })
    .from(feedback)
    .where(
      and(eq(feedback.kind, kind), eq(feedback.subjectId, subjectId), eq(feedback.userId, userId)),
    )
  const rating = given ? { helpful: given.helpful, comment: given.comment } : null
  if (kind === 'update') {
    const [update] = await db()
      .select({
        title: updates.title,
        slug: updates.slug,
        summary: updates.summary,
        status: updates.status,
      })
      .from(updates)
      .where(eq(updates.id, subjectId))
    if (!update || update.status !== 'published') return null
    return {
      kind,
      title: update.title,
      href: `/updates/${update.slug}`,
      answer: markdownToText(update.summary, 300),
      rating,
    }
  }
  const [response] = await db()
    .select({
      body: ideaResponses.body,
      ideaId: ideas.id,
      slug: ideas.slug,
      title: ideas.title,
      isPublic: ideas.isPublic,
    })
    .from(ideaResponses)
    .innerJoin(ideas, eq(ideas.id, ideaResponses.ideaId))
    .where(eq(ideaResponses.id, subjectId))
  if (!response) return null
  return {
    kind,
    title: response.isPublic ? response.title : null,
    href: response.isPublic ? ideaPath({ id: response.ideaId, slug: response.slug }) : null,
    answer: markdownToText(response.body, 300),
    rating,
  }
}

/** Records (or changes) one person's answer. */
export async function giveFeedback({
  kind,
  subjectId,
  userId,
  helpful,
  comment = '',
}: {
  kind: FeedbackKind
  subjectId: number
  userId: number
  helpful: boolean
  comment?: string
}) {
  await db()
    .insert(feedback)
    .values({ kind, subjectId, userId, helpful, comment: comment.slice(0, 1000) })
    .onConflictDoUpdate({
      target: [feedback.kind, feedback.subjectId, feedback.userId],
      set: { helpful, comment: comment.slice(0, 1000), updatedAt: sql`now()` },
    })
}

/** Share of "yes" per channel and per team member, over team responses (insights page). */
export async function helpfulness() {
  const [byChannel, byMember] = await Promise.all([
    queryRows<{ channel: string; answers: number; helpful: number }>(
      db(),
      sql`select i.channel, count(*)::int as answers, count(*) filter (where f.helpful)::int as helpful
          from feedback f join idea_responses r on r.id = f.subject_id join ideas i on i.id = r.idea_id
          where f.kind = 'response' group by i.channel order by answers desc`,
    ),
    queryRows<{ name: string; answers: number; helpful: number }>(
      db(),
      sql`select coalesce(u.display_name, '—') as name, count(*)::int as answers, count(*) filter (where f.helpful)::int as helpful
          from feedback f join idea_responses r on r.id = f.subject_id left join users u on u.id = r.author_id
          where f.kind = 'response' group by u.display_name order by answers desc`,
    ),
  ])
  const rate = (row: { answers: number; helpful: number }) => ({
    answers: Number(row.answers),
    helpful: Number(row.helpful),
    share: Number(row.answers) ? Number(row.helpful) / Number(row.answers) : null,
  })
  return {
    byChannel: byChannel.map((row) => ({ channel: row.channel, ...rate(row) })),
    byMember: byMember.map((row) => ({ name: row.name, ...rate(row) })),
  }
}
