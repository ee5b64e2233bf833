// The demo board shows what trending is for (issue 16): its first page of "Trending" is not "New";
// and its duplicates say where they were merged, as a moderator's merge leaves them.
import { eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas, statuses, votes } from '#app/db/schema'
import { seedDemo } from '#app/demo/demo-seed.server'
import { listIdeas } from '#app/domain/ideas/ideas.server'

beforeAll(() => seedDemo({ executor: db() }), 60_000)

describe('demo seed', () => {
  it('ranks its first page of trending ideas differently from the newest ones', async () => {
    const [trending, newest] = await Promise.all([
      listIdeas({ sort: 'trending' }),
      listIdeas({ sort: 'new' }),
    ])
    expect(trending.ideas.length).toBeGreaterThan(10)
    expect(trending.ideas.map((idea) => idea.id)).not.toEqual(newest.ideas.map((idea) => idea.id))
    // Somewhere on the page an older idea outranks a newer one on its votes.
    const outranked = trending.ideas.some((idea, index) =>
      trending.ideas
        .slice(index + 1)
        .some((later) => later.createdAt > idea.createdAt && later.score < idea.score),
    )
    expect(outranked).toBe(true)
  })

  it('merges every duplicate into an idea still open to votes, its votes moved there', async () => {
    const original = alias(ideas, 'original')
    const originalStatus = alias(statuses, 'original_status')
    const duplicates = await db()
      .select({
        id: ideas.id,
        score: ideas.score,
        originalId: original.id,
        originalCategory: originalStatus.category,
      })
      .from(ideas)
      .innerJoin(statuses, eq(statuses.id, ideas.statusId))
      .leftJoin(original, eq(original.id, ideas.mergedIntoId))
      .leftJoin(originalStatus, eq(originalStatus.id, original.statusId))
      .where(eq(statuses.slug, 'duplicate'))
    expect(duplicates.length).toBeGreaterThan(0)
    for (const duplicate of duplicates) {
      expect(duplicate, `#${duplicate.id}`).toMatchObject({
        originalId: expect.any(Number),
        score: 0,
      })
      expect(duplicate.originalCategory, `#${duplicate.id}`).not.toBe('closed')
    }
    const ids = duplicates.map((duplicate) => duplicate.id)
    expect(await db().select().from(votes).where(inArray(votes.ideaId, ids))).toEqual([])
  })
})
