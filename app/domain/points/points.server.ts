// Contributor points, kept per month and for all time in `contributor_points`. Votes adjust them
// inside cast_vote (app/domain/votes/cast-vote.sql), status changes in their own transaction
// (awardImplemented); recountPoints rebuilds them from the rows.
import { and, desc, eq, isNull, sql } from 'drizzle-orm'

import { type Database, db, type Executor } from '#app/db/db.server'
import { contributorPoints, users } from '#app/db/schema'
import { literalLimit, preparedRead } from '#app/db/sql.server'

import { type LeaderboardPeriod, monthPeriod, periodKey } from './points.rules'

type Award = { executor: Executor; userId: number; at: Date; delta: number }

async function adjust({
  executor,
  userId,
  at,
  column,
  delta,
}: Award & { column: 'votes_received' | 'ideas_implemented' }) {
  if (delta === 0) return
  const field = sql.raw(column)
  await executor.execute(sql`
    insert into ${contributorPoints} (user_id, period, ${field})
    values (${userId}, 'all', ${delta}), (${userId}, ${monthPeriod(at)}, ${delta})
    on conflict (period, user_id) do update set ${field} = ${contributorPoints}.${field} + excluded.${field}`)
}

/** One of `userId`'s ideas became implemented (+1) or stopped being so (-1) at `at`. */
export function awardImplemented(award: Award) {
  return adjust({ ...award, column: 'ideas_implemented' })
}

/** Rebuilds the counters from votes and statuses: everyone's (seed data, repairs) or some people's (merges). */
export async function recountPoints({
  executor = db(),
  userIds,
}: { executor?: Executor; userIds?: number[] } = {}) {
  const only = userIds ? sql`and i.author_id in ${userIds.length ? userIds : [0]}` : sql``
  await executor.transaction(async (tx) => {
    await tx.execute(
      userIds
        ? sql`delete from ${contributorPoints} where user_id in ${userIds.length ? userIds : [0]}`
        : sql`delete from ${contributorPoints}`,
    )
    await tx.execute(sql`
      with earned as (
        select i.author_id as user_id, to_char(v.created_at at time zone 'UTC', 'YYYY-MM') as month,
               count(*)::int as votes, 0 as implemented
        from votes v join ideas i on i.id = v.idea_id
        where v.value = 1 and v.user_id <> i.author_id ${only}
        group by 1, 2
        union all
        select i.author_id, to_char(i.status_changed_at at time zone 'UTC', 'YYYY-MM'), 0, count(*)::int
        from ideas i join statuses s on s.id = i.status_id
        where s.slug = 'implemented' ${only}
        group by 1, 2
      ),
      periods as (
        select user_id, month as period, votes, implemented from earned
        union all
        select user_id, 'all', votes, implemented from earned
      )
      insert into ${contributorPoints} (user_id, period, votes_received, ideas_implemented)
      select user_id, period, sum(votes), sum(implemented) from periods group by user_id, period`)
  })
}

/**
 * The top contributors of this month or of all time, best first (ties: who joined first), among
 * the people who may take part.
 */
const LEADERBOARD_SIZE = 25

/**
 * The leaderboard's rows for `limit` rows, its period the placeholder `period`: the page's statement,
 * and a column of another statement (the page's version, decision 049).
 */
export function leaderboardRows(database: Database, limit = LEADERBOARD_SIZE) {
  return database
    .select({
      userId: users.id,
      displayName: users.displayName,
      handle: users.handle,
      points: sql<number>`${contributorPoints.points}`,
      votesReceived: contributorPoints.votesReceived,
      ideasImplemented: contributorPoints.ideasImplemented,
    })
    .from(contributorPoints)
    .innerJoin(users, eq(users.id, contributorPoints.userId))
    .where(
      and(
        eq(contributorPoints.period, sql.placeholder('period')),
        sql`${contributorPoints.points} > 0`,
        // Nobody banned, suspended (until the suspension ends) or gone is held up as an example
        // (fresh-eyes review: a suspended person stayed on it).
        isNull(users.bannedAt),
        isNull(users.deletedAt),
        sql`(${users.suspendedUntil} is null or ${users.suspendedUntil} <= now())`,
      ),
    )
    .orderBy(desc(contributorPoints.points), contributorPoints.userId)
    .limit(literalLimit(limit))
}

/** The leaderboard's statement for `limit` rows (built once per size). */
function leaderboardStatement(limit: number) {
  return preparedRead((database) =>
    leaderboardRows(database, limit).prepare(`leaderboard ${limit}`),
  )
}

/** The page's statement; another size (tests) is built when asked for. */
const leaderboard = leaderboardStatement(LEADERBOARD_SIZE)

export async function getLeaderboard({
  period,
  limit = LEADERBOARD_SIZE,
  now = new Date(),
}: {
  period: LeaderboardPeriod
  limit?: number
  now?: Date
}) {
  const statement = limit === LEADERBOARD_SIZE ? leaderboard : leaderboardStatement(limit)
  return statement().execute({ period: periodKey(period, now) })
}

/** A person's points this month and in all. */
export async function getPointsOf({ userId, now = new Date() }: { userId: number; now?: Date }) {
  const rows = await db()
    .select({
      period: contributorPoints.period,
      points: sql<number>`${contributorPoints.points}`,
      votesReceived: contributorPoints.votesReceived,
      ideasImplemented: contributorPoints.ideasImplemented,
    })
    .from(contributorPoints)
    .where(
      and(
        eq(contributorPoints.userId, userId),
        sql`${contributorPoints.period} in ('all', ${monthPeriod(now)})`,
      ),
    )
  const empty = { points: 0, votesReceived: 0, ideasImplemented: 0 }
  const pick = (period: string) => {
    const row = rows.find((candidate) => candidate.period === period)
    return row
      ? {
          points: Number(row.points),
          votesReceived: row.votesReceived,
          ideasImplemented: row.ideasImplemented,
        }
      : empty
  }
  return { allTime: pick('all'), thisMonth: pick(monthPeriod(now)) }
}
