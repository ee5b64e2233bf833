// The author's own changes to an idea: editing the words (earlier versions kept as revisions) and
// withdrawing it. Both re-check the rules under the idea's row lock, so a vote or comment arriving
// at the same moment cannot slip past them.
import { desc, eq, sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { comments, ideaRevisions, ideas, statuses, users, votes } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { type ContentLanguage, detectLanguage } from '#app/utils/content-language'
import { type FormFailure, publicValues, validate } from '#app/utils/forms.server'

import { type AuthorActions, authorActions, parseIdeaRef, slugify } from './ideas.rules'
import { ideaEditSchema, withdrawIdeaSchema } from './ideas.schema'
import { getIdea } from './ideas.server'

type Actor = { id: number }

/**
 * Why the author's change was refused: `notFound` (no such idea, or not the actor's: nobody else
 * learns that it exists), why its words can no longer change, or that it can no longer be withdrawn.
 */
export type AuthorChangeRefusal =
  'notFound' | 'mayNotWithdraw' | Extract<AuthorActions['edit'], { allowed: false }>['reason']

export type AuthorChangeResult =
  | { ok: true; idea: { id: number; slug: string } }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: Exclude<AuthorChangeRefusal, 'notFound'> }

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
  if (!idea || idea.authorId !== actor.id) return null
  const actions = authorActions({
    isAuthor: true,
    createdAt: idea.createdAt,
    withdrawnAt: idea.withdrawnAt,
    statusCategory: idea.statusCategory,
    othersEngaged: await othersEngaged(tx, idea),
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

/**
 * The author's edit page: what may be changed, with the words to change; `notFound` for anyone but
 * the author (nothing to see here).
 */
export async function getIdeaEditPage({
  ideaRef,
  viewerId,
}: {
  ideaRef: string | undefined
  viewerId: number
}) {
  const id = parseIdeaRef(ideaRef)
  const idea = id ? await getIdea({ id }) : undefined
  if (!idea || idea.authorId !== viewerId)
    return { ok: false as const, reason: 'notFound' as const }
  const { slug, title, description, language } = idea
  return {
    ok: true as const,
    idea: { id: idea.id, slug, title, description, language },
    actions: await getAuthorActions({ idea, viewerId }),
  }
}

/** The author's edit page's forms: the idea its address names, who sent it, and what they typed. */
type OwnIdeaChange = { actor: Actor; ideaRef: string | undefined; form: Record<string, string> }

/** What the author's edit page is answered: the change, a refusal, or what is wrong with the form. */
export type OwnIdeaChangeResult =
  AuthorChangeResult | { ok: false; reason: 'invalid'; failure: FormFailure }

/**
 * The idea the address names, when it is the actor's. Whose idea it is comes first: anyone but the
 * author gets `notFound` whatever they posted (another intent, invalid words), the same answer as
 * for a valid change; only the author is told what is wrong with the form.
 */
async function ownIdeaId({ actor, ideaRef }: OwnIdeaChange) {
  const ideaId = parseIdeaRef(ideaRef)
  const idea = ideaId ? await getIdea({ id: ideaId }) : undefined
  return ideaId && idea?.authorId === actor.id ? ideaId : null
}

/** The edit page's new words for the author's idea (checked again under its lock by `editIdea`). */
export async function editOwnIdea(change: OwnIdeaChange): Promise<OwnIdeaChangeResult> {
  const ideaId = await ownIdeaId(change)
  if (!ideaId) return { ok: false, reason: 'notFound' }
  const parsed = validate(ideaEditSchema, change.form)
  if (!parsed.ok) return { ok: false, reason: 'invalid', failure: parsed.failure }
  const { title, description, language } = parsed.data
  return editIdea({ actor: change.actor, ideaId, title, description, language })
}

/** The edit page's withdrawal of the author's idea, once its box is ticked. */
export async function withdrawOwnIdea(change: OwnIdeaChange): Promise<OwnIdeaChangeResult> {
  const ideaId = await ownIdeaId(change)
  if (!ideaId) return { ok: false, reason: 'notFound' }
  const parsed = validate(withdrawIdeaSchema, change.form)
  if (!parsed.ok) return { ok: false, reason: 'invalid', failure: parsed.failure }
  // Checked again under the idea's lock (a claim may hand a captured idea to its customer meanwhile).
  return withdrawIdea({ actor: change.actor, ideaId })
}

/** A change the edit page has no form for (another intent): refused above its forms, to the author only. */
export async function refuseOwnIdeaChange(change: OwnIdeaChange): Promise<OwnIdeaChangeResult> {
  if (!(await ownIdeaId(change))) return { ok: false, reason: 'notFound' }
  return {
    ok: false,
    reason: 'invalid',
    failure: {
      fieldErrors: { intent: ['error.badRequestText'] },
      values: publicValues(change.form),
    },
  }
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
    if (!actions.edit.allowed) return { ok: false, reason: actions.edit.reason } as const
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
    if (!actions.withdraw) return { ok: false, reason: 'mayNotWithdraw' } as const
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
