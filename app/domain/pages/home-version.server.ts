// What the home page depends on, read in one statement (docs/decisions/048): its two lists' ideas
// as listIdeas reads them (home-page.server.ts: the same rows, with the one more each list reads, in
// the same order), each with its page version (changed by triggers with every write to the idea and
// its author's name, drizzle/0032) and the viewer's vote on it (the cards show it); the reference
// data's version (statuses, categories, the down-vote setting); and the viewer's session, person and
// unread count (viewer-version.server.ts). The board's totals are not read here: they come from a
// per-instance count at most a minute old (getSiteStats), which the route's version reads as the
// loader does. One prepared statement per id of the launched status.
import { type SQL, sql } from 'drizzle-orm'

import { ideas, users, votes } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import { firstBrowsingPageRows } from '#app/domain/ideas/ideas.server'

import { homeLists } from './home-page.server'
import { listVersionStatement } from './viewer-version.server'

/** A list's ideas in its order, each `id:page version:the viewer's vote`. */
function cardsOf(rows: SQL) {
  return sql<string | null>`(select string_agg(concat_ws(':', p.id, i.page_version, v.value), ','
      order by p.tier desc, p.sort_key desc, p.id desc)
    from (${rows}) p join ${ideas} i on i.id = p.id
    left join ${votes} v on v.idea_id = p.id and v.user_id = ${users.id})`
}

function homeVersionOf(launchedStatusId: number | null) {
  const trending = firstBrowsingPageRows({ ...homeLists.trending, statusId: null })
  const launched =
    launchedStatusId === null
      ? null
      : firstBrowsingPageRows({
          sort: homeLists.launched.sort,
          limit: homeLists.launched.limit,
          statusId: launchedStatusId,
        })
  return preparedRead((database) =>
    listVersionStatement(database, `home_version ${launchedStatusId ?? 'none'}`, {
      trending: cardsOf(trending.rows()),
      // No such status: the loader lists no launched ideas.
      launched: launched ? cardsOf(launched.rows()) : sql<string | null>`null`,
    }),
  )
}

/** The statements, by the launched status's id (one, unless its status is replaced). */
const statements = new Map<number | null, ReturnType<typeof homeVersionOf>>()

/** The versions of the home page, its launched ideas those of `launchedStatusId`'s status. */
export async function readHomeVersion({
  launchedStatusId,
  sessionId,
}: {
  launchedStatusId: number | null
  sessionId: string | null
}) {
  let statement = statements.get(launchedStatusId)
  if (!statement) statements.set(launchedStatusId, (statement = homeVersionOf(launchedStatusId)))
  const [row] = await statement().execute({ sessionId: sessionId ?? '' })
  return row
}
