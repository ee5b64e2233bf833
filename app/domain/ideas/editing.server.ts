// The author's own changes to an idea: editing the words (earlier versions kept as revisions) and
// withdrawing it. Both re-check the rules under the idea's row lock, so a vote or comment arriving
// at the same moment cannot slip past them.
import { desc, eq, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { comments, ideaRevisions, ideas, statuses, users, votes } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { type ContentLanguage, detectLanguage } from '#app/utils/content-language'

import { type AuthorActions, authorActions, slugify } from './ideas.rules'

type Actor = { id: number }

export type AuthorChangeResult =
  | { ok: true; idea: { id: number; slug: string } }
  | { ok: false; reason: 'notFound' | 'notAllowed'; actions?: AuthorActions }

async function othersEngaged(executor: Executor, idea: { id: number; authorId: number }) {
  const [row] = await queryRows<{ engaged: boolean }>(
    executor,
    sql`
    select exists (select 1 from ${votes} where idea_id = ${idea.id} and user_id <> ${idea.authorId})
        or exists (select 1 from ${comments} where idea_id = ${idea.id} and author_id <> ${idea.authorId}) as engaged`,
  )
  return Boolean(row?.engaged)
}

async function lockForAuthor(tx: Executor, ideaId: number, actor: Actor) {
  const [idea] = await tx
    .select({
      id: ideas.id,
      slug: ideas.slug,
      authorId: ideas.authorId,
      title: ideas.title,
      description: ideas.description,
      language: ideas.language,
      createdAt: ideas.createdAt,
      withdrawnAt: ideas.withdrawnAt,
      statusCategory: statuses.category,
    })
    .from(ideas)
    .innerJoin(statuses, eq(statuses.id, ideas.statusId))
    .where(eq(ideas.id, ideaId))
    .for('update', { of: ideas })
  if (!idea) return null
  const actions = authorActions({
    isAuthor: idea.authorId === actor.id,
    createdAt: idea.createdAt,
    withdrawnAt: idea.withdrawnAt,
    statusCategory: idea.statusCategory,
    othersEngaged: idea.authorId === actor.id ? await othersEngaged(tx, idea) : false,
  })
  return { idea, actions }
}

/** What the viewer may do with this idea as its author (for showing the edit and withdraw links). */
export async function getAuthorActions({
  idea,
  viewerId,
}: {
  idea: {
    id: number
    authorId: number
    createdAt: Date
    withdrawnAt: Date | null
    statusCategory: 'open' | 'active' | 'closed'
  }
  viewerId: number | null | undefined
}) {
  const isAuthor = viewerId === idea.authorId
  return authorActions({
    ...idea,
    isAuthor,
    othersEngaged: isAuthor ? await othersEngaged(db(), idea) : false,
  })
}

export async function editIdea({
  actor,
  ideaId,
  title,
  description,
  language,
}: {
  actor: Actor
  ideaId: number
  title: string
  description: string
  /** The author's correction of the detected language; absent: detect it from the new words. */
  language?: ContentLanguage
}): Promise<AuthorChangeResult> {
  return db().transaction(async (tx) => {
    const locked = await lockForAuthor(tx, ideaId, actor)
    if (!locked) return { ok: false, reason: 'notFound' } as const
    const { idea, actions } = locked
    if (!actions.edit.allowed) return { ok: false, reason: 'notAllowed', actions } as const
    const newLanguage = language ?? detectLanguage(`${title}\n${description}`)
    if (idea.title === title && idea.description === description) {
      // Only the language corrected: the words (and so the history) stay as they are.
      if (language && language !== idea.language)
        await tx.update(ideas).set({ language }).where(eq(ideas.id, ideaId))
      return { ok: true, idea } as const
    }
    await tx
      .insert(ideaRevisions)
      .values({ ideaId, editorId: actor.id, title: idea.title, description: idea.description })
    const [updated] = await tx
      .update(ideas)
      .set({
        title,
        slug: slugify(title),
        description,
        language: newLanguage,
        editedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(ideas.id, ideaId))
      .returning({ id: ideas.id, slug: ideas.slug })
    return { ok: true, idea: updated! } as const
  })
}

export async function withdrawIdea({
  actor,
  ideaId,
}: {
  actor: Actor
  ideaId: number
}): Promise<AuthorChangeResult> {
  return db().transaction(async (tx) => {
    const locked = await lockForAuthor(tx, ideaId, actor)
    if (!locked) return { ok: false, reason: 'notFound' } as const
    const { idea, actions } = locked
    if (!actions.withdraw) return { ok: false, reason: 'notAllowed', actions } as const
    await tx
      .update(ideas)
      .set({ withdrawnAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(ideas.id, ideaId))
    return { ok: true, idea } as const
  })
}

/** Earlier versions of an idea, newest first, with who replaced them. */
export async function listRevisions({ ideaId }: { ideaId: number }) {
  return db()
    .select({
      id: ideaRevisions.id,
      title: ideaRevisions.title,
      description: ideaRevisions.description,
      replacedAt: ideaRevisions.createdAt,
      editorName: users.displayName,
    })
    .from(ideaRevisions)
    .innerJoin(users, eq(users.id, ideaRevisions.editorId))
    .where(eq(ideaRevisions.ideaId, ideaId))
    .orderBy(desc(ideaRevisions.createdAt), desc(ideaRevisions.id))
    .limit(50)
}
