import { and, eq, inArray, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { db, listenToQueries } from '#app/db/db.server'
import { follows, ideas, statuses, users, votes } from '#app/db/schema'
import { queryRows } from '#app/db/sql.server'
import { createTestIdea, createTestUser, getIdeaRow } from '#app/demo/factories.server'
import { hotScore } from '#app/domain/ideas/ideas.rules'
import { rateLimitRules } from '#app/domain/rate-limits/rate-limits.server'
import { updateSetting } from '#app/domain/settings/settings.server'

import { type VoteDirection, voteRefusal } from './votes.rules'
import { castVote, withViewerVotes } from './votes.server'

async function countsFromRows(ideaId: number) {
  const rows = await db().select({ value: votes.value }).from(votes).where(eq(votes.ideaId, ideaId))
  return {
    up: rows.filter((row) => row.value === 1).length,
    down: rows.filter((row) => row.value === -1).length,
  }
}

async function expectCountersMatchRows(ideaId: number) {
  const idea = await getIdeaRow(ideaId)
  const rows = await countsFromRows(ideaId)
  expect({ up: idea!.upVotes, down: idea!.downVotes, score: idea!.score }).toEqual({
    ...rows,
    score: rows.up - rows.down,
  })
}

describe('castVote', () => {
  it('counts up, switches to down, and withdraws, keeping counters equal to the rows', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })).toMatchObject({
      ok: true,
      upVotes: 2,
      score: 2,
    })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'down' })).toMatchObject({
      upVotes: 1,
      downVotes: 1,
      score: 0,
    })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'none' })).toMatchObject({
      upVotes: 1,
      downVotes: 0,
      score: 1,
    })
    await expectCountersMatchRows(idea.id)
  })

  it('raises the trending rank with the score', async () => {
    const idea = await createTestIdea()
    const before = (await getIdeaRow(idea.id))!.hotScore
    await castVote({
      actor: await createTestUser({ password: null }),
      ideaId: idea.id,
      direction: 'up',
    })
    await castVote({
      actor: await createTestUser({ password: null }),
      ideaId: idea.id,
      direction: 'up',
    })
    expect((await getIdeaRow(idea.id))!.hotScore).toBeGreaterThan(before)
  })

  it('counts exactly when many people vote on one idea at once', async () => {
    const idea = await createTestIdea()
    const voters = await Promise.all(
      Array.from({ length: 30 }, () => createTestUser({ password: null })),
    )
    await Promise.all(
      voters.map((voter, index) =>
        castVote({ actor: voter, ideaId: idea.id, direction: index % 3 === 0 ? 'down' : 'up' }),
      ),
    )
    await expectCountersMatchRows(idea.id)
    expect(await countsFromRows(idea.id)).toEqual({ up: 21, down: 10 })
  })

  it('counts one vote when the same person submits 20 times in parallel', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        castVote({ actor: voter, ideaId: idea.id, direction: 'up' }),
      ),
    )
    expect(results.every((result) => result.ok)).toBe(true)
    const mine = await db()
      .select()
      .from(votes)
      .where(and(eq(votes.ideaId, idea.id), eq(votes.userId, voter.id)))
    expect(mine).toHaveLength(1)
    expect((await getIdeaRow(idea.id))!.upVotes).toBe(2)
    await expectCountersMatchRows(idea.id)
  })

  it('refuses votes on closed ideas but lets people withdraw', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })
    await db()
      .update(ideas)
      .set({ statusId: sql`(select id from ${statuses} where slug = 'declined')` })
      .where(eq(ideas.id, idea.id))
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'down' })).toEqual({
      ok: false,
      reason: 'closed',
    })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'none' })).toMatchObject({
      ok: true,
      upVotes: 1,
    })
  })

  it('refuses down-votes when the site switched them off, and unknown ideas', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    await updateSetting({ key: 'downVotesEnabled', value: false, actorId: null })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'down' })).toEqual({
      ok: false,
      reason: 'downVotesOff',
    })
    await updateSetting({ key: 'downVotesEnabled', value: true, actorId: null })
    expect(await castVote({ actor: voter, ideaId: 999_999, direction: 'up' })).toEqual({
      ok: false,
      reason: 'notFound',
    })
  })

  // The ballot's rules run inside the database (cast_vote); votes.rules.ts states them for people
  // and pages. Every case must come out the same in both.
  it('refuses exactly what votes.rules refuses, case by case', async () => {
    const voter = await createTestUser({ password: null })
    const cases: {
      status: string
      category: 'open' | 'active' | 'closed'
      withdrawn: boolean
      downVotesEnabled: boolean
      direction: VoteDirection
    }[] = []
    for (const [status, category] of [
      ['under-review', 'open'],
      ['planned', 'active'],
      ['declined', 'closed'],
    ] as const)
      for (const withdrawn of [false, true])
        for (const downVotesEnabled of [true, false])
          for (const direction of ['up', 'down', 'none'] as const)
            cases.push({ status, category, withdrawn, downVotesEnabled, direction })
    try {
      for (const example of cases) {
        await updateSetting({
          key: 'downVotesEnabled',
          value: example.downVotesEnabled,
          actorId: null,
        })
        const idea = await createTestIdea({ statusSlug: example.status })
        if (example.withdrawn)
          await db().update(ideas).set({ withdrawnAt: new Date() }).where(eq(ideas.id, idea.id))
        const result = await castVote({
          actor: voter,
          ideaId: idea.id,
          direction: example.direction,
        })
        const refusal = voteRefusal({
          direction: example.direction,
          statusCategory: example.category,
          withdrawn: example.withdrawn,
          downVotesEnabled: example.downVotesEnabled,
        })
        expect({ example, result: result.ok ? 'ok' : result.reason }).toEqual({
          example,
          result: refusal ?? 'ok',
        })
      }
    } finally {
      await updateSetting({ key: 'downVotesEnabled', value: true, actorId: null })
    }
  })

  it('refuses suspended and banned people, and counts nothing for them', async () => {
    const idea = await createTestIdea()
    const suspended = await createTestUser({ password: null })
    const banned = await createTestUser({ password: null })
    await db()
      .update(users)
      .set({ suspendedUntil: new Date(Date.now() + 3_600_000) })
      .where(eq(users.id, suspended.id))
    await db().update(users).set({ bannedAt: new Date() }).where(eq(users.id, banned.id))
    expect(await castVote({ actor: suspended, ideaId: idea.id, direction: 'up' })).toEqual({
      ok: false,
      reason: 'suspended',
    })
    expect(await castVote({ actor: banned, ideaId: idea.id, direction: 'up' })).toEqual({
      ok: false,
      reason: 'suspended',
    })
    expect(
      await castVote({ actor: { id: 2_000_000_000 }, ideaId: idea.id, direction: 'up' }),
    ).toEqual({ ok: false, reason: 'suspended' })
    await expectCountersMatchRows(idea.id)
    expect((await getIdeaRow(idea.id))!.upVotes).toBe(1)
  })

  it('makes the voter a follower once, counted on the idea', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    const before = (await getIdeaRow(idea.id))!.followerCount
    await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })
    await castVote({ actor: voter, ideaId: idea.id, direction: 'down' })
    await castVote({ actor: voter, ideaId: idea.id, direction: 'none' })
    await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })
    const rows = await db()
      .select()
      .from(follows)
      .where(and(eq(follows.ideaId, idea.id), eq(follows.userId, voter.id)))
    expect(rows).toHaveLength(1)
    expect((await getIdeaRow(idea.id))!.followerCount).toBe(before + 1)
  })

  it('counts the ballot against the rate limit in the same statement, and refuses over it', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    const rule = { ...rateLimitRules.votePerUser, name: `vote-test-${voter.id}`, limit: 3 }
    const limit = { rule, subject: String(voter.id) }
    const directions = ['up', 'none', 'up', 'none'] as const
    const results = []
    for (const direction of directions)
      results.push(await castVote({ actor: voter, ideaId: idea.id, direction, limit }))
    expect(results.slice(0, 3).every((result) => result.ok)).toBe(true)
    expect(results[3]).toMatchObject({ ok: false, reason: 'tooMany' })
    const retryAfter = (results[3] as { retryAfterSeconds: number }).retryAfterSeconds
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(rule.windowSeconds)
    // The refused ballot changed nothing: the up-vote cast third is still there.
    expect((await getIdeaRow(idea.id))!.upVotes).toBe(2)
    await expectCountersMatchRows(idea.id)
  })

  it('ranks with the same trending formula in SQL as in TypeScript', async () => {
    const moments = [
      new Date('2024-01-01T00:00:00Z'),
      new Date('2025-06-15T13:45:10Z'),
      new Date('2026-11-26T08:00:00Z'),
    ]
    for (const createdAt of moments)
      for (const score of [-5000, -10, -1, 0, 1, 2, 9, 10, 11, 999, 1_000_000]) {
        const [row] = await queryRows<{ hot: number }>(
          db(),
          sql`select ideas_hot_score(${score}::bigint, ${createdAt.toISOString()}::timestamptz) as hot`,
        )
        expect(Number(row!.hot)).toBeCloseTo(hotScore(score, createdAt), 6)
      }
  })

  it('casts the ballots that arrive together in one statement, each answered as if cast alone', async () => {
    const idea = await createTestIdea()
    const voters = await Promise.all(
      Array.from({ length: 10 }, () => createTestUser({ password: null })),
    )
    const statements: string[] = []
    const stop = listenToQueries((query) => statements.push(query))
    try {
      const results = await Promise.all([
        ...voters.map((voter, index) =>
          castVote({ actor: voter, ideaId: idea.id, direction: index < 7 ? 'up' : 'down' }),
        ),
        // A double submit in the same batch counts once.
        castVote({ actor: voters[0]!, ideaId: idea.id, direction: 'up' }),
      ])
      expect(results.every((result) => result.ok)).toBe(true)
      // Each answer shows the counters right after its own ballot, in the order they were cast.
      expect(
        results
          .slice(0, 7)
          .map((result) => (result.ok ? result.upVotes : 0))
          .sort((a, b) => a - b),
      ).toEqual([2, 3, 4, 5, 6, 7, 8])
    } finally {
      stop()
    }
    expect(statements.filter((query) => query.includes('cast_votes(')).length).toBe(1)
    expect(statements.filter((query) => query.includes('cast_vote(')).length).toBe(0)
    expect(await countsFromRows(idea.id)).toEqual({ up: 8, down: 3 })
    await expectCountersMatchRows(idea.id)
  })

  it('casts batches side by side without a deadlock: the authors’ points are locked in one order', async () => {
    // Ideas in id order by authors P, Q, Q, P: a batch on the first two changes P's points, then
    // Q's; one on the last two, Q's, then P's, unless points are locked in one order.
    const [p, q] = await Promise.all([
      createTestUser({ password: null }),
      createTestUser({ password: null }),
    ])
    const crossed: number[] = []
    for (const author of [p, q, q, p])
      crossed.push((await createTestIdea({ authorId: author.id })).id)
    const voters = await Promise.all(
      Array.from({ length: 12 }, () => createTestUser({ password: null })),
    )
    const batch = (ideaIds: number[], value: number) =>
      queryRows<{ outcome: string }>(
        db(),
        sql`select outcome from cast_votes(
              ${`{${voters.flatMap((voter) => ideaIds.map(() => voter.id)).join(',')}}`}::int[],
              ${`{${voters.flatMap(() => ideaIds).join(',')}}`}::int[],
              ${`{${voters.flatMap(() => ideaIds.map(() => value)).join(',')}}`}::int[],
              ${`{${voters.flatMap(() => ideaIds.map(() => 'web')).join(',')}}`}::text[],
              ${`{${voters.flatMap(() => ideaIds.map(() => 'NULL')).join(',')}}`}::text[],
              ${`{${voters.flatMap(() => ideaIds.map(() => 'NULL')).join(',')}}`}::int[],
              ${`{${voters.flatMap(() => ideaIds.map(() => 'NULL')).join(',')}}`}::int[])`,
      )
    // On PostgreSQL each call has a connection of its own, so the batches overlap.
    for (const value of [1, 0, 1, -1, 1]) {
      const answers = await Promise.all([
        batch(crossed.slice(0, 2), value),
        batch(crossed.slice(2, 4), value),
        batch(crossed.slice(0, 2), value),
        batch(crossed.slice(2, 4), value),
      ])
      expect(answers.flat().every((answer) => answer.outcome === 'ok')).toBe(true)
    }
    for (const ideaId of crossed) await expectCountersMatchRows(ideaId)
    const points = await queryRows<{ user_id: number; votes_received: number }>(
      db(),
      sql`select user_id, votes_received from contributor_points
          where period = 'all' and user_id in (${p.id}, ${q.id}) order by user_id`,
    )
    // Each voter's last ballot was up, on two ideas of each author.
    expect(points.map((row) => row.votes_received)).toEqual([24, 24])
  })

  it('does not let a ballot that fails take the others of its batch with it', async () => {
    const idea = await createTestIdea()
    const voters = await Promise.all(
      Array.from({ length: 4 }, () => createTestUser({ password: null })),
    )
    const results = await Promise.allSettled([
      ...voters.map((voter) => castVote({ actor: voter, ideaId: idea.id, direction: 'up' })),
      // Not an integer PostgreSQL can hold: the batch's statement fails as a whole.
      castVote({ actor: voters[0]!, ideaId: 2 ** 31, direction: 'up' }),
    ])
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
    ])
    expect(await countsFromRows(idea.id)).toEqual({ up: 5, down: 0 })
    await expectCountersMatchRows(idea.id)
  })
})

describe('withViewerVotes', () => {
  it('gives each viewer of one turn their own votes, read in one statement', async () => {
    const ideaList = await Promise.all(Array.from({ length: 5 }, () => createTestIdea()))
    const people = await Promise.all(
      Array.from({ length: 4 }, () => createTestUser({ password: null })),
    )
    await fc.assert(
      fc.asyncProperty(
        // For each person, a direction on each idea (none: no vote).
        fc.array(
          fc.array(fc.constantFrom<VoteDirection>('up', 'down', 'none'), {
            minLength: ideaList.length,
            maxLength: ideaList.length,
          }),
          { minLength: people.length, maxLength: people.length },
        ),
        // The ideas each viewer's page shows, possibly repeated by two viewers.
        fc.array(fc.subarray(ideaList.map((idea) => idea.id)), {
          minLength: people.length,
          maxLength: people.length,
        }),
        async (directions, shown) => {
          await db()
            .delete(votes)
            .where(
              inArray(
                votes.ideaId,
                ideaList.map((idea) => idea.id),
              ),
            )
          const wanted = directions.flatMap((mine, person) =>
            mine.flatMap((direction, index) =>
              direction === 'none'
                ? []
                : [
                    {
                      userId: people[person]!.id,
                      ideaId: ideaList[index]!.id,
                      value: direction === 'up' ? 1 : -1,
                    },
                  ],
            ),
          )
          if (wanted.length) await db().insert(votes).values(wanted)
          const statements: string[] = []
          const stop = listenToQueries((query) => statements.push(query))
          let pages
          try {
            pages = await Promise.all(
              people.map((person, index) =>
                withViewerVotes({
                  ideas: shown[index]!.map((id) => ({ id })),
                  viewerId: person.id,
                }),
              ),
            )
          } finally {
            stop()
          }
          people.forEach((person, index) => {
            for (const idea of pages[index]!) {
              const at = ideaList.findIndex((one) => one.id === idea.id)
              expect(idea.myVote).toBe(directions[index]![at])
            }
          })
          const lookups = statements.filter(
            (query) => /from unnest/.test(query) && query.includes('"votes"'),
          )
          expect(lookups.length).toBe(shown.some((ids) => ids.length > 0) ? 1 : 0)
        },
      ),
      { numRuns: 25 },
    )
  })
})
