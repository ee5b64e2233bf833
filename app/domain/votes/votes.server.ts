// Votes: one per person per idea, up or down, changed or withdrawn at any time. A ballot is one
// call of the database function cast_vote (app/domain/votes/cast-vote.sql): the rate limit, the idea's
// row lock, the rules, the vote row, the follow, the author's points and the idea's counters in one
// statement and one transaction. The lock serialises ballots on one idea, so double submits and races
// across instances leave counters equal to the rows; one round trip lets a vote cost little more than
// reading a page. Under load, ballots that arrive together go as one call of cast_votes (group
// commit, below; docs/decisions/014-one-statement-per-ballot.md).
import { sql } from 'drizzle-orm'

import { db, type Executor } from '#app/db/db.server'
import { votes } from '#app/db/schema'
import { intArray, queryPreparedRows, sqlStateOf } from '#app/db/sql.server'
import {
  rateLimitBucket,
  type RateLimitRule,
  rateLimitRules,
} from '#app/domain/rate-limits/rate-limits.server'
import { getSettings } from '#app/domain/settings/settings.server'
import { batchPerTurnOf, type Waiting as BatchWaiting } from '#app/utils/batch-per-turn.server'
import { isDatabaseUnavailableError } from '#app/utils/database-errors.server'

import { directionOf, type VoteDirection, type VoteRefusal, voteValue } from './votes.rules'

export type VoteActor = { id: number }

export type CastVoteResult =
  | { ok: true; direction: VoteDirection; upVotes: number; downVotes: number; score: number }
  | { ok: false; reason: VoteRefusal | 'notFound' | 'suspended' }
  | { ok: false; reason: 'tooMany'; retryAfterSeconds: number }

type CastVoteOutcome = 'ok' | 'tooMany' | VoteRefusal | 'notFound' | 'suspended'

/** One ballot as the database functions take it. */
type Ballot = {
  userId: number
  ideaId: number
  value: -1 | 0 | 1
  channel: string
  limitBucket: string | null
  limit: number | null
  limitWindowSeconds: number | null
}

const answerColumns = {
  outcome: sql<CastVoteOutcome>`outcome`,
  upVotes: sql<number | null>`up_votes`,
  downVotes: sql<number | null>`down_votes`,
  score: sql<number | null>`score`,
  retryAfter: sql<number | null>`retry_after`,
}
type CastAnswer = {
  outcome: CastVoteOutcome
  upVotes: number | null
  downVotes: number | null
  score: number | null
  retryAfter: number | null
}

const param = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`

/** cast_vote and cast_votes as prepared statements: parsed once per connection, not per call. */
function statementsFor(executor: Executor) {
  return {
    one: executor
      .select(answerColumns)
      .from(
        sql`cast_vote(${param('userId', 'int')}, ${param('ideaId', 'int')}, ${param('value', 'int')},
          ${param('channel', 'text')}, ${param('limitBucket', 'text')}, ${param('limit', 'int')},
          ${param('limitWindowSeconds', 'int')})`,
      )
      .prepare('cast_vote'),
    many: executor
      .select({ n: sql<number>`n`, ...answerColumns })
      .from(
        sql`cast_votes(${param('userIds', 'int[]')}, ${param('ideaIds', 'int[]')}, ${param('values', 'int[]')},
          ${param('channels', 'text[]')}, ${param('limitBuckets', 'text[]')}, ${param('limits', 'int[]')},
          ${param('limitWindowSeconds', 'int[]')})`,
      )
      .prepare('cast_votes'),
  }
}
const statements = new WeakMap<Executor, ReturnType<typeof statementsFor>>()
function statementsOf(executor: Executor) {
  let prepared = statements.get(executor)
  if (!prepared) statements.set(executor, (prepared = statementsFor(executor)))
  return prepared
}

async function castOne(executor: Executor, ballot: Ballot): Promise<CastAnswer> {
  const [answer] = await statementsOf(executor).one.execute(ballot)
  return answer!
}

async function castMany(executor: Executor, ballots: Ballot[]): Promise<CastAnswer[]> {
  const rows = await statementsOf(executor).many.execute({
    userIds: ballots.map((ballot) => ballot.userId),
    ideaIds: ballots.map((ballot) => ballot.ideaId),
    values: ballots.map((ballot) => ballot.value),
    channels: ballots.map((ballot) => ballot.channel),
    limitBuckets: ballots.map((ballot) => ballot.limitBucket),
    limits: ballots.map((ballot) => ballot.limit),
    limitWindowSeconds: ballots.map((ballot) => ballot.limitWindowSeconds),
  })
  const answers: CastAnswer[] = []
  for (const { n, ...answer } of rows) answers[Number(n) - 1] = answer
  if (answers.length !== ballots.length || answers.includes(undefined as never)) {
    throw new Error(`cast_votes answered ${rows.length} of ${ballots.length} ballots`)
  }
  return answers
}

/**
 * Group commit, per process and database: while a batch of ballots is in the database, the ballots
 * that arrive wait and then go together, as one statement and one transaction (cast_votes,
 * cast-votes.sql), each cast exactly as cast_vote casts it alone. Up to BATCHES_OUT batches are out
 * at once, locking in one order in the database (decision 051); a person with a ballot in a batch
 * still out waits for the next, so their ballots are cast in the order they made them. An idle site
 * casts a ballot at once; a busy one saves PostgreSQL a statement and a commit per ballot, and this
 * process most of its work per ballot. Each ballot is answered only after its batch committed. A
 * batch that fails as a whole (a lost connection, a ballot PostgreSQL refuses, a rare deadlock) is
 * cast again ballot by ballot, each answering for itself; casting twice is harmless (a ballot sets a
 * state).
 */
const MAX_BATCH = 100
// Two measured best (decision 051): PostgreSQL's CPU is what a third would wait for.
const BATCHES_OUT = 2
type Waiting = BatchWaiting<Ballot, CastAnswer>
const castInTurn = batchPerTurnOf<Executor, Ballot, CastAnswer>((database) => ({
  maxBatch: MAX_BATCH,
  batchesOut: { most: BATCHES_OUT, keyOf: (ballot) => ballot.userId },
  // castBatch answers every ballot itself; should it ever throw, batchPerTurn rejects the rest.
  handle: (batch) => castBatch(database, batch),
}))

async function castBatch(database: Executor, batch: Waiting[]) {
  if (batch.length > 1) {
    let answers: CastAnswer[]
    try {
      answers = await castMany(
        database,
        batch.map((waiting) => waiting.item),
      )
    } catch (error) {
      // The database is away: every ballot gets that answer now (a 503), not one by one.
      if (isDatabaseUnavailableError(error)) {
        for (const waiting of batch) waiting.reject(error)
        return
      }
      const reason = sqlStateOf(error)?.code ?? (error instanceof Error ? error.name : 'unknown')
      console.warn(
        `A batch of ${batch.length} ballots failed (${reason}): casting them one by one.`,
      )
      return castOneByOne(database, batch)
    }
    batch.forEach((waiting, index) => waiting.resolve(answers[index]!))
    return
  }
  return castOneByOne(database, batch)
}

async function castOneByOne(database: Executor, batch: Waiting[]) {
  for (const waiting of batch) {
    try {
      waiting.resolve(await castOne(database, waiting.item))
    } catch (error) {
      waiting.reject(error)
    }
  }
}

export async function castVote({
  actor,
  ideaId,
  direction,
  channel = 'web',
  limit,
  executor,
}: {
  actor: VoteActor
  ideaId: number
  direction: VoteDirection
  /** Where the vote was given (staff capture votes from stores, calls, …). */
  channel?: string
  /** Counts the ballot against this rate limit first, in the same transaction; refused over it. */
  limit?: { rule: RateLimitRule; subject: string }
  /** A transaction to cast it in; by default it goes with the next batch (its own transaction). */
  executor?: Executor
}): Promise<CastVoteResult> {
  const ballot: Ballot = {
    userId: actor.id,
    ideaId,
    value: voteValue(direction),
    channel,
    limitBucket: limit ? rateLimitBucket(limit) : null,
    limit: limit?.rule.limit ?? null,
    limitWindowSeconds: limit?.rule.windowSeconds ?? null,
  }
  const answer = executor ? await castOne(executor, ballot) : await castInTurn(db(), ballot)
  const outcome = answer.outcome
  if (outcome === 'tooMany') {
    return {
      ok: false,
      reason: outcome,
      retryAfterSeconds: Math.max(1, Number(answer.retryAfter ?? 1)),
    }
  }
  if (outcome !== 'ok') return { ok: false, reason: outcome }
  return {
    ok: true,
    direction,
    upVotes: Number(answer.upVotes),
    downVotes: Number(answer.downVotes),
    score: Number(answer.score),
  }
}

/**
 * A person's own vote, from the vote button or the vote form: counted against the per-person vote
 * limit. (Staff capturing a customer's vote, and the API, set their own limits.)
 */
export function castOwnVote({
  actor,
  ideaId,
  direction,
}: {
  actor: VoteActor
  ideaId: number
  direction: VoteDirection
}) {
  return castVote({
    actor,
    ideaId,
    direction,
    limit: { rule: rateLimitRules.votePerUser, subject: String(actor.id) },
  })
}

/** The signed-in person's votes on the given ideas (for showing pressed buttons on a list page). */
/** One person's votes on some ideas: what a page with vote buttons asks for its viewer. */
type VotesWanted = { userId: number; ideaIds: number[] }

/**
 * The votes that the pages of one event-loop turn ask for (each its viewer's, on its ideas), read as
 * one prepared statement: under load the requests that arrive together share a round trip. The
 * read starts after every caller asked, so a vote cast before asking is seen.
 */
const votesInTurn = batchPerTurnOf<Executor, VotesWanted, Map<number, VoteDirection>>(
  (database) => ({
    handle: async (batch) => {
      const userIds: number[] = []
      const ideaIds: number[] = []
      for (const { item } of batch)
        for (const ideaId of item.ideaIds) {
          userIds.push(item.userId)
          ideaIds.push(ideaId)
        }
      const rows = await queryPreparedRows<{ user_id: number; idea_id: number; value: number }>(
        database,
        sql`select v.user_id, v.idea_id, v.value
            from unnest(${intArray(userIds)}, ${intArray(ideaIds)}) as wanted(user_id, idea_id)
            join ${votes} v on v.user_id = wanted.user_id and v.idea_id = wanted.idea_id`,
      )
      const byPerson = new Map<number, Map<number, VoteDirection>>()
      for (const row of rows) {
        let mine = byPerson.get(row.user_id)
        if (!mine) byPerson.set(row.user_id, (mine = new Map()))
        mine.set(row.idea_id, directionOf(row.value))
      }
      for (const call of batch) {
        const mine = byPerson.get(call.item.userId)
        call.resolve(
          new Map(
            call.item.ideaIds.flatMap((ideaId) => {
              const direction = mine?.get(ideaId)
              return direction ? [[ideaId, direction] as const] : []
            }),
          ),
        )
      }
    },
  }),
)

async function getVotesOf({ userId, ideaIds }: VotesWanted) {
  if (ideaIds.length === 0) return new Map<number, VoteDirection>()
  return votesInTurn(db(), { userId, ideaIds: ideaIds.map(Number) })
}

/** What every page with vote buttons tells them: whether the viewer may vote, and whether down-votes are on. */
export async function votingContext({ viewer }: { viewer: { id: number } | null | undefined }) {
  const { downVotesEnabled } = await getSettings()
  return { signedIn: Boolean(viewer), downVotesEnabled }
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
