// What the first page of the published updates (/updates) depends on, read in one statement
// (docs/decisions/049): the page's rows themselves — every column the list shows, joined as it joins
// them (the author's name, the cover, the count of linked ideas) — hashed in the database, so a
// publication, an edit or a rename changes the version without a trigger of its own; the reference
// data's version; and the viewer's session, person and unread count (viewer-version.server.ts).
import { sql } from 'drizzle-orm'

import { preparedRead } from '#app/db/sql.server'
import { firstPublishedUpdatesPage } from '#app/domain/updates/updates.server'

import { listVersionStatement } from './viewer-version.server'

const updatesVersion = preparedRead((database) =>
  listVersionStatement(database, 'updates_version', {
    // Two rows' text could only collide by md5's: a different page is a different version.
    rows: sql<
      string | null
    >`(select md5(string_agg(page::text, '|')) from (${firstPublishedUpdatesPage(database)}) page)`,
  }),
)

/** The versions of /updates' first page for the session `sessionId` names (none: ''). */
export async function readUpdatesVersion({ sessionId }: { sessionId: string | null }) {
  const [row] = await updatesVersion().execute({ sessionId: sessionId ?? '' })
  return row
}
