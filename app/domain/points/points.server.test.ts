import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db } from '#app/db/db.server'
import { contributorPoints, users } from '#app/db/schema'
import { createTestIdea, createTestUser } from '#app/demo/factories.server'
import { listIdeasVotedBy } from '#app/domain/ideas/ideas.server'
import { castVote } from '#app/domain/votes/votes.server'
import { decodeCursor } from '#app/utils/cursors'

import { monthPeriod } from './points.rules'
import { getLeaderboard, getPointsOf, recountPoints } from './points.server'

async function snapshot() {
  return (await db().select().from(contributorPoints))
    .map(
      (row) =>
        `${row.userId}/${row.period}/${row.votesReceived}/${row.ideasImplemented}/${row.points}`,
    )
    .sort()
}

describe('contributor points', () => {
  it('count up-votes from others as they are cast, changed and withdrawn, in step with a full recount', async () => {
    const author = await createTestUser({ password: null })
    const idea = await createTestIdea({ authorId: author.id })
    const voters = await Promise.all(
      Array.from({ length: 4 }, () => createTestUser({ password: null })),
    )
    await Promise.all(
      voters.map((voter) => castVote({ actor: voter, ideaId: idea.id, direction: 'up' })),
    )
    await castVote({ actor: voters[0]!, ideaId: idea.id, direction: 'down' })
    await castVote({ actor: voters[1]!, ideaId: idea.id, direction: 'none' })
    // The author's own vote earns nothing.
    await castVote({ actor: author, ideaId: idea.id, direction: 'none' })
    await castVote({ actor: author, ideaId: idea.id, direction: 'up' })

    const points = await getPointsOf({ userId: author.id })
    expect(points.allTime).toEqual({ points: 2, votesReceived: 2, ideasImplemented: 0 })
    expect(points.thisMonth).toEqual(points.allTime)

    const live = await snapshot()
    await recountPoints()
    expect(await snapshot()).toEqual(live)
  })

  it('ranks this month and all time separately, ten points per launched idea', async () => {
    const veteran = await createTestUser({ password: null })
    const newcomer = await createTestUser({ password: null })
    await createTestIdea({
      authorId: veteran.id,
      statusSlug: 'implemented',
      statusChangedAt: new Date('2025-01-15T12:00:00Z'),
    })
    const fresh = await createTestIdea({ authorId: newcomer.id })
    const fans = await Promise.all(
      Array.from({ length: 3 }, () => createTestUser({ password: null })),
    )
    for (const fan of fans) await castVote({ actor: fan, ideaId: fresh.id, direction: 'up' })
    await recountPoints()

    const allTime = await getLeaderboard({ period: 'all', limit: 100 })
    const month = await getLeaderboard({ period: 'month', limit: 100 })
    expect(allTime.find((row) => row.userId === veteran.id)).toMatchObject({
      points: 10,
      ideasImplemented: 1,
    })
    expect(month.find((row) => row.userId === veteran.id)).toBeUndefined()
    expect(month.find((row) => row.userId === newcomer.id)).toMatchObject({
      points: 3,
      votesReceived: 3,
    })
    const positions = allTime.map((row) => row.userId)
    expect(positions.indexOf(veteran.id)).toBeLessThan(positions.indexOf(newcomer.id))
    expect(monthPeriod(new Date('2025-01-31T23:59:59Z'))).toBe('2025-01')
  })
})

describe('the leaderboard', () => {
  it('leaves out people banned, suspended (until it ends) or gone, and keeps their points', async () => {
    const fans = await Promise.all(
      Array.from({ length: 2 }, () => createTestUser({ password: null })),
    )
    const authors = await Promise.all(
      Array.from({ length: 4 }, () => createTestUser({ password: null })),
    )
    for (const author of authors) {
      const idea = await createTestIdea({ authorId: author.id })
      for (const fan of fans) await castVote({ actor: fan, ideaId: idea.id, direction: 'up' })
    }
    const [active, banned, suspended, gone] = authors
    const listed = async () => {
      const ids = new Set(
        (await getLeaderboard({ period: 'all', limit: 10_000 })).map((row) => row.userId),
      )
      return authors.filter((author) => ids.has(author.id))
    }
    expect(await listed()).toEqual(authors)
    await db().update(users).set({ bannedAt: new Date() }).where(eq(users.id, banned!.id))
    await db()
      .update(users)
      .set({ suspendedUntil: new Date(Date.now() + 86_400_000) })
      .where(eq(users.id, suspended!.id))
    await db().update(users).set({ deletedAt: new Date() }).where(eq(users.id, gone!.id))
    expect(await listed()).toEqual([active])
    // A suspension that ended: back, with the points they had.
    await db()
      .update(users)
      .set({ suspendedUntil: new Date(Date.now() - 1000) })
      .where(eq(users.id, suspended!.id))
    expect(await listed()).toEqual([active, suspended])
    expect((await getPointsOf({ userId: banned!.id })).allTime.points).toBe(2)
  })
})

describe('ideas a person voted on', () => {
  it('lists them newest vote first with the vote, and pages with a cursor', async () => {
    const voter = await createTestUser({ password: null })
    const created = []
    for (let index = 0; index < 5; index++) created.push(await createTestIdea())
    for (const idea of created)
      await castVote({
        actor: voter,
        ideaId: idea.id,
        direction: idea === created[2] ? 'down' : 'up',
      })
    const first = await listIdeasVotedBy({ userId: voter.id, limit: 3 })
    expect(first.ideas.map((idea) => idea.id)).toEqual([
      created[4]!.id,
      created[3]!.id,
      created[2]!.id,
    ])
    expect(first.ideas[2]!.voteValue).toBe(-1)
    const second = await listIdeasVotedBy({
      userId: voter.id,
      limit: 3,
      cursor: decodeCursor(first.nextCursor),
    })
    expect(second.ideas.map((idea) => idea.id)).toEqual([created[1]!.id, created[0]!.id])
    expect(second.nextCursor).toBeNull()
  })
})
