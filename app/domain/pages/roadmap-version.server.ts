// What the roadmap depends on, read in one statement (docs/decisions/045): its ideas as getRoadmap
// reads them — each roadmap status's top ideas of the kind and category asked for, launched ones
// while recent, in the columns' order — each with its page version (changed by triggers with every
// write to the idea, and by the updates that announce it, drizzle/0032); the reference data's
// version (the statuses, their names and which are on the roadmap; categories); and the viewer's
// session, person and unread count (viewer-version.server.ts). One prepared statement per shape of
// the filters, their values placeholders.
import { sql } from 'drizzle-orm'

import type { IdeaKind } from '#app/db/schema'
import { preparedRead } from '#app/db/sql.server'
import { roadmapIdeaRows } from '#app/domain/ideas/ideas.server'

import { listVersionStatement } from './viewer-version.server'

function roadmapVersionOf(shape: { kind: boolean; category: boolean }) {
  const rows = roadmapIdeaRows({
    kind: shape.kind ? sql.placeholder('kind') : undefined,
    categoryId: shape.category ? sql.placeholder('categoryId') : undefined,
  })
  return preparedRead((database) =>
    listVersionStatement(
      database,
      `roadmap_version${shape.kind ? ' kind' : ''}${shape.category ? ' category' : ''}`,
      {
        cards: sql<string | null>`(select string_agg(r.id || ':' || r.page_version, ','
            order by r.position, r.score desc, r.id desc) from (${rows}) r)`,
      },
    ),
  )
}

/** The four statements, by whether a kind and a category are asked for. */
const statements = [false, true].flatMap((kind) =>
  [false, true].map((category) => roadmapVersionOf({ kind, category })),
)

/** The versions of the roadmap for these filters and the session `sessionId` names. */
export async function readRoadmapVersion({
  kind,
  categoryId,
  sessionId,
}: {
  kind?: IdeaKind
  categoryId?: number
  sessionId: string | null
}) {
  const statement = statements[(kind ? 2 : 0) + (categoryId ? 1 : 0)]!
  const [row] = await statement().execute({ kind, categoryId, sessionId: sessionId ?? '' })
  return row
}
