// Who voted on an idea, for the back office: a paged list (newest vote first) and a CSV of all of them.
import { and, desc, eq, sql } from 'drizzle-orm'

import { db } from '#app/db/db.server'
import { users, votes } from '#app/db/schema'
import { csvLine } from '#app/utils/csv'
import { type Cursor, decodeCursor, encodeCursor } from '#app/utils/cursors'

export const VOTERS_PAGE_SIZE = 25
/** A CSV export reads at most this many votes (far beyond any idea's count today). */
const VOTERS_CSV_MAX = 100_000

/**
 * The idea's votes in order, newest first, cut to `limit` before the voters' names are joined: the
 * names are then read by key for the rows shown, not matched against every person.
 */
function votesInOrder({
  ideaId,
  after,
  limit,
}: {
  ideaId: number
  after?: Cursor | null
  limit: number
}) {
  return db()
    .select({
      userId: votes.userId,
      value: votes.value,
      channel: votes.channel,
      createdAt: votes.createdAt,
      sortValue: sql<string>`${votes.createdAt}::text`.as('sort_value'),
    })
    .from(votes)
    .where(
      and(
        eq(votes.ideaId, ideaId),
        after
          ? sql`(${votes.createdAt}, ${votes.userId}) < (${after.value}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(desc(votes.createdAt), desc(votes.userId))
    .limit(limit)
    .as('ordered_votes')
}

async function votersOf(ordered: ReturnType<typeof votesInOrder>) {
  return db()
    .select({
      userId: ordered.userId,
      name: users.displayName,
      value: ordered.value,
      channel: ordered.channel,
      createdAt: ordered.createdAt,
      sortValue: ordered.sortValue,
    })
    .from(ordered)
    .innerJoin(users, eq(users.id, ordered.userId))
    .orderBy(desc(ordered.createdAt), desc(ordered.userId))
}

/** One page of an idea's voters, newest vote first; `cursor` is the last page's `nextCursor`. */
export async function listVoters({
  ideaId,
  cursor,
  limit = VOTERS_PAGE_SIZE,
}: {
  ideaId: number
  cursor?: string | null
  limit?: number
}) {
  const rows = await votersOf(
    votesInOrder({ ideaId, after: decodeCursor(cursor, 'timestamptz'), limit: limit + 1 }),
  )
  const last = rows[limit - 1]
  return {
    voters: rows.slice(0, limit).map(({ sortValue: _sortValue, ...voter }) => voter),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ value: last.sortValue, id: last.userId }) : null,
  }
}

const VOTERS_CSV_HEADER = ['name', 'vote', 'channel', 'voted_at']

/** Every voter of an idea as CSV (name, up/down, channel, date), newest vote first. */
export async function votersCsv({ ideaId }: { ideaId: number }) {
  const rows = await votersOf(votesInOrder({ ideaId, limit: VOTERS_CSV_MAX }))
  return (
    csvLine(VOTERS_CSV_HEADER) +
    rows
      .map((row) => csvLine([row.name, row.value > 0 ? 'up' : 'down', row.channel, row.createdAt]))
      .join('')
  )
}
