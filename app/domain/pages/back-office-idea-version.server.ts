// What the back office's page of an idea (/admin/ideas/:id, no query) depends on, read in one
// statement (docs/decisions/043). Beside what the public page shows — the idea, its answers, tags and
// comments (hidden ones too), all in its page version, which triggers change with every write to them
// (drizzle/0032) — it shows what is the team's only:
// - the assignee, by name;
// - the internal notes, each with its writer's name (notes are never edited);
// - the first page of the idea's history (audit entries are never edited): its own entries and its
//   comments' (`ideaHistory`), each with its actor's name and the names its before/after refers to
//   by id (`idKinds`: the people and ideas here, the labels and categories in the reference data's
//   version; a comment's author and idea, as the page's comments show them, in the page version);
// - the first page of voters, with their names;
// - the open reports on the idea and on its comments, counted: not read here, since a report made
//   or dismissed changes the navigation's count of open reports, and the idea's page version (its
//   reporter's page says they reported it);
// - the navigation's counts and the team (backOfficeColumns);
// and the viewer's session, person and unread count. The page says nothing of time but dates.
import { type SQL, sql } from 'drizzle-orm'

import { auditLog, categories, ideas, internalNotes, tags, users, votes } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import { type AuditNames, idKinds } from '#app/domain/audit/audit.rules'
import { ideaHistory } from '#app/domain/audit/audit.server'
import { AUDIT_IDEA_PAGE_SIZE } from '#app/domain/triage/idea-page.server'
import { VOTERS_PAGE_SIZE } from '#app/domain/votes/voters.server'

import { backOfficeColumns } from './back-office-version.server'
import { listVersionStatement } from './viewer-version.server'

const ideaId = sql.placeholder('ideaId')

/** The name an audit entry's id of each kind is shown by, as auditNames reads it. */
const nameOfKind: Record<Exclude<keyof AuditNames, 'comments'>, (id: SQL) => SQL> = {
  users: (id) => sql`(select n.display_name from ${users} n where n.id = ${id})`,
  ideas: (id) => sql`(select n.title from ${ideas} n where n.id = ${id})`,
  tags: (id) =>
    sql`(select concat_ws(':', n.name_en, n.name_nl) from ${tags} n where n.id = ${id})`,
  categories: (id) =>
    sql`(select concat_ws(':', n.name_en, n.name_nl) from ${categories} n where n.id = ${id})`,
}

/** The names an entry `e` refers to in its before and after, each id as auditNameIds takes it (an integer). */
const auditEntryNames = sql.join(
  ['before', 'after'].flatMap((side) =>
    Object.entries(idKinds).map(([key, kind]) => {
      const value = sql.raw(`(e."${side}" -> '${key}')`)
      return nameOfKind[kind](
        sql`case when jsonb_typeof(${value}) = 'number' and ${value}::text ~ '^-?[0-9]{1,9}$' then ${value}::text::int end`,
      )
    }),
  ),
  sql`, `,
)

const backOfficeIdeaVersion = preparedRead((database) =>
  listVersionStatement(database, 'back_office_idea_version', {
    idea: sql<string | null>`(select concat_ws(':', i.page_version, a.display_name)
        from ${ideas} i left join ${users} a on a.id = i.assignee_id where i.id = ${ideaId})`,
    notes: sql<
      string | null
    >`(select string_agg(concat_ws(':', n.id, w.display_name), ',' order by n.id)
        from ${internalNotes} n left join ${users} w on w.id = n.author_id where n.idea_id = ${ideaId})`,
    history: sql<
      string | null
    >`(select string_agg(concat_ws(':', e.id, p.display_name, ${auditEntryNames}), ','
          order by e.created_at desc, e.id desc)
        from (select * from ${auditLog} where ${ideaHistory(ideaId)}
          order by created_at desc, id desc limit ${sql.raw(String(AUDIT_IDEA_PAGE_SIZE + 1))}) e
        left join ${users} p on p.id = e.actor_id)`,
    voters: sql<
      string | null
    >`(select string_agg(concat_ws(':', v.user_id, v.value, v.channel, v.created_at, p.display_name), ','
          order by v.created_at desc, v.user_id desc)
        from (select * from ${votes} where idea_id = ${ideaId}
          order by created_at desc, user_id desc limit ${sql.raw(String(VOTERS_PAGE_SIZE + 1))}) v
        join ${users} p on p.id = v.user_id)`,
    ...backOfficeColumns,
  }),
)

/** The versions of idea `ideaId`'s back-office page for the session `sessionId` names. */
export async function readBackOfficeIdeaVersion({
  ideaId,
  sessionId,
}: {
  ideaId: number
  sessionId: string
}) {
  const [row] = await backOfficeIdeaVersion().execute({ ideaId, sessionId })
  return row
}
