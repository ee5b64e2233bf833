// The viewer's side of a page's version (decisions 040, 041): the session a request names and its
// person, read beside the page's own version in the same statement. A page's version statement
// selects these columns and left-joins `sessions` on the `sessionId` placeholder and `users` on the
// session; with no such session every column is null. kept-answers.server.ts judges the session
// (sessionStanding) and takes the person's strings and part from them.
import { eq, sql } from 'drizzle-orm'

import { sessions, users } from '#app/db/schema'

/** The session's and its person's columns a version needs. */
export const viewerColumns = {
  sessionExpiresAt: sessions.expiresAt,
  sessionLastSeenAt: sessions.lastSeenAt,
  userId: users.id,
  displayName: users.displayName,
  handle: users.handle,
  role: users.role,
  locale: users.locale,
  suspendedUntil: users.suspendedUntil,
  bannedAt: users.bannedAt,
}

/** The session named by the `sessionId` placeholder (`''`: none). */
export const sessionNamed = eq(sessions.id, sql.placeholder('sessionId'))

/** That session's person. */
export const personOfSession = eq(users.id, sessions.userId)
