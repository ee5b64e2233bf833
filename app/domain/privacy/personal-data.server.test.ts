// Invariants of the person's own data over generated histories: the export holds every idea,
// comment and vote of the person; deleting the account keeps every idea's counters equal to its
// rows and its vote totals unchanged.
import { inArray } from 'drizzle-orm'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { ideas } from '#app/db/schema'
import {
  addActivity,
  createTestIdea,
  createTestUser,
  TEST_PASSWORD,
} from '#app/demo/factories.server'
import { recountIdeas } from '#app/domain/ideas/ideas.server'

import { deleteAccount, exportPersonalData } from './personal-data.server'

const POOL_SIZE = 4

/** What a person did: ideas of their own, comments and votes on ideas of the pool. */
const history = fc.record({
  ownIdeas: fc.integer({ min: 0, max: 3 }),
  comments: fc.array(
    fc.record({
      on: fc.integer({ min: 0, max: POOL_SIZE - 1 }),
      body: fc
        .string({ minLength: 1, maxLength: 40 })
        .map((text) => text.replace(/\u0000/g, '') || 'x'),
    }),
    { maxLength: 4 },
  ),
  votes: fc.array(fc.constantFrom(0, 1, -1), { minLength: POOL_SIZE, maxLength: POOL_SIZE }),
  othersVote: fc.array(fc.constantFrom(1, -1), { minLength: POOL_SIZE, maxLength: POOL_SIZE }),
})

async function counters(ideaIds: number[]) {
  return db()
    .select({
      id: ideas.id,
      upVotes: ideas.upVotes,
      downVotes: ideas.downVotes,
      score: ideas.score,
      commentCount: ideas.commentCount,
      followerCount: ideas.followerCount,
    })
    .from(ideas)
    .where(inArray(ideas.id, ideaIds))
    .orderBy(ideas.id)
}

describe('personal data over generated histories', () => {
  let pool: number[] = []
  beforeAll(async () => {
    pool = []
    for (let index = 0; index < POOL_SIZE; index++) pool.push((await createTestIdea()).id)
  })

  it('the export holds every idea, comment and vote of the person; deletion keeps counters equal to rows', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (generated) => {
        const person = await createTestUser()
        const other = await createTestUser({ password: null })
        const own: number[] = []
        for (let index = 0; index < generated.ownIdeas; index++)
          own.push((await createTestIdea({ authorId: person.id })).id)
        const voted = pool.flatMap((ideaId, index) =>
          generated.votes[index]
            ? [{ ideaId, userId: person.id, value: generated.votes[index] as 1 | -1 }]
            : [],
        )
        const { commentIds } = await addActivity({
          votes: [
            ...voted,
            ...pool.map((ideaId, index) => ({
              ideaId,
              userId: other.id,
              value: generated.othersVote[index] as 1 | -1,
            })),
          ],
          comments: generated.comments.map((comment) => ({
            ideaId: pool[comment.on]!,
            authorId: person.id,
            body: comment.body,
          })),
        })

        const exported = await exportPersonalData({ userId: person.id })
        expect(exported!.ideas.map((idea) => idea.id).sort()).toEqual([...own].sort())
        expect(exported!.comments.map((comment) => comment.id).sort()).toEqual(
          [...commentIds].sort(),
        )
        // Posting an idea votes for it: the person's votes are those and the generated ones.
        const expectedVotes = [
          ...own.map((ideaId) => `${ideaId}:1`),
          ...voted.map((vote) => `${vote.ideaId}:${vote.value}`),
        ].sort()
        expect(exported!.votes.map((vote) => `${vote.ideaId}:${vote.value}`).sort()).toEqual(
          expectedVotes,
        )

        const touched = [...pool, ...own]
        const before = await counters(touched)
        const deleted = await deleteAccount({
          userId: person.id,
          input: { currentPassword: TEST_PASSWORD, removeContent: false },
        })
        expect(deleted).toEqual({ ok: true })
        const after = await counters(touched)
        expect(
          after.map(({ upVotes, downVotes, score, commentCount }) => ({
            upVotes,
            downVotes,
            score,
            commentCount,
          })),
        ).toEqual(
          before.map(({ upVotes, downVotes, score, commentCount }) => ({
            upVotes,
            downVotes,
            score,
            commentCount,
          })),
        )
        await recountIdeas({ ideaIds: touched })
        expect(await counters(touched)).toEqual(after)
        expect(await exportPersonalData({ userId: person.id })).toBeNull()
      }),
      { numRuns: 12 },
    )
  })
})
