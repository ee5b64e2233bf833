// What the leaderboard depends on, read in one statement (docs/decisions/049): its rows themselves —
// the top contributors of the period as the page reads them (leaderboardRows), names and points —
// hashed in the database, so a vote that earns points or a new name changes the version without a
// trigger of its own; the reference data's version; and the viewer's session, person and unread
// count (viewer-version.server.ts).
import { sql } from 'drizzle-orm'

import { preparedRead } from '#app/db/sql.server'
import type { LeaderboardPeriod } from '#app/domain/points/points.rules'
import { periodKey } from '#app/domain/points/points.rules'
import { leaderboardRows } from '#app/domain/points/points.server'

import { listVersionStatement } from './viewer-version.server'

const leaderboardVersion = preparedRead((database) =>
  listVersionStatement(database, 'leaderboard_version', {
    // Two rows' text could only collide by md5's: a different board is a different version.
    rows: sql<
      string | null
    >`(select md5(string_agg(board::text, '|')) from (${leaderboardRows(database)}) board)`,
  }),
)

/**
 * The versions of the leaderboard of `period` (this month's: the month is part of it) for the
 * session `sessionId` names (none: '').
 */
export async function readLeaderboardVersion({
  period,
  sessionId,
  now = new Date(),
}: {
  period: LeaderboardPeriod
  sessionId: string | null
  now?: Date
}) {
  const key = periodKey(period, now)
  const [row] = await leaderboardVersion().execute({ period: key, sessionId: sessionId ?? '' })
  return row && { ...row, period: key }
}
