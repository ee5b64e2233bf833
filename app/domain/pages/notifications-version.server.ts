// What the first page of a person's notifications depends on, read in one statement (docs/decisions/
// 041): the page's rows themselves — every column listNotifications reads, joined as it joins them
// (the idea, the update, the actor, the comment, the answer, the note) — hashed in the database, so
// an edit anywhere it looks changes the version without a trigger of its own; the reference data's
// version; and the viewer's session, person and unread count.
import { sql } from 'drizzle-orm'

import { users } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import { firstNotificationsPage } from '#app/domain/notifications/notifications.server'

import { listVersionStatement } from './viewer-version.server'

const notificationsVersion = preparedRead((database) =>
  listVersionStatement(database, 'notifications_version', {
    // Two rows' text could only collide by md5's: a different page is a different version.
    rows: sql<
      string | null
    >`(select md5(string_agg(page::text, '|')) from (${firstNotificationsPage(database, users.id)}) page)`,
  }),
)

/** The versions of /notifications' first page for the person the session `sessionId` names. */
export async function readNotificationsVersion({ sessionId }: { sessionId: string }) {
  const [row] = await notificationsVersion().execute({ sessionId })
  return row
}
