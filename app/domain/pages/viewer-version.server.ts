// The viewer's side of a page's version (decisions 040, 041): the session a request names and its
// person, read beside the page's own version in the same statement. A page's version statement
// selects these columns and left-joins `sessions` on the `sessionId` placeholder and `users` on the
// session; with no such session every column is null. kept-answers.server.ts judges the session
// (sessionStanding) and takes the person's strings and part from them.
import { eq, type SQL, sql } from 'drizzle-orm'

import type { Database } from '#app/db/db.server'
import { referenceVersion, sessions, users } from '#app/db/schema'
import { sessionPersonColumns } from '#app/domain/accounts/sessions.server'
import { unreadCountOf } from '#app/domain/notifications/notifications.server'

/** The session's and its person's columns a version needs. */
export const viewerColumns = {
  sessionExpiresAt: sessions.expiresAt,
  sessionLastSeenAt: sessions.lastSeenAt,
  userId: users.id,
  ...sessionPersonColumns,
}

/** The session named by the `sessionId` placeholder (`''`: none). */
export const sessionNamed = eq(sessions.id, sql.placeholder('sessionId'))

/** That session's person. */
export const personOfSession = eq(users.id, sessions.userId)

/**
 * A version statement for a page of lists (decision 041), prepared as `name`: the page's own
 * columns (`page`, which may refer to the viewer as `users.id`), the reference data's version, the
 * viewer's columns and their part besides (their unread count; null for nobody signed in).
 */
export function listVersionStatement<Page extends Record<string, SQL>>(
  database: Database,
  name: string,
  page: Page,
) {
  return database
    .select({
      ...page,
      referenceVersion: sql<string>`${referenceVersion.version}::text`,
      ...viewerColumns,
      viewerPart: sql<
        string | null
      >`case when ${users.id} is null then null else ${unreadCountOf(users.id)}::text end`,
    })
    .from(referenceVersion)
    .leftJoin(sessions, sessionNamed)
    .leftJoin(users, personOfSession)
    .prepare(name)
}
