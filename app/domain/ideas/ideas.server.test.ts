import { describe, expect, it } from 'vitest'
import { addActivity, createTestIdea, createTestUser } from '#tests/factories'
import { ideaSorts, decodeCursor } from './ideas.rules'
import { getRoadmap, listIdeas } from './ideas.server'
import { findSimilarIdeas, postIdea } from './posting.server'

describe('idea lists', () => {
  it('walk every idea exactly once with keyset pagination, ties included, for every order', async () => {
    const author = await createTestUser({ password: null })
    const voters = await Promise.all(Array.from({ length: 3 }, () => createTestUser({ password: null })))
    const created = []
    const sameMoment = new Date('2026-03-01T12:00:00Z')
    for (let index = 0; index < 13; index++) {
      // Many equal scores, comment counts and creation times: ties must not skip or repeat ideas.
      created.push(await createTestIdea({ authorId: author.id, createdAt: index < 6 ? sameMoment : new Date(sameMoment.getTime() + index * 60_000) }))
    }
    await addActivity({
      votes: created.slice(0, 4).flatMap((idea) => voters.map((voter) => ({ ideaId: idea.id, userId: voter.id, value: 1 as const }))),
      comments: created.slice(3, 6).map((idea) => ({ ideaId: idea.id, authorId: author.id, body: 'Same here' })),
    })
    const ours = new Set(created.map((idea) => idea.id))
    for (const sort of ideaSorts) {
      const seen: number[] = []
      let cursor: string | null = null
      do {
        const page: Awaited<ReturnType<typeof listIdeas>> = await listIdeas({ sort, cursor: decodeCursor(cursor), limit: 4 })
        seen.push(...page.ideas.map((idea) => idea.id))
        cursor = page.nextCursor
      } while (cursor)
      const oursSeen = seen.filter((id) => ours.has(id))
      expect(new Set(seen).size, `${sort}: no repeats`).toBe(seen.length)
      expect(oursSeen.sort(), `${sort}: nothing skipped`).toEqual([...ours].sort())
    }
  })

  it('puts roadmap columns in status order', async () => {
    await createTestIdea({ statusSlug: 'planned' })
    const columns = await getRoadmap()
    expect(columns.map((column) => column.status.slug)).toEqual(['under-review', 'planned', 'in-progress', 'implemented'])
    expect(columns[1]!.ideas.length).toBeGreaterThan(0)
  })
})

describe('posting ideas', () => {
  it('finds similar ideas by title similarity and by words in either language', async () => {
    await createTestIdea({ title: 'Oat milk at no extra charge' })
    await createTestIdea({ title: 'Herbruikbare bekers in elke vestiging', kind: 'involvement' })
    await createTestIdea({ title: 'Quieter music in the evening', kind: 'experience' })
    const oat = await findSimilarIdeas({ text: 'oatmilk without extra charges' })
    expect(oat[0]?.title).toBe('Oat milk at no extra charge')
    const cups = await findSimilarIdeas({ text: 'herbruikbare beker' })
    expect(cups.map((idea) => idea.title)).toContain('Herbruikbare bekers in elke vestiging')
    expect(await findSimilarIdeas({ text: 'xy' })).toEqual([])
  })

  it('creates one idea for a double submit, starting with the author’s vote', async () => {
    const author = await createTestUser({ password: null })
    const input = { kind: 'product' as const, categoryId: 1, title: 'Bring back the winter blend', description: 'Please.', submissionKey: 'key-12345678' }
    const [first, second] = await Promise.all([postIdea({ actor: author, input }), postIdea({ actor: author, input })])
    expect(first.ok && second.ok).toBe(true)
    if (!first.ok || !second.ok) return
    expect(first.idea.id).toBe(second.idea.id)
    const list = await listIdeas({ sort: 'new', limit: 50 })
    expect(list.ideas.filter((idea) => idea.title === input.title)).toHaveLength(1)
    expect(list.ideas.find((idea) => idea.title === input.title)).toMatchObject({ upVotes: 1, score: 1 })
  })

  it('refuses a category of another kind', async () => {
    const author = await createTestUser({ password: null })
    const result = await postIdea({
      actor: author,
      input: { kind: 'involvement', categoryId: 1, title: 'Wrong category here', description: 'x' },
    })
    expect(result).toEqual({ ok: false, fieldErrors: { categoryId: ['ideas.form.categoryRequired'] } })
  })
})
