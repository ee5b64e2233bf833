// Votes: one per person per idea, up or down, changed or withdrawn at any time. The vote row and the
// idea's counters change in one transaction; the idea row lock serialises ballots on one idea, so
// double submits and races across instances leave counters equal to the rows.
import { and, eq, sql } from 'drizzle-orm'
import { db } from '#app/db/db.server'
import { ideas, statuses, users, votes } from '#app/db/schema'
import { hotScoreSql } from '#app/domain/ideas/ideas.rules'
import { addFollower } from '#app/domain/follows/follows.server'
import { awardVote } from '#app/domain/points/points.server'
import { canParticipate } from '#app/domain/accounts/accounts.rules'
import { getSettings } from '#app/domain/settings/settings.server'
import {
  counterDelta,
  directionOf,
  voteRefusal,
  voteValue,
  type VoteDirection,
  type VoteRefusal,
} from './votes.rules'

export type VoteActor = { id: number }

export type CastVoteResult =
  | { ok: true; direction: VoteDirection; upVotes: number; downVotes: number; score: number }
  | { ok: false; reason: VoteRefusal | 'notFound' | 'suspended' }

export async function castVote({
  actor,
  ideaId,
  direction,
  channel = 'web',
}: {
  actor: VoteActor
  ideaId: number
  direction: VoteDirection
  /** Where the vote was given (staff capture votes from stores, calls, …). */
  channel?: string
}): Promise<CastVoteResult> {
  const settings = await getSettings()
  return db().transaction(async (tx) => {
    // One statement reads what the ballot depends on (the idea, locked; its status; whether the
    // person may take part): a vote costs as few round trips as it can.
    const [idea] = await tx
      .select({
        id: ideas.id,
        authorId: ideas.authorId,
        isPublic: ideas.isPublic,
        upVotes: ideas.upVotes,
        downVotes: ideas.downVotes,
        score: ideas.score,
        statusCategory: statuses.category,
        voterId: users.id,
        suspendedUntil: users.suspendedUntil,
        bannedAt: users.bannedAt,
      })
      .from(ideas)
      .innerJoin(statuses, eq(statuses.id, ideas.statusId))
      .leftJoin(users, eq(users.id, actor.id))
      .where(eq(ideas.id, ideaId))
      .for('update', { of: ideas })
    if (!idea) return { ok: false, reason: 'notFound' } as const
    if (
      !idea.voterId ||
      !canParticipate({ suspendedUntil: idea.suspendedUntil, bannedAt: idea.bannedAt })
    ) {
      return { ok: false, reason: 'suspended' } as const
    }

    const refusal = voteRefusal({
      direction,
      statusCategory: idea.statusCategory,
      withdrawn: !idea.isPublic,
      downVotesEnabled: settings.downVotesEnabled,
    })
    if (refusal) return { ok: false, reason: refusal } as const

    // The person's current vote is read once the idea's lock is held. Joined into the locking
    // statement it came from the snapshot taken before waiting for the lock (READ COMMITTED re-reads
    // only the locked row), so a double submit counted the same ballot twice.
    const [existing] = await tx
      .select({ value: votes.value, createdAt: votes.createdAt })
      .from(votes)
      .where(and(eq(votes.ideaId, ideaId), eq(votes.userId, actor.id)))
    const before = voteValue(directionOf(existing?.value))
    // When the ballot was first cast: points count in that month, whatever changes later.
    const castAt = existing?.createdAt ?? new Date()
    const after = voteValue(direction)
    if (before === after) {
      return {
        ok: true,
        direction,
        upVotes: idea.upVotes,
        downVotes: idea.downVotes,
        score: idea.score,
      } as const
    }

    if (after === 0) {
      await tx.delete(votes).where(and(eq(votes.ideaId, ideaId), eq(votes.userId, actor.id)))
    } else {
      await tx
        .insert(votes)
        .values({
          ideaId,
          userId: actor.id,
          value: after,
          channel,
          createdAt: castAt,
          updatedAt: castAt,
        })
        .onConflictDoUpdate({
          target: [votes.ideaId, votes.userId],
          set: { value: after, updatedAt: sql`now()` },
        })
    }

    // Voting for an idea means wanting to hear what happens to it (its counter moves below).
    const newFollower =
      after !== 0 && (await addFollower({ executor: tx, userId: actor.id, ideaId }))

    const delta = counterDelta(before, after)
    // Up-votes from others earn the author points, in the month the vote was first cast.
    if (idea.authorId !== actor.id && delta.up !== 0) {
      await awardVote({ executor: tx, userId: idea.authorId, at: castAt, delta: delta.up })
    }
    const [updated] = await tx
      .update(ideas)
      .set({
        upVotes: sql`${ideas.upVotes} + ${delta.up}`,
        downVotes: sql`${ideas.downVotes} + ${delta.down}`,
        score: sql`(${ideas.score} + ${delta.up - delta.down})`,
        hotScore: sql.raw(hotScoreSql(`(score + ${delta.up - delta.down})`, 'created_at')),
        ...(newFollower ? { followerCount: sql`${ideas.followerCount} + 1` } : {}),
      })
      .where(eq(ideas.id, ideaId))
      .returning({ upVotes: ideas.upVotes, downVotes: ideas.downVotes, score: ideas.score })
    return { ok: true, direction, ...updated! } as const
  })
}

/** The signed-in person's votes on the given ideas (for showing pressed buttons on a list page). */
export async function getVotesOf({ userId, ideaIds }: { userId: number; ideaIds: number[] }) {
  if (ideaIds.length === 0) return new Map<number, VoteDirection>()
  const rows = await db()
    .select({ ideaId: votes.ideaId, value: votes.value })
    .from(votes)
    .where(and(eq(votes.userId, userId), sql`${votes.ideaId} in ${ideaIds}`))
  return new Map(rows.map((row) => [row.ideaId, directionOf(row.value)]))
}

/** Adds the viewer's own vote to each idea of a list (one query for the whole list). */
export async function withViewerVotes<Idea extends { id: number }>({
  ideas: list,
  viewerId,
}: {
  ideas: Idea[]
  viewerId: number | null | undefined
}): Promise<(Idea & { myVote: VoteDirection })[]> {
  const mine = viewerId
    ? await getVotesOf({ userId: viewerId, ideaIds: list.map((idea) => idea.id) })
    : new Map()
  return list.map((idea) => ({ ...idea, myVote: mine.get(idea.id) ?? 'none' }))
}
