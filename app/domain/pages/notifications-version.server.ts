// What the first page of a person's notifications depends on, read in one statement (docs/decisions/
// 041, 050): the page's notification rows themselves, hashed in the database, and the version of the
// text they show of the rows they name (an idea's title, a comment, an actor's name: changed only by
// writes that set notification_content_version, in their transaction); the reference data's version;
// and the viewer's session, person and unread count. Joining and hashing everything the rows name
// cost PostgreSQL ~0.5 ms a view, most of /notifications' time in the bench.
import { sql } from 'drizzle-orm'

import { notificationContentVersion, users } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import { firstNotificationRows } from '#app/domain/notifications/notifications.server'

import { listVersionStatement } from './viewer-version.server'

const notificationsVersion = preparedRead((database) =>
  listVersionStatement(database, 'notifications_version', {
    // Two rows' text could only collide by md5's: a different page is a different version.
    rows: sql<string>`concat_ws(':', (select ${notificationContentVersion.version} from ${notificationContentVersion}), (select md5(string_agg(page::text, '|')) from (${firstNotificationRows(database, users.id)}) page))`,
  }),
)

/** The versions of /notifications' first page for the person the session `sessionId` names. */
export async function readNotificationsVersion({ sessionId }: { sessionId: string }) {
  const [row] = await notificationsVersion().execute({ sessionId })
  return row
}
