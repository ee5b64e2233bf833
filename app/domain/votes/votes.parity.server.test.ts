// Parity: the ballot's rules exist in TypeScript and in the database function that casts it, and
// both must agree on generated sequences of ballots.
//   counters:   votes.rules.ts voteValue / counterDelta        ↔ app/domain/votes/cast-vote.sql (delta_up, delta_down)
//   rank:       ideas.rules.ts hotScore                        ↔ app/domain/ideas/hot-score.sql (via cast_vote)
//   points:     points.rules.ts POINTS_PER_VOTE / _IMPLEMENTED ↔ contributor_points.points (app/db/schema/points.ts,
//               generated column) fed by cast-vote.sql (up-votes from others only)
//   rate limit: rate-limits.server.ts hitRateLimit (hits <= limit) ↔ cast-vote.sql (hits > p_limit refuses)
// (Who may vote, voteRefusal / canParticipate, is compared case by case in votes.server.test.ts.)
import { and, eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { contributorPoints } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { hotScore } from '#app/domain/ideas/ideas.rules'
import { POINTS_PER_IMPLEMENTED_IDEA, POINTS_PER_VOTE } from '#app/domain/points/points.rules'
import { hitRateLimit, rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { createTestIdea, createTestUser, getIdeaRow } from '#tests/factories'

import { counterDelta, voteDirections, voteValue } from './votes.rules'
import { castVote } from './votes.server'

async function allTimePointsOf(userId: number) {
  const [row] = await db()
    .select({ points: contributorPoints.points })
    .from(contributorPoints)
    .where(and(eq(contributorPoints.userId, userId), eq(contributorPoints.period, 'all')))
  return row?.points ?? 0
}

let runs = 0

describe('ballots: votes.rules.ts and friends against cast-vote.sql', () => {
  it('move the counters, the rank and the author’s points the same way', async () => {
    const ballot = fc.record({
      voter: fc.integer({ min: 0, max: 3 }),
      direction: fc.constantFrom(...voteDirections),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(ballot, { minLength: 1, maxLength: 12 }), async (ballots) => {
        const idea = await createTestIdea()
        const others = await Promise.all([1, 2, 3].map(() => createTestUser({ password: null })))
        // Voter 0 is the author: their own up-vote earns nobody points.
        const voterIds = [idea.authorId, ...others.map((person) => person.id)]
        const start = (await getIdeaRow(idea.id))!
        const current = new Map<number, -1 | 0 | 1>([[idea.authorId, 1]])
        let up = start.upVotes
        let down = start.downVotes
        let earned = 0
        const pointsBefore = await allTimePointsOf(idea.authorId)
        for (const { voter, direction } of ballots) {
          const userId = voterIds[voter]!
          const before = current.get(userId) ?? 0
          const after = voteValue(direction)
          const delta = counterDelta(before, after)
          up += delta.up
          down += delta.down
          if (userId !== idea.authorId) earned += delta.up
          current.set(userId, after)
          const result = await castVote({ actor: { id: userId }, ideaId: idea.id, direction })
          expect(result).toEqual({
            ok: true,
            direction,
            upVotes: up,
            downVotes: down,
            score: up - down,
          })
        }
        const row = (await getIdeaRow(idea.id))!
        expect({ up: row.upVotes, down: row.downVotes, score: row.score }).toEqual({
          up,
          down,
          score: up - down,
        })
        expect(Math.abs(row.hotScore - hotScore(up - down, row.createdAt))).toBeLessThanOrEqual(
          1.5e-7,
        )
        expect((await allTimePointsOf(idea.authorId)) - pointsBefore).toBe(earned * POINTS_PER_VOTE)
      }),
      { numRuns: 12 },
    )
  })

  it('count points with the weights of points.rules.ts', async () => {
    const person = await createTestUser({ password: null })
    await fc.assert(
      fc.asyncProperty(fc.nat(100_000), fc.nat(10_000), async (votesReceived, ideasImplemented) => {
        await db()
          .insert(contributorPoints)
          .values({ userId: person.id, period: 'all', votesReceived, ideasImplemented })
          .onConflictDoUpdate({
            target: [contributorPoints.period, contributorPoints.userId],
            set: { votesReceived, ideasImplemented },
          })
        expect(await allTimePointsOf(person.id)).toBe(
          votesReceived * POINTS_PER_VOTE + ideasImplemented * POINTS_PER_IMPLEMENTED_IDEA,
        )
      }),
      { numRuns: 30 },
    )
  })

  it('refuse a ballot over its rate limit exactly when hitRateLimit would', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        async (limit, attempts) => {
          runs += 1
          const ballots = { ...rateLimitRules.votePerUser, name: `parity-ballot-${runs}`, limit }
          const requests = { ...rateLimitRules.votePerUser, name: `parity-request-${runs}`, limit }
          for (let attempt = 0; attempt < attempts; attempt++) {
            const cast = await castVote({
              actor: voter,
              ideaId: idea.id,
              direction: attempt % 2 ? 'none' : 'up',
              limit: { rule: ballots, subject: String(voter.id) },
            })
            const hit = await hitRateLimit({ rule: requests, subject: String(voter.id) })
            expect({ attempt, refused: !cast.ok && cast.reason === 'tooMany' }).toEqual({
              attempt,
              refused: !hit.allowed,
            })
            // Both count down the same window (ceil of what is left, taken a moment apart).
            if (!cast.ok && cast.reason === 'tooMany')
              expect(Math.abs(cast.retryAfterSeconds - hit.retryAfterSeconds)).toBeLessThanOrEqual(
                1,
              )
          }
        },
      ),
      { numRuns: 15 },
    )
    const [left] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from rate_limits where bucket like 'parity-%'`,
    )
    expect(Number(left!.n)).toBe(runs * 2)
  })
})
