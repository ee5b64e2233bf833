// The demo board shows what trending is for (issue 16): its first page of "Trending" is not "New".
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { seedDemo } from '#app/demo/demo-seed.server'
import { listIdeas } from '#app/domain/ideas/ideas.server'

describe('demo seed', () => {
  it('ranks its first page of trending ideas differently from the newest ones', async () => {
    await seedDemo({ executor: db() })
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
  }, 60_000)
})
