import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { addActivity, createTestIdea, createTestUser } from '#app/demo/factories.server'

import { getPerson } from './people.server'

describe('getPerson', () => {
  it('counts each person’s own ideas, comments and votes, whoever else is active', async () => {
    // Several people with generated amounts of activity on each other's ideas: each count must be
    // that person's, not the row count of some other table (a bare "id" in a sub-select once was).
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            ideas: fc.integer({ min: 0, max: 4 }),
            comments: fc.integer({ min: 0, max: 4 }),
          }),
          { minLength: 2, maxLength: 4 },
        ),
        async (plans) => {
          const people = await Promise.all(plans.map(() => createTestUser({ password: null })))
          const ideaIds: number[][] = []
          for (const [index, plan] of plans.entries()) {
            const own: number[] = []
            for (let count = 0; count < plan.ideas; count++)
              own.push((await createTestIdea({ authorId: people[index]!.id })).id)
            ideaIds.push(own)
          }
          const everyIdea = ideaIds.flat()
          const target = everyIdea[0] ?? (await createTestIdea()).id
          await addActivity({
            comments: plans.flatMap((plan, index) =>
              Array.from({ length: plan.comments }, (_, n) => ({
                ideaId: target,
                authorId: people[index]!.id,
                body: `Comment ${n}`,
              })),
            ),
            // Everyone votes on every idea of the others.
            votes: people.flatMap((person, index) =>
              ideaIds.flatMap((own, owner) =>
                owner === index
                  ? []
                  : own.map((ideaId) => ({ ideaId, userId: person.id, value: 1 as const })),
              ),
            ),
          })
          for (const [index, person] of people.entries()) {
            const found = await getPerson({ id: person.id })
            // An author's idea starts with the author's own vote.
            const votesCast = ideaIds.reduce((sum, own) => sum + own.length, 0)
            expect({ ideas: found?.ideas, comments: found?.comments, votes: found?.votes }).toEqual(
              { ideas: plans[index]!.ideas, comments: plans[index]!.comments, votes: votesCast },
            )
          }
        },
      ),
      { numRuns: 8 },
    )
  })
})
