// What the back office's triage queue (/admin, its first page in its default order, no filters)
// depends on, read in one statement (docs/decisions/042): the queue's ideas as the list reads them —
// the same rows, one more for the next page's link, in the same order — each with its page version
// (changed by triggers with every write to the idea, its author's name, tags and reports included,
// drizzle/0032) and its assignee's name; the counts the back office's navigation shows (the queue,
// open reports, ideas waiting for approval); the team an idea can be assigned to; the reference
// data's version; and the viewer's session, person and unread count. What the page says of time
// (days waiting, overdue, days left) is the loader's `unchangedUntil`.
import { sql } from 'drizzle-orm'

import { users } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import { firstQueuePageRows } from '#app/domain/triage/triage.server'

import { backOfficeColumns } from './back-office-version.server'
import { listVersionStatement } from './viewer-version.server'

const triageQueueVersion = preparedRead((database) =>
  listVersionStatement(database, 'triage_queue_version', {
    rows: sql<
      string | null
    >`(select string_agg(concat_ws(':', q.id, q.page_version, a.display_name), ','
          order by q.sort_value, q.id)
        from (${firstQueuePageRows()}) q left join ${users} a on a.id = q.assignee_id)`,
    ...backOfficeColumns,
  }),
)

/** The versions of the triage queue's first page for the session `sessionId` names. */
export async function readTriageQueueVersion({ sessionId }: { sessionId: string }) {
  const [row] = await triageQueueVersion().execute({ sessionId })
  return row
}
