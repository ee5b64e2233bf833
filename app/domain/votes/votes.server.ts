// Votes: one per person per idea, up or down, changed or withdrawn at any time. A ballot is one
// call of the database function cast_vote (drizzle/0017_cast_vote.sql): the rate limit, the idea's
// row lock, the rules, the vote row, the follow, the author's points and the idea's counters in one
// statement and one transaction. The lock serialises ballots on one idea, so double submits and races
// across instances leave counters equal to the rows; one round trip lets a vote cost little more than
// reading a page (docs/decisions/014-one-statement-per-ballot.md).
import { and, eq, sql } from 'drizzle-orm'
import { db, type Executor } from '#app/db/db.server'
import { votes } from '#app/db/schema'
import { rateLimitBucket, type RateLimitRule } from '#app/domain/rate-limits/rate-limits.server'
import { directionOf, voteValue, type VoteDirection, type VoteRefusal } from './votes.rules'

export type VoteActor = { id: number }

export type CastVoteResult =
  | { ok: true; direction: VoteDirection; upVotes: number; downVotes: number; score: number }
  | { ok: false; reason: VoteRefusal | 'notFound' | 'suspended' }
  | { ok: false; reason: 'tooMany'; retryAfterSeconds: number }

type CastVoteOutcome = 'ok' | 'tooMany' | VoteRefusal | 'notFound' | 'suspended'

/** The call of cast_vote as a prepared statement: parsed once per connection, not per ballot. */
function castVoteStatement(executor: Executor) {
  const param = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`
  return executor
    .select({
      outcome: sql<CastVoteOutcome>`outcome`,
      upVotes: sql<number | null>`up_votes`,
      downVotes: sql<number | null>`down_votes`,
      score: sql<number | null>`score`,
      retryAfter: sql<number | null>`retry_after`,
    })
    .from(
      sql`cast_vote(${param('userId', 'int')}, ${param('ideaId', 'int')}, ${param('value', 'int')},
        ${param('channel', 'text')}, ${param('limitBucket', 'text')}, ${param('limit', 'int')},
        ${param('limitWindowSeconds', 'int')})`,
    )
    .prepare('cast_vote')
}
const castVoteStatements = new WeakMap<Executor, ReturnType<typeof castVoteStatement>>()

export async function castVote({
  actor,
  ideaId,
  direction,
  channel = 'web',
  limit,
  executor = db(),
}: {
  actor: VoteActor
  ideaId: number
  direction: VoteDirection
  /** Where the vote was given (staff capture votes from stores, calls, …). */
  channel?: string
  /** Counts the ballot against this rate limit first, in the same transaction; refused over it. */
  limit?: { rule: RateLimitRule; subject: string }
  /** A transaction to cast it in; by default the statement is a transaction of its own. */
  executor?: Executor
}): Promise<CastVoteResult> {
  let statement = castVoteStatements.get(executor)
  if (!statement) castVoteStatements.set(executor, (statement = castVoteStatement(executor)))
  const [row] = await statement.execute({
    userId: actor.id,
    ideaId,
    value: voteValue(direction),
    channel,
    limitBucket: limit ? rateLimitBucket(limit) : null,
    limit: limit?.rule.limit ?? null,
    limitWindowSeconds: limit?.rule.windowSeconds ?? null,
  })
  const outcome = row!.outcome
  if (outcome === 'tooMany') {
    return {
      ok: false,
      reason: outcome,
      retryAfterSeconds: Math.max(1, Number(row!.retryAfter ?? 1)),
    }
  }
  if (outcome !== 'ok') return { ok: false, reason: outcome }
  return {
    ok: true,
    direction,
    upVotes: Number(row!.upVotes),
    downVotes: Number(row!.downVotes),
    score: Number(row!.score),
  }
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
