import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas } from '#app/db/schema'
import { createTestIdea, createTestUser, getIdeaRow } from '#app/demo/factories.server'
import { postComment } from '#app/domain/comments/comments.server'
import { castVote } from '#app/domain/votes/votes.server'

import { editIdea, getAuthorActions, listRevisions, withdrawIdea } from './editing.server'
import { listIdeas, listIdeasByAuthor } from './ideas.server'

async function freshIdea() {
  const author = await createTestUser({ password: null })
  const idea = await createTestIdea({
    authorId: author.id,
    title: 'Oat milk at no extra cost',
    description: 'First words.',
  })
  return { author, idea }
}

describe('editing an idea', () => {
  it('keeps the earlier words as a revision and moves the slug, old links still resolve by id', async () => {
    const { author, idea } = await freshIdea()
    const result = await editIdea({
      actor: author,
      ideaId: idea.id,
      title: 'Oat milk at no extra charge',
      description: 'Better words.',
    })
    expect(result).toMatchObject({
      ok: true,
      idea: { id: idea.id, slug: 'oat-milk-at-no-extra-charge' },
    })
    const row = await getIdeaRow(idea.id)
    expect(row).toMatchObject({
      title: 'Oat milk at no extra charge',
      description: 'Better words.',
    })
    expect(row!.editedAt).toBeInstanceOf(Date)
    expect(
      (await listRevisions({ ideaId: idea.id })).map((revision) => [
        revision.title,
        revision.description,
      ]),
    ).toEqual([['Oat milk at no extra cost', 'First words.']])
    // Saving the same words again is not a new revision.
    await editIdea({
      actor: author,
      ideaId: idea.id,
      title: 'Oat milk at no extra charge',
      description: 'Better words.',
    })
    expect(await listRevisions({ ideaId: idea.id })).toHaveLength(1)
    // The search index follows the new words.
    expect(
      (await listIdeas({ sort: 'relevance', search: 'charge' })).ideas.map((found) => found.id),
    ).toContain(idea.id)
  })

  it('refuses other people, and closes once someone else votes or comments', async () => {
    const { author, idea } = await freshIdea()
    const other = await createTestUser({ password: null })
    expect(
      await editIdea({ actor: other, ideaId: idea.id, title: 'Taken over', description: 'x' }),
    ).toEqual({ ok: false, reason: 'notFound' })

    await castVote({ actor: other, ideaId: idea.id, direction: 'up' })
    const afterVote = await editIdea({
      actor: author,
      ideaId: idea.id,
      title: 'Something else now',
      description: 'x',
    })
    expect(afterVote).toEqual({ ok: false, reason: 'othersEngaged' })

    const second = await freshIdea()
    await postComment({ actor: other, ideaId: second.idea.id, body: 'Nice one' })
    const actions = await getAuthorActions({
      idea: { ...second.idea, statusCategory: 'open' },
      viewerId: second.author.id,
    })
    expect(actions.edit).toEqual({ allowed: false, reason: 'othersEngaged' })
    // The author's own comment does not close editing.
    const third = await freshIdea()
    await postComment({ actor: third.author, ideaId: third.idea.id, body: 'Some more context' })
    expect(
      (
        await editIdea({
          actor: third.author,
          ideaId: third.idea.id,
          title: 'Still mine to change',
          description: 'y',
        })
      ).ok,
    ).toBe(true)
  })

  it('closes 30 minutes after posting', async () => {
    const { author, idea } = await freshIdea()
    await db()
      .update(ideas)
      .set({ createdAt: sql`now() - interval '31 minutes'` })
      .where(eq(ideas.id, idea.id))
    expect(
      await editIdea({
        actor: author,
        ideaId: idea.id,
        title: 'Too late for this',
        description: 'x',
      }),
    ).toEqual({ ok: false, reason: 'tooLate' })
  })
})

describe('withdrawing an idea', () => {
  it('takes it out of lists and search, refuses new votes and comments, and keeps it on the author’s list', async () => {
    const { author, idea } = await freshIdea()
    const other = await createTestUser({ password: null })
    expect(await withdrawIdea({ actor: other, ideaId: idea.id })).toEqual({
      ok: false,
      reason: 'notFound',
    })
    expect((await withdrawIdea({ actor: author, ideaId: idea.id })).ok).toBe(true)

    const everyList = await listIdeas({ sort: 'new', limit: 500 })
    expect(everyList.ideas.map((found) => found.id)).not.toContain(idea.id)
    expect(
      (await listIdeas({ sort: 'relevance', search: 'oat milk extra cost' })).ideas.map(
        (found) => found.id,
      ),
    ).not.toContain(idea.id)
    expect(await castVote({ actor: other, ideaId: idea.id, direction: 'up' })).toEqual({
      ok: false,
      reason: 'withdrawn',
    })
    expect(await postComment({ actor: other, ideaId: idea.id, body: 'Hello?' })).toMatchObject({
      ok: false,
    })

    expect((await listIdeasByAuthor({ authorId: author.id })).ideas).toEqual([])
    const own = await listIdeasByAuthor({ authorId: author.id, includeWithdrawn: true })
    expect(own.ideas.map((found) => [found.id, Boolean(found.withdrawnAt)])).toEqual([
      [idea.id, true],
    ])
    // Withdrawing twice is refused, and so is editing afterwards.
    expect((await withdrawIdea({ actor: author, ideaId: idea.id })).ok).toBe(false)
    expect(
      (
        await editIdea({
          actor: author,
          ideaId: idea.id,
          title: 'Back again please',
          description: 'x',
        })
      ).ok,
    ).toBe(false)
  })

  it('is not possible once the team has planned the idea', async () => {
    const author = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: author.id, statusSlug: 'planned' })
    expect(await withdrawIdea({ actor: author, ideaId: idea.id })).toEqual({
      ok: false,
      reason: 'mayNotWithdraw',
    })
  })
})
