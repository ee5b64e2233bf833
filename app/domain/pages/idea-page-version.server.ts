// What an idea page's answer depends on, read in one statement (docs/decisions/040): the idea's page
// version (triggers change it with every write to what the page shows, drizzle/0032), the reference
// data's version, the days off of the working calendar, and what of the page is the viewer's own — their session as validateSession would
// judge it, their name and handle (filled into the kept page), role, account language and unread
// count, and their part in this idea: its author or not, their vote, their follow, their reports,
// their comments. Two people with the same part are shown the same page but for their names.
import { eq, sql } from 'drizzle-orm'

import {
  comments,
  follows,
  holidays,
  ideas,
  referenceVersion,
  reports,
  sessions,
  users,
  votes,
} from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import { unreadCountOf } from '#app/domain/notifications/notifications.server'

import { personOfSession, sessionNamed, viewerColumns } from './viewer-version.server'

const pageVersion = preparedRead((database) =>
  database
    .select({
      pageVersion: ideas.pageVersion,
      referenceVersion: sql<string>`(select ${referenceVersion.version}::text from ${referenceVersion})`,
      // The working calendar's days off, as workingCalendar reads them (the promise clock).
      holidays: sql<
        string | null
      >`(select string_agg(${holidays.day}::text, ',' order by ${holidays.day}) from ${holidays} where ${holidays.day} >= current_date - 30)`,
      ...viewerColumns,
      // What of this idea's page is the viewer's; null for nobody signed in.
      viewerPart: sql<string | null>`case when ${users.id} is null then null else concat_ws('|',
        ${unreadCountOf(users.id)},
        ${ideas.authorId} = ${users.id},
        (select ${votes.value} from ${votes} where ${votes.ideaId} = ${ideas.id} and ${votes.userId} = ${users.id}),
        exists (select 1 from ${follows} where ${follows.ideaId} = ${ideas.id} and ${follows.userId} = ${users.id}),
        (select string_agg(coalesce(r.comment_id, 0)::text, ',' order by r.id) from ${reports} r
          left join ${comments} rc on rc.id = r.comment_id
          where r.reporter_id = ${users.id} and ((r.comment_id is null and r.idea_id = ${ideas.id}) or rc.idea_id = ${ideas.id})),
        (select string_agg(c.id::text, ',' order by c.id) from ${comments} c
          where c.idea_id = ${ideas.id} and c.author_id = ${users.id})
      ) end`,
    })
    .from(ideas)
    .leftJoin(sessions, sessionNamed)
    .leftJoin(users, personOfSession)
    .where(eq(ideas.id, sql.placeholder('ideaId')))
    .prepare('idea_page_version'),
)

/** The versions of idea `ideaId`'s page for the session `sessionId` names (null: none); undefined: no such idea. */
export async function readIdeaPageVersion({
  ideaId,
  sessionId,
}: {
  ideaId: number
  sessionId: string | null
}) {
  const [row] = await pageVersion().execute({ ideaId, sessionId: sessionId ?? '' })
  return row
}
