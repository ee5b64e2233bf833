// What the first page of a person's own ideas (/my/ideas) depends on, read in one statement
// (docs/decisions/041): their ideas as listIdeasByAuthor reads them — newest first, withdrawn, held
// and hidden ones included, one more for the next page's link — each with its page version (changed
// by triggers with every write to the idea, drizzle/0032) and the person's own vote on it; the
// reference data's version; and the viewer's session, person and unread count.
import { sql } from 'drizzle-orm'

import { ideas, users, votes } from '#app/db/schema'
import { literalRowCount, preparedRead } from '#app/db/sql.server'
import { IDEAS_PAGE_SIZE } from '#app/domain/ideas/ideas.server'

import { listVersionStatement } from './viewer-version.server'

const myIdeasVersion = preparedRead((database) =>
  listVersionStatement(database, 'my_ideas_version', {
    cards: sql<string | null>`(select string_agg(concat_ws(':', p.id, p.page_version,
          case v.value when 1 then 'up' when -1 then 'down' end), ',' order by p.created_at desc, p.id desc)
        from (select i.id, i.page_version, i.created_at from ${ideas} i where i.author_id = ${users.id}
              order by i.created_at desc, i.id desc limit ${literalRowCount(IDEAS_PAGE_SIZE + 1)}) p
        left join ${votes} v on v.idea_id = p.id and v.user_id = ${users.id})`,
  }),
)

/** The versions of /my/ideas' first page for the person the session `sessionId` names. */
export async function readMyIdeasVersion({ sessionId }: { sessionId: string }) {
  const [row] = await myIdeasVersion().execute({ sessionId })
  return row
}
