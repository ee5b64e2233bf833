import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '#app/db/db.server'
import { ideas, statuses, votes } from '#app/db/schema'
import { updateSetting } from '#app/domain/settings/settings.server'
import { createTestIdea, createTestUser, getIdeaRow } from '#tests/factories'
import { castVote } from './votes.server'

async function countsFromRows(ideaId: number) {
  const rows = await db().select({ value: votes.value }).from(votes).where(eq(votes.ideaId, ideaId))
  return { up: rows.filter((row) => row.value === 1).length, down: rows.filter((row) => row.value === -1).length }
}

async function expectCountersMatchRows(ideaId: number) {
  const idea = await getIdeaRow(ideaId)
  const rows = await countsFromRows(ideaId)
  expect({ up: idea!.upVotes, down: idea!.downVotes, score: idea!.score }).toEqual({ ...rows, score: rows.up - rows.down })
}

describe('castVote', () => {
  it('counts up, switches to down, and withdraws, keeping counters equal to the rows', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'up' })).toMatchObject({ ok: true, upVotes: 2, score: 2 })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'down' })).toMatchObject({ upVotes: 1, downVotes: 1, score: 0 })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'none' })).toMatchObject({ upVotes: 1, downVotes: 0, score: 1 })
    await expectCountersMatchRows(idea.id)
  })

  it('raises the trending rank with the score', async () => {
    const idea = await createTestIdea()
    const before = (await getIdeaRow(idea.id))!.hotScore
    await castVote({ actor: await createTestUser({ password: null }), ideaId: idea.id, direction: 'up' })
    await castVote({ actor: await createTestUser({ password: null }), ideaId: idea.id, direction: 'up' })
    expect((await getIdeaRow(idea.id))!.hotScore).toBeGreaterThan(before)
  })

  it('counts exactly when many people vote on one idea at once', async () => {
    const idea = await createTestIdea()
    const voters = await Promise.all(Array.from({ length: 30 }, () => createTestUser({ password: null })))
    await Promise.all(voters.map((voter, index) => castVote({ actor: voter, ideaId: idea.id, direction: index % 3 === 0 ? 'down' : 'up' })))
    await expectCountersMatchRows(idea.id)
    expect(await countsFromRows(idea.id)).toEqual({ up: 21, down: 10 })
  })

  it('counts one vote when the same person submits 20 times in parallel', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    const results = await Promise.all(Array.from({ length: 20 }, () => castVote({ actor: voter, ideaId: idea.id, direction: 'up' })))
    expect(results.every((result) => result.ok)).toBe(true)
    const mine = await db().select().from(votes).where(and(eq(votes.ideaId, idea.id), eq(votes.userId, voter.id)))
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
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'down' })).toEqual({ ok: false, reason: 'closed' })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'none' })).toMatchObject({ ok: true, upVotes: 1 })
  })

  it('refuses down-votes when the site switched them off, and unknown ideas', async () => {
    const idea = await createTestIdea()
    const voter = await createTestUser({ password: null })
    await updateSetting({ key: 'downVotesEnabled', value: false, actorId: null })
    expect(await castVote({ actor: voter, ideaId: idea.id, direction: 'down' })).toEqual({ ok: false, reason: 'downVotesOff' })
    await updateSetting({ key: 'downVotesEnabled', value: true, actorId: null })
    expect(await castVote({ actor: voter, ideaId: 999_999, direction: 'up' })).toEqual({ ok: false, reason: 'notFound' })
  })
})
